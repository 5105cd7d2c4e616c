// Shared by every page: the CSRF token, JSON calls to the API, and the keyboard-shortcut help.
"use strict";
var Workbench = (function () {
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function call(method, url, body, etag) {
    var headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf()};
    if (etag !== undefined && etag !== null) { headers["If-Match"] = '"' + etag + '"'; }
    return fetch(url, {method: method, headers: headers, body: JSON.stringify(body), credentials: "same-origin"})
      .then(function (response) {
        return response.json().then(function (data) { return {status: response.status, data: data}; });
      });
  }
  function typing(event) {
    var t = event.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }
  function onKey(handlers) {
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (event.key === "Escape" && typing(event)) { event.target.blur(); return; }
      if (typing(event)) { return; }
      if (event.key === "?") {
        var help = document.getElementById("shortcuts");
        help.hidden = !help.hidden;
        event.preventDefault();
        return;
      }
      var handler = handlers[event.key];
      if (handler) { event.preventDefault(); handler(); }
    });
  }
  return {call: call, onKey: onKey};
})();
