// Configuration and strings.
//
// The build (widget/build.py) replaces the two markers below with the
// stylesheet and a JSON blob: {locales: {en: ["ltr", "Confidential help", ...],
// ...}, emergency: {GB: ["999", "112"]},
// lines: {GB: {crisis: ["116 123"], helpline: ["0808 1000 900|+448081000900"]}}}.
// Nothing is fetched at run time except the chat itself, so the strings and
// emergency numbers work even when the server is down.
const CSS_TEXT = /*@CSS*/ "";
const DATA = /*@DATA*/ {};

const DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
const WEBHOOK_PATH = "/webhooks/rest/webhook";

// document.currentScript is only set while this file first runs, so the
// script tag's data-* attributes must be read now.
const CONFIG = readConfig(document.currentScript);

function readConfig(script) {
  const data = script ? script.dataset : {};
  const scriptUrl = new URL(script && script.src ? script.src : location.href);
  const apiBase = httpUrl(data.apiUrl, scriptUrl.origin).replace(/\/+$/, "");
  return {
    api: apiBase + WEBHOOK_PATH,
    locale: pickLocale(data.locale),
    country: /^[a-z]{2}$/i.test(data.country || "") ? data.country.toUpperCase() : "",
    exitUrl: httpUrl(data.exitUrl, DEFAULT_EXIT_URL),
    title: data.title || "",
    accent: data.accent && CSS.supports("color", data.accent) ? data.accent : "",
    position: data.position === "start" ? "start" : "end",
    open: data.open === "true",
  };
}

// Accept only http(s) addresses (relative ones resolve against the page);
// anything else, such as javascript:, falls back to the default.
function httpUrl(value, fallback) {
  try {
    const url = new URL(value, location.href);
    if (value && /^https?:$/.test(url.protocol)) return url.href;
  } catch (e) {
    // not a URL: use the fallback
  }
  return fallback;
}

// "pt-BR" -> "pt"; unknown languages get English.
function pickLocale(value) {
  const lang = String(value || "").toLowerCase().split(/[-_]/)[0];
  return DATA.locales[lang] ? lang : "en";
}

function direction() {
  return DATA.locales[CONFIG.locale][0];
}

// A string in the configured language, falling back to English per key.
// The build turns t("title") into t(1), the key's place in the strings.
function t(i) {
  return DATA.locales[CONFIG.locale][i] || DATA.locales.en[i];
}

function emergencyNumbers() {
  return unpack(DATA.emergency[CONFIG.country]);
}

// Numbers are packed as "display", or "display|dialled" when the number
// dialled is not simply the display's digits (widget/build.py).
function unpack(packed) {
  return (packed || []).map((text) => {
    const [display, dialled] = text.split("|");
    return { display, href: "tel:" + (dialled || display.replace(/[^\d+]/g, "")) };
  });
}
