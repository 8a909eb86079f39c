// Import job page: while the worker checks or imports a register, poll the status endpoint
// (data-status-url) and move the <progress> bar; reload the page when the job settles so the
// preview, errors or result appear. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  var SETTLED = { ready: true, invalid: true, done: true, failed: true };
  var INTERVAL = 1500;

  function start(section) {
    var url = section.getAttribute("data-status-url");
    if (!url || section.getAttribute("data-working") !== "true") return;
    var bar = section.querySelector("#import-progress-bar");
    var label = section.querySelector("#import-status-label");
    var counts = section.querySelector("#import-counts");
    var failures = 0;

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          if (label && data.status_label) label.textContent = data.status_label;
          if (bar && data.status === "importing" && data.total_rows > 0) {
            bar.max = data.total_rows;
            bar.value = data.processed_rows;
            if (counts) counts.textContent = data.processed_rows + " / " + data.total_rows;
          }
          if (SETTLED[data.status]) {
            window.location.reload();
            return;
          }
          window.setTimeout(poll, INTERVAL);
        })
        .catch(function () {
          failures += 1;
          if (failures < 5) {
            window.setTimeout(poll, INTERVAL * 2);
          } else {
            var reload = section.querySelector("#import-reload");
            if (reload) reload.hidden = false;
          }
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  function init() {
    var section = document.getElementById("import-progress");
    if (section) start(section);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
