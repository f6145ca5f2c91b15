// The dashboard's freshness line: keeps "Updated … ago" current while the page is open, and
// reloads the page when the ETL has loaded newer figures since it was rendered. It polls
// /api/v1/freshness (same origin, the session cookie) every data-interval seconds while the tab
// is visible. Without this script the server-rendered text stays as it was.
(function () {
  "use strict";
  var box = document.getElementById("freshness");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-url");
  var every = (parseFloat(box.getAttribute("data-interval")) || 20) * 1000;
  var change = Date.parse(box.getAttribute("data-change") || "") || 0;
  // The lag the server measured and when we learnt it: the age shown is the server's clock's,
  // whatever the browser's clock says.
  var lag = parseFloat(box.getAttribute("data-lag"));
  var learnt = Date.now();

  // The same wording as crate::freshness::ago.
  function ago(seconds) {
    var s = Math.round(Math.max(0, seconds));
    if (s < 60) return s + " s ago";
    if (s < 3600) return Math.floor(s / 60) + " min ago";
    if (s < 86400) return Math.floor(s / 3600) + " h ago";
    return Math.floor(s / 86400) + " d ago";
  }

  function render() {
    var el = box.querySelector("time.as-of");
    if (el && !isNaN(lag)) el.textContent = ago(lag + (Date.now() - learnt) / 1000);
  }

  function apply(data) {
    var changed = Date.parse(data.last_change_at || "") || 0;
    if (changed > change) {
      // Newer figures: the simplest correct refresh is the page itself (same period, same URL).
      window.location.reload();
      return;
    }
    if (data.as_of && typeof data.lag_seconds === "number") {
      var el = box.querySelector("time.as-of");
      if (!el) return; // first sync without a change: the next one reloads
      el.setAttribute("datetime", data.as_of);
      el.setAttribute("title", data.as_of);
      lag = data.lag_seconds;
      learnt = Date.now();
      render();
    }
  }

  function poll() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) apply(data); })
      .catch(function () { /* offline or restarting: the next poll tries again */ });
  }

  box.setAttribute("data-script", "running");
  setInterval(poll, every);
  setInterval(render, 1000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });
})();
