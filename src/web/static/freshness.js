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

  // The same wording as the server's (crate::web::i18n::Lang::ago), in the page's language:
  // the page carries each template with {n} where the number goes.
  function worded(name, fallback, n) {
    var template = box.getAttribute("data-ago-" + name) || fallback;
    return template.replace("{n}", String(n));
  }
  function ago(seconds) {
    var s = Math.round(Math.max(0, seconds));
    if (s < 60) return worded("s", "{n} s ago", s);
    if (s < 3600) return worded("min", "{n} min ago", Math.floor(s / 60));
    if (s < 86400) return worded("h", "{n} h ago", Math.floor(s / 3600));
    return worded("d", "{n} d ago", Math.floor(s / 86400));
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
