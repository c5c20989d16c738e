// DOM helpers and the pieces of the conversation (emergency line, service
// cards). Server text is only ever set with textContent, never parsed as HTML.

const SAFE_PROTOCOLS = ["http:", "https:", "tel:", "sms:", "mailto:"];

// h("p", {class: "x"}, "text", child, ...): a small createElement wrapper.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value);
  }
  el.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
  return el;
}

// An inline SVG icon from a path: no icon files, no extra requests.
function icon(path) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

// Phone numbers and web addresses are left-to-right even inside Arabic text.
function ltr(text) {
  return h("bdi", { dir: "ltr" }, text);
}

// Fill "%{name}" placeholders with nodes, so translators keep control of the
// word order and we never build HTML from strings.
function fill(template, values) {
  return template.split(/%\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part));
}

function safeHref(href) {
  try {
    return SAFE_PROTOCOLS.includes(new URL(href).protocol) ? href : null;
  } catch (e) {
    return null;
  }
}

// "call 112 or 110": each number a tel: link, joined the way the language joins lists.
function numberList(numbers) {
  const list = new Intl.ListFormat(CONFIG.locale, { type: "disjunction" });
  let next = 0;
  const parts = list.formatToParts(numbers.map((n) => n.display));
  return h("span", null, ...parts.map((part) => {
    if (part.type !== "element") return part.value;
    const number = numbers[next++];
    return h("a", { href: safeHref(number.href) }, ltr(number.display));
  }));
}

function emergencyLine() {
  const numbers = emergencyNumbers();
  if (!numbers.length) return h("p", null, t("emergency_unknown"));
  return h("p", null, ...fill(t("emergency"), { numbers: numberList(numbers) }));
}

// A web link opening in a new tab, without telling the service where the person came from.
function outLink(href, ...children) {
  const external = /^https?:/.test(href);
  return h("a", {
    href,
    target: external ? "_blank" : null,
    rel: external ? "noreferrer noopener" : null,
  }, ...children, external ? h("span", { class: "vh" }, " " + t("new_tab")) : null);
}

// "Call 0808 1000 900": the number kept left-to-right, whether or not the
// server's label already contains it.
function channelLabel(label, display) {
  const at = display ? label.indexOf(display) : -1;
  if (at < 0) return [label + " ", ltr(display || "")];
  return [label.slice(0, at), ltr(display), label.slice(at + display.length)];
}

function channelItem(channel) {
  const href = safeHref(channel.href);
  const label = channelLabel(channel.label || "", channel.display);
  return h("li", null,
    href ? outLink(href, ...label) : h("span", null, ...label),
    channel.note ? h("span", { class: "note" }, channel.note) : null);
}

function hoursLine(hours) {
  if (!hours) return null;
  const status = hours.status_text
    ? h("span", { class: "status " + (hours.status || "") }, hours.status_text)
    : null;
  // "Open 24 hours, every day" is both the status and the hours: say it once.
  const text = hours.text === hours.status_text ? "" : hours.text;
  return h("p", null, h("span", { class: "vh" }, t("hours") + ": "), status, text || "");
}

function detail(label, value) {
  return value ? h("div", null, h("dt", null, label), h("dd", null, value)) : null;
}

// Where the details come from, in the server's honest wording ("Details from a
// page published …; not yet checked by a person"), and the source.
function checkedLine(service) {
  if (!service.verified_text) return null;
  const source = safeHref(service.source_url);
  return h("p", { class: "small" }, service.verified_text,
    source ? " " : null,
    source ? outLink(source, t("source")) : null);
}

// A compact card: the name, the main way to reach the service as a large
// button, whether it is open now; everything else folded below, so three
// cards fit on a phone screen.
function serviceCard(service) {
  const [first, ...others] = (service.channels || []).map(channelItem);
  if (first) first.className = "main";
  return h("article", { class: "card", "data-kind": service.kind },
    h("h3", null, service.name),
    first ? h("ul", null, first) : null,
    hoursLine(service.hours),
    h("details", null,
      h("summary", null, t("details")),
      service.description ? h("p", null, service.description) : null,
      others.length ? h("ul", null, ...others) : null,
      h("dl", null,
        detail(t("cost"), service.cost),
        detail(t("confidentiality"), service.confidentiality),
        detail(t("languages"), service.languages)),
      checkedLine(service)));
}

// "Crisis line: 116 123.": a line from the built-in table.
function lineOf(template, packed) {
  return packed ? h("p", null, ...fill(template, { numbers: numberList(unpack(packed)) })) : null;
}

// What the widget shows without the server: the emergency number, and the
// country's crisis line and prevention helpline where the directory has them.
function fallbackLines() {
  const lines = DATA.lines[CONFIG.country] || {};
  return [emergencyLine(), lineOf(t("crisis"), lines.crisis), lineOf(t("helpline"), lines.helpline)];
}
