// Progress of a matching run: poll the run's JSON every 2 s, move the bar, reload once it is done
// (the page then shows the draft or the error). No inline script: the CSP forbids them.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-progress-url");
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-progress-percent]");
  var message = box.querySelector("[data-progress-message]");
  var status = document.querySelector("[data-progress-status] .badge");
  var failures = 0;

  function show(data) {
    var value = Math.max(0, Math.min(100, Number(data.progress) || 0));
    if (bar) { bar.value = value; bar.textContent = value + " %"; }
    if (percent) { percent.textContent = value + " %"; }
    if (message) { message.textContent = data.message || ""; }
    if (status && data.status_label) { status.textContent = data.status_label; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        show(data);
        if (data.done) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        // A network hiccup or a restarting server: slow down, never give up silently for long.
        failures += 1;
        window.setTimeout(poll, Math.min(2000 * (failures + 1), 15000));
      });
  }

  window.setTimeout(poll, 2000);
})();
