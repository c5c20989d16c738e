// Shift pressed three times leaves the page: the behaviour of GOV.UK's
// "Exit this page" component, so people who know it there find it here.
//   - counted on keyup at document level (capture phase), so it works
//     wherever focus is on the host page;
//   - the 5 second window restarts on every press;
//   - any other key resets the count;
//   - Shift used as a modifier (Shift+A) does not count: the previous keyup
//     still had shiftKey set.
// Not Esc: Esc stops page loads and is already used by pop-ups and assistive
// technology. Esc only minimises the panel.

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
    // The host page already runs GOV.UK's Exit this page, which listens for
    // the same keys: two listeners would race to navigate.
    if (document.body.dataset.govukFrontendExitThisPageKeypress) return;
    if (event.key === "Shift" && !lastWasModified) {
      presses += 1;
      clearTimeout(timer);
      if (presses >= 3) {
        presses = 0;
        onExit();
      } else {
        announce(presses === 1 ? t("shift_2") : t("shift_1"));
        timer = setTimeout(expire, SHIFT_WINDOW_MS);
      }
    } else if (timer) {
      reset();
    }
    lastWasModified = event.shiftKey;
  };
}
