// Region maps: draws a region and its neighbours (or a province and its regencies) from the
// GeoJSON at data-geojson-url, on the shared map of static/js/map.js (no tiles, no inline
// script).
(function () {
  "use strict";

  var STYLES = {
    self: { color: "#063b37", weight: 2.5, fillColor: "#0b5d57", fillOpacity: 0.75 },
    neighbour: { color: "#4f7f7a", weight: 1.2, fillColor: "#b9dcd7", fillOpacity: 0.7 },
    child: { color: "#ffffff", weight: 1.5, fillColor: "#0b5d57", fillOpacity: 0.35 },
  };

  function styleFor(feature) {
    var role = feature.properties.role;
    var style = Object.assign({}, STYLES[role] || STYLES.neighbour);
    style.className = "region-" + role;
    return style;
  }

  function visit(url) {
    if (url) window.location.assign(url);
  }

  // Make a polygon reachable with Tab and openable with Enter, like a link.
  function makeFocusable(layer, feature) {
    var element = layer.getElement && layer.getElement();
    if (!element) return;
    var props = feature.properties;
    if (props.role === "self") {
      element.setAttribute("aria-label", props.name);
      element.setAttribute("role", "img");
      return;
    }
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "link");
    element.setAttribute("aria-label", props.name);
    SimpulMap.onActivate(element, function () {
      visit(props.url);
    });
    element.addEventListener("focus", function () {
      layer.setStyle({ weight: 3 });
      var tooltip = layer.getTooltip();
      if (tooltip && !tooltip.options.permanent) layer.openTooltip();
    });
    element.addEventListener("blur", function () {
      layer.setStyle({ weight: styleFor(feature).weight });
      var tooltip = layer.getTooltip();
      if (tooltip && !tooltip.options.permanent) layer.closeTooltip();
    });
  }

  // The outer rings of a polygon or multipolygon layer, as arrays of LatLng.
  function outerRings(layer) {
    var latlngs = layer.getLatLngs();
    if (L.LineUtil.isFlat(latlngs)) return [latlngs];
    if (L.LineUtil.isFlat(latlngs[0])) return [latlngs[0]];
    return latlngs.map(function (polygon) { return polygon[0]; });
  }

  function isInside(point, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if (a.y > point.y !== b.y > point.y &&
          point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
    }
    return inside;
  }

  function distanceToEdges(point, ring) {
    var best = Infinity;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var d = L.LineUtil.pointToSegmentDistance(point, ring[j], ring[i]);
      if (d < best) best = d;
    }
    return best;
  }

  // Where to put a neighbour's label: the point of its visible part farthest from its edges
  // and from the edge of the map, found on a grid. Leaflet's default, the centre of the
  // whole polygon, is often off-screen or outside a curved neighbour.
  function visibleLabelPoint(map, layer, labelSize) {
    var size = map.getSize();
    // Keep the whole label inside the map, and clear of the zoom buttons (top left).
    var dx = Math.min(size.x / 3, labelSize.x / 2 + 6);
    var dy = labelSize.y / 2 + 6;
    var view = L.bounds([dx, dy], [size.x - dx, size.y - dy]);
    var controls = L.bounds([0, 0], [60, 96]);
    if (view.max.x <= view.min.x || view.max.y <= view.min.y) return null;
    var best = null;
    var bestDistance = 14; // pixels: smaller slivers get no label
    outerRings(layer).forEach(function (ring) {
      var points = ring.map(function (latlng) { return map.latLngToContainerPoint(latlng); });
      var clipped = L.PolyUtil.clipPolygon(points, view);
      if (clipped.length < 3) return;
      var box = L.bounds(clipped);
      var extent = box.getSize();
      var step = Math.max(4, Math.sqrt((extent.x * extent.y) / 900));
      for (var x = box.min.x + step / 2; x < box.max.x; x += step) {
        for (var y = box.min.y + step / 2; y < box.max.y; y += step) {
          var candidate = L.point(x, y);
          var label = L.bounds([x - dx, y - dy], [x + dx, y + dy]);
          if (label.intersects(controls) || !isInside(candidate, clipped)) continue;
          var distance = distanceToEdges(candidate, clipped);
          if (distance > bestDistance) {
            bestDistance = distance;
            best = candidate;
          }
        }
      }
    });
    return best ? map.containerPointToLatLng(best) : null;
  }

  function placeLabels(map, layer) {
    layer.eachLayer(function (featureLayer) {
      var tooltip = featureLayer.getTooltip();
      if (!tooltip || !tooltip.options.permanent || featureLayer.feature.properties.role === "self") {
        return;
      }
      var element = tooltip.getElement();
      var labelSize = element ? L.point(element.offsetWidth, element.offsetHeight) : L.point(0, 0);
      var point = visibleLabelPoint(map, featureLayer, labelSize);
      if (element) element.style.visibility = point ? "" : "hidden";
      if (point) tooltip.setLatLng(point);
    });
  }

  function draw(container, data, map) {
    if (window.SimpulMapBase) {
      // The shared base layer (static/js/map-base.js); this script names its own regions.
      window.SimpulMapBase.add(map, container, {
        skip: data.features.map(function (f) { return f.properties.code; }),
      });
    }
    var selfLayer = null;
    var labelAll = data.features.length <= 12;
    var isProvince = data.features.some(function (f) { return f.properties.role === "child"; });
    var layer = L.geoJSON(data, {
      style: styleFor,
      onEachFeature: function (feature, featureLayer) {
        var props = feature.properties;
        // Label every area while there are few; with many, label on hover and focus only.
        featureLayer.bindTooltip(props.name, {
          direction: "center",
          className: "region-tooltip region-tooltip-" + props.role,
          // A province's own name would hide its regencies; its page heading names it.
          permanent: props.role === "self" ? !isProvince : labelAll,
        });
        if (props.role === "self") {
          selfLayer = featureLayer;
        } else {
          featureLayer.on("click", function () {
            visit(props.url);
          });
        }
      },
    }).addTo(map);

    if (selfLayer) {
      // A province holds its regencies, so all its areas frame the same view; a practice's
      // adopters (knowledge's adoption map, also "child") may lie far away and are framed too.
      var bounds = isProvince ? layer.getBounds() : selfLayer.getBounds();
      // A regency or city is shown with a margin of its neighbours around it.
      map.fitBounds(isProvince ? bounds : bounds.pad(0.4), { padding: [16, 16] });
      // A regency's own outline sits above its neighbours' shared edges; a province stays
      // below its regencies so they remain clickable.
      if (!isProvince) selfLayer.bringToFront();
    } else if (layer.getLayers().length) {
      map.fitBounds(layer.getBounds());
    }
    layer.eachLayer(function (featureLayer) {
      makeFocusable(featureLayer, featureLayer.feature);
    });
    placeLabels(map, layer);
    map.on("moveend zoomend", function () {
      placeLabels(map, layer);
    });
    drawPartnerLines(map);
  }

  // Lines from the region to its agreement partners, when a panel provided them
  // (json_script #region-partner-lines, a GeoJSON FeatureCollection of LineStrings).
  function drawPartnerLines(map) {
    var source = document.getElementById("region-partner-lines");
    if (!source) return;
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    if (!data || !data.features || !data.features.length) return;
    L.geoJSON(data, {
      style: function () {
        return { className: "partner-line", color: "#b5432f", weight: 2, opacity: 0.85, dashArray: "6 4" };
      },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.name, { sticky: true });
        layer.on("click", function () {
          visit(feature.properties.url);
        });
      },
    }).addTo(map);
  }

  SimpulMap.start("data-geojson-url", draw);
})();
