// What every map of Simpul shares (the region maps and the portal's national map): the Leaflet
// map without tiles (no request leaves the site), the loading and error notice, fetching the
// GeoJSON, and keyboard activation of shapes. Each map script draws its own layers:
//
//   SimpulMap.start("data-map-url", draw)   for each [data-map-url] container, fetch its
//                                           GeoJSON and call draw(container, data, map)
//   SimpulMap.onActivate(element, action)   Enter or Space on a focused shape runs action
//
// Loaded (defer) before the page's map script. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  function showNotice(container, text) {
    var notice = container.querySelector(".map-notice");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "map-notice";
      container.appendChild(notice);
    }
    notice.textContent = text;
    notice.hidden = !text;
  }

  function createMap(container) {
    return L.map(container, {
      attributionControl: false, // the licence-required attribution is printed under the map
      zoomSnap: 0.25,
      scrollWheelZoom: false, // the page scrolls past the map; zoom with the buttons or keys
      keyboard: true,
    });
  }

  function onActivate(element, action) {
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        action();
      }
    });
  }

  function load(container, attribute, draw) {
    var url = container.getAttribute(attribute);
    if (!url || typeof L === "undefined") {
      showNotice(container, container.getAttribute("data-error-text") || "");
      return;
    }
    showNotice(container, container.getAttribute("data-loading-text") || "");
    fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        draw(container, data, createMap(container));
        container.classList.add("map-ready");
        showNotice(container, "");
      })
      .catch(function () {
        showNotice(container, container.getAttribute("data-error-text") || "");
      });
  }

  function start(attribute, draw) {
    function each() {
      document.querySelectorAll("[" + attribute + "]").forEach(function (container) {
        load(container, attribute, draw);
      });
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", each);
    } else {
      each();
    }
  }

  window.SimpulMap = { start: start, onActivate: onActivate, showNotice: showNotice };
})();
