// The platform intercept (docs/platforms.md): Signpost.intercept({reason})
// opens the widget with the warning first. The warning, the service card and
// the button label come from the server (GET /intercept?format=json), so the
// twelve languages' texts add nothing to this file; offline, the person still
// gets the emergency numbers.

const INTERCEPT_REASONS = ["search", "prompt", "upload", "other"];
const INTERCEPT_FIRST_MESSAGE = "/need_viewed_images";

function interceptReason(value) {
  return INTERCEPT_REASONS.includes(value) ? value : "other";
}

// The chat page (/intercept/chat) opens the widget on the intercept's route
// with data-intercept; the warning was already shown there.
const PAGE_INTERCEPT = document.currentScript && document.currentScript.dataset.intercept
  ? interceptReason(document.currentScript.dataset.intercept) : "";

function apiBase() {
  return CONFIG.api.slice(0, -WEBHOOK_PATH.length);
}

async function fetchIntercept(reason) {
  const query = new URLSearchParams({ format: "json", locale: CONFIG.locale, country: CONFIG.country, reason });
  const response = await fetch(apiBase() + "/intercept?" + query, { credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store" });
  if (!response.ok) throw new Error("intercept");
  return response.json();
}

// Web links go through the server's counting redirect ("a contact chosen").
function countedCard(service) {
  const channels = service.channels.map((c) => (c.go ? { ...c, href: new URL(c.go, apiBase() + "/").href } : c));
  return serviceCard({ ...service, channels });
}

async function showIntercept(chat, reason) {
  chat.wipe(); // a new conversation, so that it counts as opened from the intercept
  chat.intercept = reason;
  chat.started = true;
  chat.open();
  const generation = chat.generation;
  chat.setPending(1);
  let content = null;
  try {
    content = await fetchIntercept(reason);
  } catch (e) {
    // offline: handled below
  }
  if (generation !== chat.generation) return;
  chat.setPending(-1);
  if (!content) return chat.showOffline();
  const attrs = { lang: content.locale, dir: content.dir };
  const warning = chat.addMessage("bot", attrs, h("h3", null, content.warning.heading),
    ...content.warning.paragraphs.map((p) => h("p", null, p)));
  warning.classList.add("notice");
  if (content.service) chat.addMessage("bot", attrs, countedCard(content.service)).classList.add("service");
  chat.addMessage("bot", attrs, h("p", null, content.chat.text),
    chat.choices([{ title: content.chat.label, payload: content.chat.first_message }]));
  chat.reveal(warning);
}

window.Signpost = Object.assign(window.Signpost || {}, {
  intercept(options) {
    const reason = interceptReason((options || {}).reason);
    const run = () => showIntercept(document.querySelector("signpost-chat"), reason);
    if (document.querySelector("signpost-chat")) run();
    else document.addEventListener("DOMContentLoaded", run);
  },
});
