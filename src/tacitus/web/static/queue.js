// The queue page: map of the filtered events over the shipped district boundaries (no tiles), and j/k navigation.
"use strict";
(function () {
  var points = JSON.parse(document.getElementById("points").textContent);
  var map = L.map("map", {zoomSnap: 0.25, attributionControl: true});
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Boundaries: geoBoundaries (CC BY 4.0)");
  map.setView([30.2, 69.3], 5);
  fetch("/boundaries.geojson", {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {style: {color: "#777", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1}});
      layer.addTo(map);
      layer.bringToBack();
      map.fitBounds(layer.getBounds());
      document.getElementById("map").setAttribute("data-ready", "1");
    });
  var markers = L.layerGroup().addTo(map);
  points.forEach(function (p) {
    var radius = 3 + Math.min(9, Math.sqrt(p[3] || 0));
    L.circleMarker([p[1], p[2]], {radius: radius, color: "#a2302a", weight: 1, fillOpacity: 0.55})
      .on("click", function () { window.location.href = "/events/" + encodeURIComponent(p[0]); })
      .addTo(markers);
  });

  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr.row"));
  var selected = -1;
  function select(i) {
    if (!rows.length) { return; }
    if (selected >= 0) { rows[selected].classList.remove("selected"); }
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows[selected].classList.add("selected");
    rows[selected].scrollIntoView({block: "nearest"});
  }
  rows.forEach(function (row, i) {
    row.addEventListener("click", function (event) {
      if (event.target.tagName !== "A") { window.location.href = row.getAttribute("data-href"); }
      select(i);
    });
  });
  Workbench.onKey({
    "j": function () { select(selected + 1); },
    "k": function () { select(selected - 1); },
    "Enter": function () { if (selected >= 0) { window.location.href = rows[selected].getAttribute("data-href"); } },
    "/": function () { document.getElementById("f-actor").focus(); }
  });
})();
