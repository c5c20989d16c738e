// Configuration and strings.
//
// The build (widget/build.py) replaces the two markers below with the
// stylesheet and a JSON blob: {keys: ["title", ...], locales: {en: {dir,
// strings: ["Confidential help", ...]}, ...}, emergency: {GB: [{display, href}]}}.
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
  return DATA.locales[CONFIG.locale].dir;
}

// A string in the configured language, falling back to English per key.
function t(key) {
  const i = DATA.keys.indexOf(key);
  return DATA.locales[CONFIG.locale].strings[i] || DATA.locales.en.strings[i];
}

function emergencyNumbers() {
  return DATA.emergency[CONFIG.country] || [];
}
