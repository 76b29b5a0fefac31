// Save a question page in the background while the person types, so that closing the
// browser or being signed out loses as little as possible. The page works the same
// without it: "Save and continue" always saves. Only a page whose answers are valid is
// saved (the server answers 204); anything else is left for "Save and continue".
(function () {
  "use strict";
  var EVERY_MS = 5000;
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var status = form.querySelector("[data-autosave-status]");
  var sent = serialize();
  var busy = false;
  var submitting = false;

  function serialize() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function save() {
    var body = serialize();
    if (busy || submitting || body === sent) {
      return;
    }
    busy = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Autosave": "1",
      },
      credentials: "same-origin",
      redirect: "manual",
      // Finish the request even when the page is left meanwhile (closed, or moved on).
      keepalive: true,
    }).then(
      function (response) {
        busy = false;
        if (response.status === 204) {
          sent = body;
          if (status) {
            var now = new Date();
            var time = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
            status.textContent = "Your answers on this page were saved at " + time + ".";
          }
        }
      },
      function () {
        busy = false;
      }
    );
  }

  // "Save and continue" saves the page itself.
  form.addEventListener("submit", function () {
    submitting = true;
  });
  setInterval(save, EVERY_MS);
  // Leaving the page (closing the tab, following a link) gets one last try.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save();
    }
  });
})();
