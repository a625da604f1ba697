/* Klinik PKP: the one way the site sends anything to the intake server (page views, failed searches). Defines
   window.klinikBeacon only when site.yml names a server (data-intake) and the browser does not ask not to be
   tracked (Do Not Track or Global Privacy Control): without it, the counting scripts do nothing. No cookie is sent,
   no identifier exists, and a missing server costs the reader nothing but a failed request nobody sees. */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script && script.getAttribute("data-intake");
  var nav = window.navigator;
  if (!server || nav.doNotTrack === "1" || window.doNotTrack === "1" || nav.globalPrivacyControl === true) return;
  var base;
  try {
    base = new URL(server, window.location.href);
  } catch (e) {
    return;
  }

  /* POST `body` as text/plain (no CORS preflight) to `path` under the intake server, e.g. "api/tayangan". */
  window.klinikBeacon = function (path, body) {
    try {
      var endpoint = new URL(path, base).href;
      if (window.fetch) {
        // keepalive: the count still arrives when a click leaves the page; credentials omitted: no cookie
        window.fetch(endpoint, { method: "POST", body: body, keepalive: true, credentials: "omit",
          headers: { "Content-Type": "text/plain;charset=UTF-8" } }).catch(function () {});
      } else if (nav.sendBeacon) {
        nav.sendBeacon(endpoint, body);
      }
    } catch (e) { /* counting is never worth an error on the reader's page */ }
  };
})();
