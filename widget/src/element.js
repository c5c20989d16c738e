// The <signpost-chat> element: launcher, chat panel, conversation, quick exit.
//
// Privacy: the conversation lives only in this element's DOM. Nothing goes to
// cookies or web storage; every way of ending (the footer button, the "End
// chat" reply, the server ending it), quick exit and leaving the page rebuild
// the element from scratch, which drops every message and the sender id.
//
// Public API: the <signpost-chat> element, appended to the page by this
// script, with open() and close(). Everything else is internal.

const REQUEST_TIMEOUT_MS = 20000;
const MESSAGE_MS = 8000;
const MAX_MESSAGE = DATA.max; // the longest message the server reads (SIGNPOST_MAX_MESSAGE_CHARS)
const END_PAYLOAD = "/end_chat";
// The panel covers the whole screen (and is modal) where the CSS says so.
const FULL_SCREEN = "(max-width: 40em), (max-height: 30em)";
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
    // The wrapper resets every inherited property, so host CSS (a rule on
    // `body *`, say) cannot reach inside; :host alone loses to outer rules.
    this.root = h("div", { class: "root " + CONFIG.position, dir: direction() });
    if (CONFIG.accent) this.root.style.setProperty("--accent", CONFIG.accent);
    // The status line outlives wipe(): a live region must already exist for
    // a change to be announced. It sits in the flow above the buttons, so it
    // never covers them, and clears itself.
    this.toast = h("p", { class: "toast", role: "status" });
    // The link holds nothing of the conversation, so it is built once.
    const skip = h("a", { class: "skip", href: CONFIG.exitUrl, rel: "nofollow noreferrer" }, t("leave_link"));
    skip.addEventListener("click", (event) => { event.preventDefault(); this.leave(); });
    this.dock = h("div", { class: "dock" }, this.toast);
    this.root.append(skip, this.dock);
    this.shadowRoot.append(this.root);
    this.generation = 0;
    this.onShift = shiftCounter(() => this.leave(), (text) => this.announce(text));
    this.onPageShow = (event) => { if (event.persisted) this.reset(); };
    this.onPageHide = () => this.wipe();
    // Decided at each opening: the CSS follows zoom and rotation at once,
    // whether the panel is modal from the next opening.
    this.media = matchMedia(FULL_SCREEN);
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
    if (this.panel) this.panel.remove(), this.bar.remove();
    this.sender = newSenderId();
    this.started = false;
    this.intercept = PAGE_INTERCEPT; // a chat opened from the platform intercept (intercept.js)
    this.pending = 0;
    this.queue = Promise.resolve();
    const title = CONFIG.title || t("title");
    this.launcher = this.button("launcher primary", () => this.open(), icon(CHAT_ICON), title);
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.setAttribute("aria-controls", "panel");
    this.bar = h("div", { class: "bar" }, this.launcher, this.exitButton());
    this.panel = this.renderPanel(title);
    this.dock.append(this.bar);
    this.root.append(this.panel);
  }

  renderPanel(title) {
    const minimise = this.button("min", () => this.close(), icon(MINIMISE_ICON));
    minimise.setAttribute("aria-label", t("minimise"));
    this.log = h("div", { class: "log", role: "log", "aria-label": t("log_label"), tabindex: "-1" });
    // Announced, not just shown: "Waiting for a reply" is a status message.
    this.waiting = h("p", { class: "waiting", role: "status" });
    this.scroller = h("div", { class: "scroll" }, this.intro(), this.log, this.waiting);
    this.input = h("input", {
      id: "message", type: "text", dir: "auto",
      // Nothing typed here may outlive the page: no autofill history, and no
      // spell-check service that could send the text elsewhere.
      autocomplete: "off", spellcheck: "false",
    });
    // Shift counts, "too long": in the flow above the message box, never over it.
    this.status = h("p", { class: "status-line", role: "status" });
    const form = h("form", null,
      h("div", { class: "field" }, h("label", { for: "message" }, t("input_label")), this.input),
      h("button", { type: "submit", class: "primary" }, t("send")));
    form.addEventListener("submit", (event) => this.onSubmit(event));
    // No <header>/<footer>: inside the host page they would add a second
    // banner and contentinfo landmark.
    const panel = h("dialog", { id: "panel", class: "panel", "aria-labelledby": "title" },
      h("div", { class: "head" }, h("h2", { id: "title" }, title), minimise, this.exitButton()),
      this.scroller,
      this.status,
      form,
      h("div", { class: "foot" }, this.button("secondary", () => this.endChat(), t("end_chat"))));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    });
    // A modal dialog's own Escape handling would close it behind our back.
    panel.addEventListener("cancel", (event) => { event.preventDefault(); this.close(); });
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

  // Full screen on small screens and at high zoom: modal, so Tab cannot reach
  // the host links hidden behind it. Elsewhere the host page stays usable.
  show() {
    this.modal = this.media.matches;
    if (this.modal) this.panel.showModal();
    else this.panel.show();
  }

  open(moveFocus = true) {
    this.show();
    this.bar.hidden = true;
    this.toast.textContent = "";
    this.launcher.setAttribute("aria-expanded", "true");
    // On a phone the message box would pop up the keyboard over the replies:
    // showModal() focuses the first button, then the first reply takes focus.
    this.focusReplies = moveFocus && this.modal;
    if (moveFocus && !this.modal) this.input.focus();
    else if (!moveFocus && this.shadowRoot.activeElement) this.shadowRoot.activeElement.blur();
    if (!this.started) {
      this.started = true;
      this.post(this.intercept ? INTERCEPT_FIRST_MESSAGE : "/start");
    }
  }

  close() {
    this.panel.close();
    this.bar.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.focus();
  }

  // Status messages go where they can be seen: in the open panel, or above
  // the launcher. They clear themselves.
  announce(text, ms = 0) {
    const target = this.panel.open ? this.status : this.toast;
    (target === this.status ? this.toast : this.status).textContent = "";
    target.textContent = text;
    clearTimeout(this.announceTimer);
    if (ms) this.announceTimer = setTimeout(() => { target.textContent = ""; }, ms);
  }

  onSubmit(event) {
    event.preventDefault();
    const text = this.input.value.trim();
    if (!text) return;
    // Too long is said, never cut silently; the text stays to be shortened.
    if (text.length > MAX_MESSAGE) return this.announce(t("too_long").replace("%{max}", MAX_MESSAGE), MESSAGE_MS);
    this.input.value = "";
    this.say(text, text);
  }

  // Buttons send their payload, but the person sees the words they chose.
  choose(button) {
    if (button.payload === END_PAYLOAD) return this.endChat();
    if (this.modal) {
      this.focusReplies = true;
      this.log.focus();
    } else {
      this.input.focus();
    }
    this.say(button.payload, button.title);
  }

  say(message, shown) {
    this.log.querySelectorAll(".choices").forEach((choices) => choices.remove());
    this.addMessage("user", null, h("p", { dir: "auto" }, shown));
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.post(message);
  }

  addMessage(who, attrs, ...content) {
    const label = h("span", { class: "vh" }, (who === "user" ? t("you") : t("bot")) + " ");
    const item = h("div", { class: "msg " + who, ...attrs }, label, ...content);
    this.log.append(item);
    return item;
  }

  // Messages go one at a time, in order: one sent while waiting is queued,
  // never dropped.
  post(message) {
    this.queue = this.queue.then(() => this.send(message));
  }

  async send(message) {
    const generation = this.generation;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    this.controller = controller;
    this.setPending(1);
    let replies = null;
    try {
      const response = await fetch(CONFIG.api, { ...chatRequest(this.sender, message, this.intercept), signal: controller.signal });
      // 429 (sending too fast) still carries the server's safety answer.
      if (response.ok || response.status === 429) replies = await response.json();
    } catch (e) {
      // Offline, refused by CORS, timed out or wiped: handled below.
    }
    clearTimeout(timer);
    if (generation !== this.generation) return; // the chat was wiped meanwhile
    this.setPending(-1);
    if (Array.isArray(replies)) this.showReplies(replies, message);
    else this.showOffline(null, message);
  }

  setPending(change) {
    this.pending += change;
    this.waiting.textContent = this.pending ? t("waiting") : "";
  }

  showReplies(replies, message) {
    // The server ended the chat (the person typed "bye"): forget it here too.
    if (replies.some((reply) => (reply.custom || {}).route === "end_chat")) return this.endChat(false);
    const first = this.log.children.length === 0;
    const items = replies.map((reply) => this.showReply(reply, message));
    if (items.length) this.reveal(items[0], first);
    const button = items.length && this.log.querySelector(".choices button");
    if (this.focusReplies && button) {
      this.focusReplies = false;
      // Not scrolled to on the first reply: the notice stays in view.
      button.focus({ preventScroll: first });
    }
  }

  showReply(reply, message) {
    const custom = reply.custom || {};
    if (custom.kind === "failure") return this.showOffline(reply.text, message);
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

  // Nobody is left with nothing: without the server (down, offline, or this
  // page's origin not allowed), still show who to call, and offer a retry.
  showOffline(text, message) {
    const retry = this.button("secondary retry", () => {
      retry.parentNode.remove();
      this.post(message);
    }, t("retry"));
    const item = this.addMessage("bot", null, h("p", null, text || t("offline")), ...fallbackLines(), retry);
    item.classList.add("notice");
    if (!text) this.reveal(item, this.log.children.length === 1);
    return item;
  }

  // Scroll so the first new reply starts at the top of the view (without
  // animation, so reduced-motion needs nothing extra). The first reply leaves
  // the notice in view: it is read once, before anything else.
  reveal(item, first) {
    this.scroller.scrollTop = first ? 0 : item.offsetTop - 16;
  }

  // Every way of ending comes here. tell: false when the server ended it.
  endChat(tell = true) {
    if (tell) endConversation(this.sender);
    this.wipe();
    this.launcher.focus();
    this.announce(t("ended"), MESSAGE_MS);
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
    this.announce("");
  }


  // Quick exit. Order matters: forget everything first (the back/forward
  // cache keeps the DOM), cover the page, then replace this history entry so
  // Back does not lead straight here. History itself cannot be erased.
  leave() {
    endConversation(this.sender);
    this.wipe();
    const cover = h("div", { class: "cover", role: "alert" });
    this.root.append(cover);
    cover.textContent = t("loading"); // set after insertion so it is announced
    // Do not tell the neutral site which page the person was on.
    document.head.append(h("meta", { name: "referrer", content: "no-referrer" }));
    location.replace(CONFIG.exitUrl);
  }
}

if (!customElements.get("signpost-chat")) {
  customElements.define("signpost-chat", SignpostChat);
  // Appended, not prepended: the host's own skip link keeps the first Tab stop.
  const mount = () => document.body.append(document.createElement("signpost-chat"));
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
}
