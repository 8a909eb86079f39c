// Progress of background work (register imports, periodic reports): while the worker runs,
// poll the section's JSON (data-progress-url) and move its <progress> bar; reload the page once
// the work has settled so its result appears. No inline scripts: the CSP forbids them.
//
// Markup: <section data-progress-url="…" data-working="true" [data-settled="ready done …"]>
// with parts marked data-progress="bar" | "status" | "detail" | "reload". The JSON gives
// status_label, and either processed_rows/total_rows (counted work) or progress (0–100) with
// an optional label; it is settled when `settled` is true or its status is in data-settled.
// Without JavaScript the page keeps its plain links.
(function () {
  "use strict";

  var INTERVAL = 2000;

  function part(section, name) {
    return section.querySelector('[data-progress="' + name + '"]');
  }

  function show(section, data) {
    var bar = part(section, "bar");
    var status = part(section, "status");
    var detail = part(section, "detail");
    if (status && data.status_label) status.textContent = data.status_label;
    if (data.total_rows > 0) {
      if (data.status !== "importing") return;
      if (bar) {
        bar.max = data.total_rows;
        bar.value = data.processed_rows;
      }
      if (detail) detail.textContent = data.processed_rows + " / " + data.total_rows;
    } else if (typeof data.progress === "number") {
      if (bar) {
        bar.value = data.progress;
        bar.textContent = data.progress + "%";
      }
      if (detail) detail.textContent = data.label ? "· " + data.label + " (" + data.progress + "%)" : "";
    }
  }

  function start(section) {
    var url = section.getAttribute("data-progress-url");
    if (!url || section.getAttribute("data-working") !== "true") return;
    var settledStatuses = (section.getAttribute("data-settled") || "").split(" ");
    var failures = 0;

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          show(section, data);
          if (data.settled === true || settledStatuses.indexOf(data.status) >= 0) {
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
            var reload = part(section, "reload");
            if (reload) reload.hidden = false;
          }
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  function init() {
    var sections = document.querySelectorAll("[data-progress-url]");
    for (var i = 0; i < sections.length; i += 1) start(sections[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
