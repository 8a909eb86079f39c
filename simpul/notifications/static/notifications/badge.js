// The header's unread badge: asks /notifikasi/jumlah.json every minute while the page is
// visible (and at once when it becomes visible again), so the count follows without a reload.
(function () {
  "use strict";
  var badge = document.getElementById("notification-badge");
  if (!badge || !window.fetch) { return; }
  var url = badge.getAttribute("data-count-url");
  var hint = badge.querySelector(".visually-hidden");
  var PERIOD = 60000;
  function show(data) {
    if (typeof data.unread !== "number") { return; }
    badge.firstChild.nodeValue = data.label;
    badge.hidden = data.unread === 0;
  }
  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(show)
      .catch(function () { /* offline for a moment: the next tick tries again */ });
  }
  if (hint) { badge.setAttribute("aria-live", "polite"); }
  window.setInterval(refresh, PERIOD);
  document.addEventListener("visibilitychange", refresh);
})();
