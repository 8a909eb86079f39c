// The neutral base layer under every map: Indonesia's provinces in a light land colour with
// their names, and from DETAIL_ZOOM on the regencies' and cities' outlines (and names), from
// the site's own GeoJSON (regions/basemap.py). No tiles: no request leaves the site.
//
// A map script calls, once its Leaflet map exists:
//   var base = SimpulMapBase.add(map, container, { labels: features, skip: codes });
// `container` carries data-base-url (provinces) and data-base-detail-url (regencies).
// `labels`: GeoJSON features (properties name, code, point [lon, lat], optional count) whose
// names are written first, in bold, the highest count first; `skip`: codes the caller labels itself. Names never overlap:
// labels are placed in order (the caller's, then the largest regions) and one that would
// cover an earlier one is left out. SimpulMapBase.provinceStyle() draws a province taking
// part in a cooperation (heavy outline, hatched).
(function () {
  "use strict";

  var DETAIL_ZOOM = 7; // regency and city outlines from here
  // ... up to here: closer in, the page's own exact boundaries carry the view and the base's
  // simplified lines (about 1 km off at worst) would show through them.
  var DETAIL_MAX_ZOOM = 10;
  var DETAIL_LABEL_ZOOM = 8; // their names from here
  var CHAR_WIDTH = { primary: 7.2, province: 6.6, regency: 6.2 }; // px per character, estimated
  var LABEL_HEIGHT = 16;
  var LABEL_GAP = 6; // px kept free around a name, so names read as separate
  var HATCH_ID = "simpul-map-hatch";

  var LAND = { stroke: false, fillColor: "#f6f5f0", fillOpacity: 1, interactive: false };
  var PROVINCE_BORDER = { color: "#8f9aa3", weight: 1.2, fill: false, interactive: false };
  var REGENCY_BORDER = { color: "#c3c9cd", weight: 0.7, fill: false, interactive: false };

  var loads = {}; // url -> promise: maps on one page share each file

  function load(url) {
    if (!url) return Promise.reject(new Error("no url"));
    if (!loads[url]) {
      loads[url] = fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        });
    }
    return loads[url];
  }

  function pane(map, name, zIndex) {
    var element = map.getPane(name) || map.createPane(name);
    element.style.zIndex = String(zIndex);
    element.style.pointerEvents = "none"; // the base is background: clicks reach the regions
    return element;
  }

  function shortName(name) {
    return name.replace(/^Kabupaten /, "Kab. ");
  }

  // One label: a marker whose icon is a span, centred on its point by CSS.
  function makeLabel(text, latlng, kind) {
    var span = document.createElement("span");
    span.textContent = text;
    var box = document.createElement("div");
    box.appendChild(span);
    return {
      text: text,
      kind: kind,
      latlng: latlng,
      width: text.length * CHAR_WIDTH[kind] + 8,
      marker: L.marker(latlng, {
        pane: "simpulBaseLabels",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "map-base-label map-base-label-" + kind, html: box, iconSize: [0, 0] }),
      }),
    };
  }

  function labelsOf(data, kind, skip) {
    return data.features
      .filter(function (f) { return !skip[f.properties.code] && f.properties.label; })
      .sort(function (a, b) { return (b.properties.area || 0) - (a.properties.area || 0); })
      .map(function (f) {
        var p = f.properties;
        return makeLabel(shortName(p.name), L.latLng(p.label[1], p.label[0]), kind);
      });
  }

  function overlaps(box, boxes) {
    for (var i = 0; i < boxes.length; i++) {
      if (box.intersects(boxes[i])) return true;
    }
    return false;
  }

  // Show each label, in order, unless it is outside the map or would cover one already shown
  // or one of the map's own permanent tooltips.
  function place(map, container, group, lists) {
    var size = map.getSize();
    var view = L.bounds([0, 0], [size.x, size.y]);
    var taken = [];
    var origin = container.getBoundingClientRect();
    container.querySelectorAll(".leaflet-tooltip").forEach(function (tooltip) {
      var r = tooltip.getBoundingClientRect();
      if (!r.width || tooltip.style.visibility === "hidden") return;
      taken.push(L.bounds([r.left - origin.left, r.top - origin.top], [r.right - origin.left, r.bottom - origin.top]));
    });
    taken.push(L.bounds([0, 0], [56, 96])); // the zoom buttons
    var zoom = map.getZoom();
    lists.forEach(function (list) {
      if (list.minZoom && zoom < list.minZoom) {
        list.labels.forEach(function (label) { group.removeLayer(label.marker); });
        return;
      }
      list.labels.forEach(function (label) {
        var at = map.latLngToContainerPoint(label.latlng);
        var half = L.point(label.width / 2, LABEL_HEIGHT / 2);
        var box = L.bounds(at.subtract(half), at.add(half));
        var spaced = L.bounds(box.min.subtract([LABEL_GAP, LABEL_GAP]), box.max.add([LABEL_GAP, LABEL_GAP]));
        var shown = view.contains(box) && !overlaps(spaced, taken);
        if (shown) {
          taken.push(box);
          group.addLayer(label.marker);
        } else {
          group.removeLayer(label.marker);
        }
      });
    });
  }

  function add(map, container, options) {
    options = options || {};
    var skip = {};
    (options.skip || []).forEach(function (code) { skip[code] = true; });
    var primary = (options.labels || [])
      .filter(function (f) { return f.properties.point; })
      .sort(function (a, b) { return (b.properties.count || 0) - (a.properties.count || 0); })
      .map(function (f) {
        var p = f.properties;
        skip[p.code] = true;
        return makeLabel(shortName(p.name), L.latLng(p.point[1], p.point[0]), "primary");
      });
    container.classList.add("map-has-base");
    pane(map, "simpulBaseLand", 210);
    pane(map, "simpulBaseDetail", 220);
    pane(map, "simpulBaseBorders", 230);
    pane(map, "simpulBaseLabels", 450); // above the map's regions, below tooltips and popups
    var group = L.layerGroup().addTo(map);
    // In order of precedence: the caller's names, regencies (close up only), provinces.
    var regencyLabels = { labels: [], minZoom: DETAIL_LABEL_ZOOM };
    var provinceLabels = { labels: [] };
    var lists = [{ labels: primary }, regencyLabels, provinceLabels];
    var detail = null;
    var detailLoading = false;

    function refresh() {
      // After the map's own handlers, so its tooltips are where they will stay.
      window.setTimeout(function () { place(map, container, group, lists); }, 0);
    }

    // Regency outlines only close up; their file is fetched the first time they are needed.
    function showDetail() {
      var wanted = map.getZoom() >= DETAIL_ZOOM && map.getZoom() <= DETAIL_MAX_ZOOM;
      if (detail) {
        if (wanted && !map.hasLayer(detail)) detail.addTo(map);
        if (!wanted && map.hasLayer(detail)) map.removeLayer(detail);
        return;
      }
      if (!wanted || detailLoading) return;
      detailLoading = true;
      load(container.getAttribute("data-base-detail-url")).then(function (data) {
        detail = L.geoJSON(data, {
          style: function () { return REGENCY_BORDER; },
          renderer: L.canvas({ pane: "simpulBaseDetail" }),
        });
        regencyLabels.labels = labelsOf(data, "regency", skip);
        showDetail();
        refresh();
      }).catch(function () {
        detailLoading = false;
      });
    }

    load(container.getAttribute("data-base-url")).then(function (data) {
      L.geoJSON(data, { style: function () { return LAND; }, renderer: L.canvas({ pane: "simpulBaseLand" }) }).addTo(map);
      L.geoJSON(data, { style: function () { return PROVINCE_BORDER; }, renderer: L.canvas({ pane: "simpulBaseBorders" }) }).addTo(map);
      provinceLabels.labels = labelsOf(data, "province", skip);
      container.classList.add("map-base-ready");
      refresh();
    }).catch(function () {
      // Without the base the map still works: its own regions on a plain background.
    });
    map.on("zoomend", showDetail);
    map.on("moveend zoomend resize", refresh);
    showDetail();
    refresh();
    return { refresh: refresh };
  }

  // The hatching of a province taking part: an SVG pattern the map's paths refer to.
  function ensureHatch() {
    if (document.getElementById(HATCH_ID)) return;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.style.position = "absolute";
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", HATCH_ID);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var line = document.createElementNS(ns, "rect");
    line.setAttribute("width", "2.5");
    line.setAttribute("height", "8");
    line.setAttribute("fill", "#5b7f9e");
    pattern.appendChild(line);
    var defs = document.createElementNS(ns, "defs");
    defs.appendChild(pattern);
    svg.appendChild(defs);
    document.body.appendChild(svg);
  }

  function provinceStyle() {
    ensureHatch();
    return {
      className: "map-province-party",
      color: "#1f3f5b",
      weight: 3.5,
      dashArray: "10 5",
      fillColor: "url(#" + HATCH_ID + ")",
      fillOpacity: 0.55,
    };
  }

  window.SimpulMapBase = { add: add, provinceStyle: provinceStyle };
})();
