// Niceties for the agreement pages; everything works without this file.
(function () {
  "use strict";
  // Wizard step 1: the category applies to a KSDD only.
  const family = document.querySelector("#wizard-step-1 #id_family");
  const category = document.querySelector("#wizard-step-1 #id_category");
  if (family && category) {
    const sync = function () {
      const isKsdd = family.value === "ksdd";
      category.disabled = !isKsdd;
      if (!isKsdd) category.value = "";
    };
    family.addEventListener("change", sync);
    sync();
  }
  // Register: filters apply as soon as a select changes.
  const filters = document.querySelector(".register-filters");
  if (filters) {
    filters.querySelectorAll("select, input[type=checkbox]").forEach(function (input) {
      input.addEventListener("change", function () { filters.requestSubmit(); });
    });
  }
  // Register: on wide screens the extra filters start open.
  const more = document.querySelector(".more-filters[data-open-wide]");
  if (more && window.matchMedia("(min-width: 769px)").matches) {
    more.open = true;
  }
  // Transition forms: ask for the warnings checkbox before sending.
  document.querySelectorAll(".transition-form").forEach(function (form) {
    const accept = form.querySelector("input[name$='accept_warnings']");
    if (!accept) return;
    form.addEventListener("submit", function (event) {
      if (!accept.checked) {
        event.preventDefault();
        accept.focus();
        accept.closest("label").classList.add("text-warning");
      }
    });
  });
})();
