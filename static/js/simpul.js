// Site-wide behaviour. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // CSS that needs this script to be undone (folded menus) applies only under .js.
  document.documentElement.classList.add("js");
  // The phone menu button opens every row it names in aria-controls (work and portal).
  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    var menus = (toggle.getAttribute("aria-controls") || "").split(" ")
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      menus.forEach(function (menu) { menu.classList.toggle("open", !open); });
    });
  }
  // Wide tables (core/includes/table_wrap.html): say so when a table is wider than its
  // wrapper, and mark which edge still hides columns, on load and when the window changes.
  var wraps = document.querySelectorAll("[data-table-wrap]");
  function measure() {
    wraps.forEach(function (wrap) {
      var hidden = wrap.scrollWidth - wrap.clientWidth;
      var hint = wrap.previousElementSibling;
      wrap.toggleAttribute("data-overflowing", hidden > 1);
      wrap.toggleAttribute("data-more-right", hidden - wrap.scrollLeft > 1);
      wrap.toggleAttribute("data-more-left", wrap.scrollLeft > 1);
      if (hint && hint.classList.contains("table-scroll-hint")) { hint.hidden = hidden <= 1; }
    });
  }
  if (wraps.length) {
    measure();
    window.addEventListener("resize", measure);
    wraps.forEach(function (wrap) { wrap.addEventListener("scroll", measure, { passive: true }); });
  }
  // Drop-down groups (agreement tabs): Pico closes an open one on a click anywhere; Escape
  // closes it too and returns the focus to its summary, as people expect of a menu.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = event.target.closest && event.target.closest("details.dropdown[open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
  // Buttons that ask before a destructive POST: <button data-confirm="...">
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
