// Warn 2 minutes before an idle signed-in session ends, and offer to keep it going.
// The server puts the timeout on #idle-warning; without JavaScript nothing shows.
(function () {
  "use strict";
  var WARN_BEFORE_MS = 2 * 60 * 1000;
  var alertBox = document.getElementById("idle-warning");
  if (!alertBox || !window.fetch) {
    return;
  }
  var limitMs = Number(alertBox.getAttribute("data-idle-seconds")) * 1000;
  var form = alertBox.querySelector("[data-idle-form]");
  var message = alertBox.querySelector("[data-idle-message]");
  var ended = alertBox.querySelector("[data-idle-ended]");
  var timers = [];

  function show() {
    alertBox.hidden = false;
  }

  function expire() {
    message.hidden = true;
    form.hidden = true;
    ended.hidden = false;
    alertBox.hidden = false;
  }

  function start() {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(show, Math.max(limitMs - WARN_BEFORE_MS, 0)),
      setTimeout(expire, limitMs),
    ];
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = form.querySelector("input[name=csrf_token]").value;
    fetch(form.action, {
      method: "POST",
      headers: { "X-CSRF-Token": token },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 204) {
        alertBox.hidden = true;
        start();
      } else {
        expire();
      }
    }, expire);
  });

  start();
})();
