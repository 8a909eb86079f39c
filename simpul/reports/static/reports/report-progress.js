// Report page: while the worker generates the report, poll its progress JSON
// (data-progress-url) every 2 seconds and move the <progress> bar; reload the page once the
// report is done or failed so its files or error appear. No inline scripts: the CSP forbids
// them. Without JavaScript the page keeps its plain "refresh" link.
(function () {
  "use strict";

  var INTERVAL = 2000;

  function start(section) {
    var url = section.getAttribute("data-progress-url");
    if (!url || section.getAttribute("data-working") !== "true") return;
    var bar = section.querySelector("#report-progress-bar");
    var status = section.querySelector("#report-status-label");
    var label = section.querySelector("#report-progress-label");
    var failures = 0;

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          if (bar) {
            bar.value = data.progress;
            bar.textContent = data.progress + "%";
          }
          if (status && data.status_label) status.textContent = data.status_label;
          if (label) label.textContent = data.label ? "· " + data.label + " (" + data.progress + "%)" : "";
          if (data.settled) {
            window.location.reload();
            return;
          }
          window.setTimeout(poll, INTERVAL);
        })
        .catch(function () {
          failures += 1;
          if (failures < 5) window.setTimeout(poll, INTERVAL * 2);
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  function init() {
    var section = document.getElementById("report-progress");
    if (section) start(section);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
