(function () {
"use strict";
const CSS_TEXT = ":host{all:initial;--accent:#1d70b8;--text:#0b0c0c;--muted:#505a5f;--line:#b1b4b6;--soft:#f3f2f1;--warn:#d4351c;--focus:#ffdd00;font:normal 400 medium/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;color:var(--text)}[hidden]{display:none !important}.root{font-size:1em}*,*::before,*::after{box-sizing:border-box}p,h2,h3,ul,dl,dd{margin:0}a{color:var(--accent);text-decoration-thickness:max(1px,.0625em);text-underline-offset:.15em}button,input{font:inherit;color:inherit}button{min-height:2.75em;min-width:2.75em;padding:.4em .9em;border:2px solid transparent;border-radius:.25em;cursor:pointer}:focus-visible{outline:3px solid var(--text);outline-offset:0;box-shadow:0 0 0 6px var(--focus)}a:focus-visible{background:var(--focus);color:var(--text);text-decoration:none}.vh,.toast:empty{position:absolute !important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.skip:not(:focus){position:fixed;inset-block-start:0;inset-inline-start:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}.skip:focus{position:fixed;z-index:2147483647;inset-block-start:.5em;inset-inline-start:.5em;padding:.5em 1em;background:var(--focus)}.exit{background:var(--warn);color:#fff;font-weight:700;border-color:#fff}.exit:hover{background:#aa2a16}.primary{background:var(--accent);color:#fff;font-weight:700}.secondary{background:var(--soft);border-color:var(--line)}.bar,.panel,.toast{position:fixed;z-index:2147483646;inset-inline-end:1em}.start .bar,.start .panel,.start .toast{inset-inline-end:auto;inset-inline-start:1em}.bar{inset-block-end:1em;display:flex;gap:.5em;flex-wrap:wrap;justify-content:flex-end}.launcher{display:inline-flex;align-items:center;gap:.5em;box-shadow:0 2px 6px rgb(0 0 0 / .35)}.launcher svg{width:1.25em;height:1.25em;fill:currentColor}.toast{inset-block-end:4.5em;max-width:20em;padding:.5em .75em;background:var(--text);color:#fff;border-radius:.25em}.panel{inset-block-end:1em;display:flex;flex-direction:column;width:min(25em,calc(100vw - 2em));height:min(40em,calc(100vh - 2em));background:#fff;border:2px solid var(--text);border-radius:.5em;box-shadow:0 4px 16px rgb(0 0 0 / .3);overflow:hidden}header{display:flex;align-items:center;gap:.5em;padding:.5em;padding-inline:1em .5em;background:var(--accent);color:#fff}h2{flex:1;min-width:0;font-size:1.125em;line-height:1.3}.min{background:transparent;color:#fff;padding:.4em}.min svg{width:1.25em;height:1.25em;fill:currentColor;display:block}.scroll{position:relative;flex:1;overflow-y:auto;padding:1em}.intro{padding:.75em 1em;border-inline-start:5px solid var(--accent);background:var(--soft);margin-block-end:1em}.intro h3{font-size:1em}.intro ul{margin-block-start:.5em;padding-inline-start:1.25em}.intro li + li{margin-block-start:.35em}.log{display:flex;flex-direction:column;gap:.75em}.msg{max-width:90%;padding:.5em .75em;border-radius:.5em;white-space:pre-line;overflow-wrap:anywhere}.bot{align-self:flex-start;background:var(--soft);border:1px solid var(--line)}.user{align-self:flex-end;background:#d2e2f1}.notice{border-inline-start:5px solid var(--accent)}.service{max-width:100%;width:100%}.msg p + p{margin-block-start:.5em}.choices{display:flex;flex-wrap:wrap;gap:.5em;margin-block-start:.5em;white-space:normal}.choices button{background:#fff;border-color:var(--accent);color:var(--accent);font-weight:700;text-align:start}.choices button:hover{background:#e8f1f8}.card{white-space:normal;background:#fff;border:1px solid var(--line);border-radius:.25em;padding:.75em}.card h3{font-size:1.05em;margin-block-end:.25em}.card > * + *{margin-block-start:.5em}.card ul{list-style:none;padding:0}.card li + li{margin-block-start:.35em}.card li a{display:inline-block;min-height:1.5em;font-weight:700}.note,.small{color:var(--muted);font-size:.875em}.note{display:block}.card dt{font-weight:700}.status{display:inline-block;padding:0 .4em;margin-inline-end:.35em;border-radius:.25em;font-weight:700;background:var(--soft)}.status.always,.status.open{background:#cce2d8;color:#005a30}.status.closed{background:#f4cdc6;color:#942514}.waiting{color:var(--muted);padding-block-start:.75em}form{display:flex;gap:.5em;align-items:flex-end;padding:.75em 1em;border-block-start:1px solid var(--line)}form label{display:block;font-weight:700}.field{flex:1;min-width:0}input{width:100%;min-height:2.75em;padding:.4em .5em;border:2px solid var(--text);border-radius:0;background:#fff}input:focus-visible{box-shadow:inset 0 0 0 2px var(--text),0 0 0 6px var(--focus)}footer{padding:0 1em .75em}.cover{position:fixed;inset:0;z-index:2147483647;background:Canvas;color:CanvasText;padding:2em;font-size:1.25em}@media (max-width:40em),(max-height:30em){.panel{inset:0;width:auto;height:auto;border:0;border-radius:0}.start .panel{inset:0}}@media (prefers-reduced-motion:no-preference){.panel{animation:rise .15s ease-out}.waiting::after{content:\"\u2026\";animation:blink 1s steps(2) infinite}@keyframes rise{from{opacity:0;transform:translateY(.5em)}}@keyframes blink{50%{opacity:0}}}";
const DATA = {"emergency":{"DE":[{"display":"112","href":"tel:112"},{"display":"110","href":"tel:110"}],"FR":[{"display":"112","href":"tel:112"}],"GB":[{"display":"999","href":"tel:999"},{"display":"112","href":"tel:112"}]},"locales":{"ar":{"dir":"rtl","strings":{}},"de":{"dir":"ltr","strings":{}},"en":{"dir":"ltr","strings":{"bot":"Signpost said:","checked":"Details checked on %{date}.","confidentiality":"Confidentiality","cost":"Cost","emergency":"If a child is in danger right now, call %{numbers}.","emergency_unknown":"If a child is in danger right now, call your local emergency number.","end_chat":"End chat","ended":"Chat ended. The conversation has been deleted.","hours":"Opening hours","input_label":"Your message","intro_automated":"This is an automated service, not a person. It can point you to confidential help.","intro_heading":"Before you start","intro_identify":"Do not type names or details that could identify you or anyone else.","intro_leave":"To leave quickly, select \u201cLeave now\u201d or press the Shift key 3 times. This does not erase your browser history.","intro_saved":"Nothing you type is saved. When you end the chat or leave this page, the conversation is deleted.","leave_link":"Leave this site","leave_now":"Leave now","loading":"Loading.","log_label":"Conversation","minimise":"Minimise chat","new_tab":"(opens in a new tab)","offline":"Sorry, the chat is not available right now. Please try again later.","send":"Send","shift_1":"Shift, press 1 more time to leave.","shift_2":"Shift, press 2 more times to leave.","shift_expired":"Leaving with the Shift key timed out.","source":"Source","title":"Confidential help","waiting":"Waiting for a reply","you":"You said:"}},"es":{"dir":"ltr","strings":{}},"fi":{"dir":"ltr","strings":{}},"fr":{"dir":"ltr","strings":{}},"it":{"dir":"ltr","strings":{}},"nl":{"dir":"ltr","strings":{}},"pl":{"dir":"ltr","strings":{}},"pt":{"dir":"ltr","strings":{}},"sv":{"dir":"ltr","strings":{}},"tr":{"dir":"ltr","strings":{}}}};
const DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
const WEBHOOK_PATH = "/webhooks/rest/webhook";
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
function httpUrl(value, fallback) {
try {
const url = new URL(value, location.href);
if (value && /^https?:$/.test(url.protocol)) return url.href;
} catch (e) {
}
return fallback;
}
function pickLocale(value) {
const lang = String(value || "").toLowerCase().split(/[-_]/)[0];
return DATA.locales[lang] ? lang : "en";
}
function direction() {
return DATA.locales[CONFIG.locale].dir;
}
function t(key) {
return DATA.locales[CONFIG.locale].strings[key] || DATA.locales.en.strings[key];
}
function emergencyNumbers() {
return DATA.emergency[CONFIG.country] || [];
}
const SAFE_PROTOCOLS = ["http:", "https:", "tel:", "sms:", "mailto:"];
function h(tag, attrs, ...children) {
const el = document.createElement(tag);
for (const [name, value] of Object.entries(attrs || {})) {
if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value);
}
el.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
return el;
}
function icon(path) {
const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
svg.setAttribute("viewBox", "0 0 24 24");
svg.setAttribute("aria-hidden", "true");
svg.setAttribute("focusable", "false");
const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
shape.setAttribute("d", path);
svg.append(shape);
return svg;
}
function ltr(text) {
return h("bdi", { dir: "ltr" }, text);
}
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
function outLink(href, ...children) {
const external = /^https?:/.test(href);
return h("a", {
href,
target: external ? "_blank" : null,
rel: external ? "noreferrer noopener" : null,
}, ...children, external ? h("span", { class: "vh" }, " " + t("new_tab")) : null);
}
function channelItem(channel) {
const href = safeHref(channel.href);
const label = [channel.label + " ", ltr(channel.display || "")];
return h("li", null,
href ? outLink(href, ...label) : h("span", null, ...label),
channel.note ? h("span", { class: "note" }, channel.note) : null);
}
function hoursLine(hours) {
if (!hours) return null;
const status = hours.status_text
? h("span", { class: "status " + hours.status }, hours.status_text)
: null;
return h("p", null, h("span", { class: "vh" }, t("hours") + ": "), status, hours.text || "");
}
function detail(label, value) {
return value ? h("div", null, h("dt", null, label), h("dd", null, value)) : null;
}
function checkedLine(service) {
if (!service.verified_on) return null;
const date = new Date(service.verified_on + "T00:00:00Z");
const shown = isNaN(date) ? service.verified_on
: new Intl.DateTimeFormat(CONFIG.locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
const source = safeHref(service.source_url);
return h("p", { class: "small" },
...fill(t("checked"), { date: shown }),
source ? " " : null,
source ? outLink(source, t("source")) : null);
}
function serviceCard(service) {
return h("article", { class: "card", "data-kind": service.kind },
h("h3", null, service.name),
service.description ? h("p", null, service.description) : null,
h("ul", null, ...(service.channels || []).map(channelItem)),
hoursLine(service.hours),
h("dl", null,
detail(t("cost"), service.cost),
detail(t("confidentiality"), service.confidentiality)),
checkedLine(service));
}
const SHIFT_WINDOW_MS = 5000;
const EXPIRED_MESSAGE_MS = 5000;
function shiftCounter(onExit, announce) {
let presses = 0;
let lastWasModified = false;
let timer = 0;
function expire() {
presses = 0;
announce(t("shift_expired"));
timer = setTimeout(() => announce(""), EXPIRED_MESSAGE_MS);
}
function reset() {
presses = 0;
clearTimeout(timer);
timer = 0;
announce("");
}
return function onKeyUp(event) {
if (document.body.dataset.govukFrontendExitThisPageKeypress) return;
if (event.key === "Shift" && !lastWasModified) {
presses += 1;
clearTimeout(timer);
if (presses >= 3) {
presses = 0;
onExit();
} else {
announce(t(presses === 1 ? "shift_2" : "shift_1"));
timer = setTimeout(expire, SHIFT_WINDOW_MS);
}
} else if (timer) {
reset();
}
lastWasModified = event.shiftKey;
};
}
const REQUEST_TIMEOUT_MS = 20000;
const CHAT_ICON = "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
const MINIMISE_ICON = "M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z";
function newSenderId() {
const bytes = crypto.getRandomValues(new Uint8Array(16));
return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function chatRequest(sender, message) {
return {
method: "POST",
headers: { "Content-Type": "application/json" },
body: JSON.stringify({
sender,
message,
metadata: { locale: CONFIG.locale, country: CONFIG.country, client: "widget" },
}),
credentials: "omit",
referrerPolicy: "no-referrer",
cache: "no-store",
};
}
function endConversation(sender) {
fetch(CONFIG.api, { ...chatRequest(sender, "/end_chat"), keepalive: true }).catch(() => {});
}
class SignpostChat extends HTMLElement {
constructor() {
super();
this.attachShadow({ mode: "open" });
const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS_TEXT);
this.shadowRoot.adoptedStyleSheets = [sheet];
this.toast = h("p", { class: "toast", role: "status" });
this.generation = 0;
this.onShift = shiftCounter(() => this.leave(), (text) => { this.toast.textContent = text; });
this.onPageShow = (event) => { if (event.persisted) this.reset(); };
this.onPageHide = () => this.wipe();
}
connectedCallback() {
this.lang = CONFIG.locale;
this.dir = direction();
this.render();
document.addEventListener("keyup", this.onShift, true);
addEventListener("pageshow", this.onPageShow);
addEventListener("pagehide", this.onPageHide);
if (CONFIG.open) this.open(false);
}
disconnectedCallback() {
document.removeEventListener("keyup", this.onShift, true);
removeEventListener("pageshow", this.onPageShow);
removeEventListener("pagehide", this.onPageHide);
this.wipe();
}
render() {
this.sender = newSenderId();
this.started = false;
this.pending = false;
const title = CONFIG.title || t("title");
this.launcher = this.button("launcher primary", () => this.open(), icon(CHAT_ICON), title);
this.launcher.setAttribute("aria-expanded", "false");
this.launcher.setAttribute("aria-controls", "panel");
this.bar = h("div", { class: "bar" }, this.launcher, this.exitButton());
this.panel = this.renderPanel(title);
const skip = h("a", { class: "skip", href: CONFIG.exitUrl, rel: "nofollow noreferrer" }, t("leave_link"));
skip.addEventListener("click", (event) => { event.preventDefault(); this.leave(); });
const root = h("div", { class: "root " + CONFIG.position }, skip, this.bar, this.panel);
if (CONFIG.accent) root.style.setProperty("--accent", CONFIG.accent);
this.toast.className = "toast " + CONFIG.position;
this.shadowRoot.replaceChildren(root, this.toast);
}
renderPanel(title) {
const minimise = this.button("min", () => this.close(), icon(MINIMISE_ICON));
minimise.setAttribute("aria-label", t("minimise"));
this.log = h("div", { class: "log", role: "log", "aria-label": t("log_label") });
this.waiting = h("p", { class: "waiting", "aria-hidden": "true", hidden: "" }, t("waiting"));
this.scroller = h("div", { class: "scroll" }, this.intro(), this.log, this.waiting);
this.input = h("input", {
id: "message", type: "text", dir: "auto", maxlength: "1000",
autocomplete: "off", spellcheck: "false",
});
const form = h("form", null,
h("div", { class: "field" }, h("label", { for: "message" }, t("input_label")), this.input),
h("button", { type: "submit", class: "primary" }, t("send")));
form.addEventListener("submit", (event) => this.onSubmit(event));
const panel = h("section", { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", hidden: "" },
h("header", null, h("h2", { id: "title" }, title), minimise, this.exitButton()),
this.scroller,
form,
h("footer", null, this.button("secondary", () => this.endChat(), t("end_chat"))));
panel.addEventListener("keydown", (event) => {
if (event.key === "Escape") this.close();
});
return panel;
}
intro() {
return h("div", { class: "intro" },
h("h3", null, t("intro_heading")),
h("ul", null,
h("li", null, t("intro_automated")),
h("li", null, t("intro_saved")),
h("li", null, t("intro_identify")),
h("li", null, emergencyLine()),
h("li", null, t("intro_leave"))));
}
button(className, onClick, ...children) {
const button = h("button", { type: "button", class: className }, ...children);
button.addEventListener("click", onClick);
return button;
}
exitButton() {
return this.button("exit", () => this.leave(), t("leave_now"));
}
open(moveFocus = true) {
this.panel.hidden = false;
this.bar.hidden = true;
this.launcher.setAttribute("aria-expanded", "true");
if (moveFocus) this.input.focus();
if (!this.started) {
this.started = true;
this.post("/start");
}
}
close() {
this.panel.hidden = true;
this.bar.hidden = false;
this.launcher.setAttribute("aria-expanded", "false");
this.launcher.focus();
}
onSubmit(event) {
event.preventDefault();
const text = this.input.value.trim();
if (!text || this.pending) return;
this.input.value = "";
this.say(text, text);
}
choose(button) {
this.input.focus();
if (!this.pending) this.say(button.payload, button.title);
}
say(message, shown) {
this.log.querySelectorAll(".choices").forEach((choices) => choices.remove());
this.addMessage("user", null, h("p", { dir: "auto" }, shown));
this.scroller.scrollTop = this.scroller.scrollHeight;
this.post(message);
}
addMessage(who, attrs, ...content) {
const label = h("span", { class: "vh" }, t(who === "user" ? "you" : "bot") + " ");
const item = h("div", { class: "msg " + who, ...attrs }, label, ...content);
this.log.append(item);
return item;
}
async post(message) {
const generation = this.generation;
const controller = new AbortController();
const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
this.controller = controller;
this.setPending(true);
let replies = null;
try {
const response = await fetch(CONFIG.api, { ...chatRequest(this.sender, message), signal: controller.signal });
if (response.ok) replies = await response.json();
} catch (e) {
}
clearTimeout(timer);
if (generation !== this.generation) return;
this.setPending(false);
if (Array.isArray(replies)) this.showReplies(replies);
else this.showOffline();
}
setPending(pending) {
this.pending = pending;
this.waiting.hidden = !pending;
}
showReplies(replies) {
const items = replies.map((reply) => this.showReply(reply));
if (items.length) this.reveal(items[0]);
}
showReply(reply) {
const custom = reply.custom || {};
const service = custom.kind === "service" ? custom.service : null;
const item = this.addMessage("bot", { lang: custom.locale, dir: custom.dir },
service ? serviceCard(service) : h("p", null, reply.text || ""),
reply.buttons && reply.buttons.length ? this.choices(reply.buttons) : null);
if (service) item.classList.add("service");
if (custom.kind === "notice") item.classList.add("notice");
return item;
}
choices(buttons) {
return h("div", { class: "choices" },
...buttons.map((button) => {
const el = this.button("", () => this.choose(button), button.title);
el.dataset.payload = button.payload;
return el;
}));
}
showOffline() {
const item = this.addMessage("bot", null, h("p", null, t("offline")), emergencyLine());
item.classList.add("notice");
this.reveal(item);
}
reveal(item) {
this.scroller.scrollTop = item.offsetTop - 16;
}
endChat() {
endConversation(this.sender);
this.wipe();
this.launcher.focus();
this.toast.textContent = t("ended");
}
wipe() {
this.generation += 1;
if (this.controller) this.controller.abort();
this.render();
}
reset() {
this.wipe();
this.toast.textContent = "";
}
leave() {
endConversation(this.sender);
this.wipe();
const cover = h("div", { class: "cover", role: "alert" });
this.shadowRoot.append(cover);
cover.textContent = t("loading");
document.head.append(h("meta", { name: "referrer", content: "no-referrer" }));
location.replace(CONFIG.exitUrl);
}
}
if (!customElements.get("signpost-chat")) {
customElements.define("signpost-chat", SignpostChat);
const mount = () => document.body.prepend(document.createElement("signpost-chat"));
if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount);
}
})();
