// The <signpost-chat> element: launcher, chat panel, conversation, quick exit.
//
// Privacy: the conversation lives only in this element's DOM. Nothing goes to
// cookies or web storage; "End chat", quick exit and leaving the page rebuild
// the element from scratch, which drops every message and the sender id.

const REQUEST_TIMEOUT_MS = 20000;
const CHAT_ICON = "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
const MINIMISE_ICON = "M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z";

// A random id per conversation: it links the messages of one chat on the
// server and nothing else.
function newSenderId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function chatRequest(sender, message, intercept) {
  return {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      sender,
      message,
      metadata: { locale: CONFIG.locale, country: CONFIG.country, client: "widget", intercept: intercept || undefined },
    }),
    credentials: "omit",
    referrerPolicy: "no-referrer",
    cache: "no-store",
  };
}

// Tell the server the chat is over so it can forget it now. keepalive lets the
// request finish even while the page is being left; the answer is not needed.
function endConversation(sender) {
  fetch(CONFIG.api, { ...chatRequest(sender, "/end_chat"), keepalive: true }).catch(() => {});
}

class SignpostChat extends HTMLElement {
  constructor() {
    super();
    // Open, not closed: axe-core and Playwright cannot test inside a closed root.
    this.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    this.shadowRoot.adoptedStyleSheets = [sheet];
    // The status line outlives wipe(): a live region must already exist for
    // a change to be announced.
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
    // Opened for the host, not by the person: leave their focus where it is.
    if (CONFIG.open) this.open(false);
  }

  disconnectedCallback() {
    document.removeEventListener("keyup", this.onShift, true);
    removeEventListener("pageshow", this.onPageShow);
    removeEventListener("pagehide", this.onPageHide);
    this.wipe();
  }

  // Build the whole widget, closed and empty, with a new sender id.
  render() {
    this.sender = newSenderId();
    this.started = false;
    this.intercept = PAGE_INTERCEPT; // a chat opened from the platform intercept (intercept.js)
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
      // Nothing typed here may outlive the page: no autofill history, and no
      // spell-check service that could send the text elsewhere.
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

  // The notice shown before the first message.
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
      this.post(this.intercept ? INTERCEPT_FIRST_MESSAGE : "/start");
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

  // Buttons send their payload, but the person sees the words they chose.
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
      const response = await fetch(CONFIG.api, { ...chatRequest(this.sender, message, this.intercept), signal: controller.signal });
      // 429 (sending too fast) still carries the server's safety answer.
      if (response.ok || response.status === 429) replies = await response.json();
    } catch (e) {
      // Offline, timed out or wiped: handled below.
    }
    clearTimeout(timer);
    if (generation !== this.generation) return; // the chat was wiped meanwhile
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
    // The server's safety answer when a turn failed: shown like the offline notice.
    if (custom.kind === "failure") item.classList.add("notice", "failure");
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

  // Nobody is left with nothing: without the server, still show who to call.
  showOffline() {
    const item = this.addMessage("bot", null, h("p", null, t("offline")), emergencyLine());
    item.classList.add("notice");
    this.reveal(item);
  }

  // Scroll so the first new reply starts at the top of the view (without
  // animation, so reduced-motion needs nothing extra).
  reveal(item) {
    this.scroller.scrollTop = item.offsetTop - 16;
  }

  endChat() {
    endConversation(this.sender);
    this.wipe();
    this.launcher.focus();
    this.toast.textContent = t("ended");
  }

  // Forget the conversation: stop any request and rebuild the element, which
  // drops every message node and the sender id.
  wipe() {
    this.generation += 1;
    if (this.controller) this.controller.abort();
    this.render();
  }

  // Back/forward cache restore: a fresh, closed widget.
  reset() {
    this.wipe();
    this.toast.textContent = "";
  }

  // Quick exit. Order matters: forget everything first (the back/forward
  // cache keeps the DOM), cover the page, then replace this history entry so
  // Back does not lead straight here. History itself cannot be erased.
  leave() {
    endConversation(this.sender);
    this.wipe();
    const cover = h("div", { class: "cover", role: "alert" });
    this.shadowRoot.append(cover);
    cover.textContent = t("loading"); // set after insertion so it is announced
    // Do not tell the neutral site which page the person was on.
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
