// The portal's national map: regencies and cities shaded by their number of public
// cooperations, and dashed lines between the regions of each agreement's parties, from the
// GeoJSON at data-map-url, on the shared map of static/js/map.js (no tiles, no inline script).
(function () {
  "use strict";

  var CLASSES = [
    { min: 10, fill: "#0b5d57" },
    { min: 4, fill: "#3f9a8f" },
    { min: 2, fill: "#8cc7bf" },
    { min: 1, fill: "#cfe8e4" },
  ];
  var INDONESIA = [[-11.2, 94.8], [6.3, 141.1]];

  function fillFor(count) {
    for (var i = 0; i < CLASSES.length; i++) {
      if (count >= CLASSES[i].min) return CLASSES[i].fill;
    }
    return "#ffffff";
  }

  // Popups are built from DOM nodes with textContent: names and titles are never HTML.
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function regionPopup(container, props) {
    var box = el("div", "", { "class": "portal-popup" });
    box.appendChild(el("strong", props.name));
    box.appendChild(el("p", container.getAttribute("data-count-label") + ": " + props.count));
    box.lastChild.style.margin = ".25rem 0";
    box.appendChild(el("a", container.getAttribute("data-open-label"), { href: props.url, "class": "portal-popup-link" }));
    return box;
  }

  function linkPopup(container, props) {
    var box = el("div", "", { "class": "portal-popup" });
    box.appendChild(el("strong", props.name));
    var list = el("ul");
    props.agreements.forEach(function (agreement) {
      var item = el("li");
      item.appendChild(el("a", agreement.title, { href: agreement.url }));
      item.appendChild(document.createTextNode(" (" + agreement.code + ")"));
      list.appendChild(item);
    });
    if (props.more) list.appendChild(el("li", "… " + container.getAttribute("data-more-label") + " (" + props.more + ")"));
    box.appendChild(list);
    return box;
  }

  // Reachable with Tab; Enter or Space opens the popup, like a click.
  function makeFocusable(layer, label) {
    var element = layer.getElement && layer.getElement();
    if (!element) return;
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", label);
    SimpulMap.onActivate(element, function () {
      layer.openPopup();
    });
  }

  function draw(container, data, map) {
    // The shared base layer (static/js/map-base.js) names these regions first.
    var regions = data.features.filter(function (f) { return f.properties.kind !== "link"; });
    if (window.SimpulMapBase) window.SimpulMapBase.add(map, container, { labels: regions });
    var links = data.features.filter(function (f) { return f.properties.kind === "link"; });
    var regionLayer = L.geoJSON({ type: "FeatureCollection", features: regions }, {
      style: function (feature) {
        if (feature.properties.kind === "province" && window.SimpulMapBase) {
          return Object.assign(window.SimpulMapBase.provinceStyle(), { className: "portal-province" });
        }
        return {
          className: "portal-region",
          color: "#063b37",
          weight: 1,
          fillColor: fillFor(feature.properties.count),
          fillOpacity: 0.85,
        };
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(regionPopup(container, feature.properties));
        layer.bindTooltip(feature.properties.name, { sticky: true });
      },
    }).addTo(map);
    var linkLayer = L.geoJSON({ type: "FeatureCollection", features: links }, {
      style: function () {
        return { className: "portal-link", color: "#b5432f", weight: 3, opacity: 0.85, dashArray: "6 4" };
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(linkPopup(container, feature.properties));
        layer.bindTooltip(feature.properties.name, { sticky: true });
      },
    }).addTo(map);
    var bounds = regionLayer.getBounds();
    if (linkLayer.getLayers().length) bounds.extend(linkLayer.getBounds());
    if (bounds.isValid()) {
      map.fitBounds(bounds.pad(0.15), { maxZoom: 10 });
    } else {
      map.fitBounds(INDONESIA);
    }
    regionLayer.eachLayer(function (layer) {
      var props = layer.feature.properties;
      makeFocusable(layer, props.name + ". " + container.getAttribute("data-count-label") + ": " + props.count);
    });
    linkLayer.eachLayer(function (layer) {
      makeFocusable(layer, layer.feature.properties.name);
    });
  }

  SimpulMap.start("data-map-url", draw);
})();
