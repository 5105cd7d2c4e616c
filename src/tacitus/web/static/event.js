// The event page: field <-> evidence highlighting, corrections and review actions through the JSON API.
"use strict";
(function () {
  var root = document.getElementById("event");
  var eventId = root.getAttribute("data-event-id");
  var version = root.getAttribute("data-version");
  var api = "/api/events/" + encodeURIComponent(eventId);
  var notice = document.getElementById("notice");

  function show(message, kind) {
    notice.textContent = message;
    notice.className = "notice " + (kind || "");
    notice.hidden = false;
  }
  function stale(data) {
    notice.textContent = "";
    notice.className = "notice error";
    notice.appendChild(document.createTextNode(data.error + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.id = "reload";
    button.textContent = "Reload";
    button.addEventListener("click", function () { window.location.reload(); });
    notice.appendChild(button);
    notice.hidden = false;
  }
  function done(result) {
    if (result.status === 200) { window.location.reload(); return; }
    if (result.status === 409) { stale(result.data); return; }
    show(result.data.error || ("error " + result.status), "error");
  }

  // Field <-> span: a field lights up its evidence; a piece of evidence lights up its fields.
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.ev"));
  function clear() {
    marks.forEach(function (m) { m.classList.remove("hit"); });
    document.querySelectorAll("tr.field.hit").forEach(function (r) { r.classList.remove("hit"); });
  }
  function lightField(field) {
    var row = document.getElementById("field-" + field);
    if (row) { row.classList.add("hit"); }
  }
  document.querySelectorAll("button.field-name").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = button.getAttribute("data-field");
      clear();
      lightField(field);
      var first = null;
      marks.forEach(function (m) {
        if (m.getAttribute("data-fields").split(" ").indexOf(field) >= 0) {
          m.classList.add("hit");
          first = first || m;
        }
      });
      if (first) { first.scrollIntoView({block: "center"}); }
    });
  });
  marks.forEach(function (mark) {
    mark.addEventListener("click", function () {
      clear();
      mark.classList.add("hit");
      var fields = mark.getAttribute("data-fields").split(" ");
      fields.forEach(lightField);
      var row = document.getElementById("field-" + fields[0]);
      if (row) { row.scrollIntoView({block: "center"}); }
    });
  });

  var form = document.getElementById("correct-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = {};
      fields[form.field.value] = form.value.value;
      Workbench.call("PATCH", api, {fields: fields, reason: form.reason.value}, version).then(done);
    });
    document.querySelectorAll("button.undo").forEach(function (button) {
      button.addEventListener("click", function () {
        var fields = {};
        fields[button.getAttribute("data-field")] = JSON.parse(button.getAttribute("data-before"));
        var reason = "undo earlier correction of " + button.getAttribute("data-field");
        Workbench.call("PATCH", api, {fields: fields, reason: reason}, version).then(done);
      });
    });
  }
  function review(status) {
    var reason = document.getElementById("review-reason");
    Workbench.call("POST", api + "/review", {status: status, reason: reason ? reason.value : ""}, version)
      .then(done);
  }
  var accept = document.getElementById("accept");
  if (accept) {
    accept.addEventListener("click", function () { review("accepted"); });
    document.getElementById("reject").addEventListener("click", function () { review("rejected"); });
    document.getElementById("merge").addEventListener("click", function () {
      var other = document.getElementById("merge-other").value.trim();
      var reason = document.getElementById("review-reason").value;
      Workbench.call("POST", api + "/merge", {other: other, reason: reason}, version).then(done);
    });
    document.querySelectorAll("button.wrong-link").forEach(function (button) {
      button.addEventListener("click", function () {
        var reason = document.getElementById("review-reason").value || "marked as a wrong link";
        Workbench.call("POST", api + "/wrong-link", {record_key: button.getAttribute("data-record"), reason: reason},
          version).then(function (result) {
            if (result.status === 200) { window.location.href = "/"; } else { done(result); }
          });
      });
    });
  }
  Workbench.onKey({
    "a": function () { if (accept) { review("accepted"); } },
    "x": function () { if (accept) { review("rejected"); } },
    "c": function () { var f = document.getElementById("correct-field"); if (f) { f.focus(); } },
    "g": function () { window.location.href = "/"; }
  });
})();
