// The charities' bundle (signpost.js) has no platform intercept: this stands
// in for intercept.js, which only the platforms' bundle carries
// (signpost-platform.js, docs/platforms.md), so the widget stays within 15 KB.

const PAGE_INTERCEPT = "";
const INTERCEPT_FIRST_MESSAGE = "/start";
