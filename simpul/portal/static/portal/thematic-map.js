// The portal's thematic map: the shared base layer's regencies and cities (data-map-url, the
// same file every map uses, so no boundaries of our own are sent), coloured by the layer's
// values from the page's JSON (#thematic-data, json_script: no inline script), or the
// network layer's lines between partner regions. The table under the map has the same figures.
(function () {
  "use strict";

  var COLOURS = ["#0b5d57", "#3f9a8f", "#8cc7bf", "#cfe8e4"]; // darkest first, as the legend
  var INDONESIA = [[-11.2, 94.8], [6.3, 141.1]];

  function readData() {
    var node = document.getElementById("thematic-data");
    return node ? JSON.parse(node.textContent) : { values: {}, breaks: [], lines: [] };
  }

  function fillFor(value, breaks) {
    for (var i = 0; i < breaks.length; i++) {
      if (value >= breaks[i]) return COLOURS[i];
    }
    return COLOURS[COLOURS.length - 1];
  }

  function focusable(layer, label) {
    var element = layer.getElement && layer.getElement();
    if (!element) return;
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", label);
    SimpulMap.onActivate(element, function () { layer.openTooltip(); });
  }

  function draw(container, base, map) {
    var data = readData();
    var label = container.getAttribute("data-value-label");
    if (window.SimpulMapBase) window.SimpulMapBase.add(map, container, {});
    map.fitBounds(INDONESIA);
    if (data.layer === "network") {
      var drawn = L.featureGroup().addTo(map);
      data.lines.forEach(function (line) {
        var path = L.polyline([[line.from[1], line.from[0]], [line.to[1], line.to[0]]], {
          className: "portal-link", color: "#b5432f", opacity: 0.85, dashArray: "6 4",
          weight: Math.min(2 + line.count, 8),
        }).addTo(drawn);
        path.bindTooltip(line.name + ": " + line.count, { sticky: true });
        focusable(path, line.name + ". " + label + ": " + line.count);
      });
      fitTo(map, drawn);
      return;
    }
    var coloured = {
      type: "FeatureCollection",
      features: base.features.filter(function (f) { return f.properties.code in data.values; }),
    };
    var options = {
      style: function (feature) {
        return {
          className: "portal-region", color: "#063b37", weight: 0.8, fillOpacity: 0.85,
          fillColor: fillFor(data.values[feature.properties.code], data.breaks),
        };
      },
      onEachFeature: function (feature, layer) {
        var text = feature.properties.name + ". " + label + ": " + data.values[feature.properties.code];
        layer.bindTooltip(text, { sticky: true });
      },
    };
    var regions = L.geoJSON(coloured, options).addTo(map);
    regions.eachLayer(function (layer) {
      var props = layer.feature.properties;
      focusable(layer, props.name + ". " + label + ": " + data.values[props.code]);
    });
    fitTo(map, regions);
  }

  // Closer in on what the layer shows, when it is not spread over the whole country.
  function fitTo(map, group) {
    var bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 9 });
  }

  SimpulMap.start("data-map-url", draw);
})();
