/* Klinik PKP: counts which pages and downloads are used, never who uses them. Sends only the page's path
   (or a downloaded file's path) to the intake server: no cookie, no identifier, no address kept, and nothing
   at all when the browser asks not to be tracked (Do Not Track or Global Privacy Control). */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script && script.getAttribute("data-intake");
  if (!server) return;
  var nav = window.navigator;
  if (nav.doNotTrack === "1" || window.doNotTrack === "1" || nav.globalPrivacyControl === true) return;
  var endpoint;
  try {
    endpoint = new URL("api/tayangan", new URL(server, window.location.href)).href;
  } catch (e) {
    return;
  }
  var DOWNLOAD = /\.(pdf|csv|xlsx)$/i;

  function send(path) {
    if (typeof path !== "string" || path.charAt(0) !== "/" || path.length > 300) return;
    try {
      if (window.fetch) {
        // keepalive: the count still arrives when the click leaves the page; credentials omitted: no cookie
        window.fetch(endpoint, { method: "POST", body: path, keepalive: true, credentials: "omit",
          headers: { "Content-Type": "text/plain;charset=UTF-8" } }).catch(function () {});
      } else if (nav.sendBeacon) {
        nav.sendBeacon(endpoint, path);
      }
    } catch (e) { /* counting is never worth an error on the reader's page */ }
  }

  send(window.location.pathname);
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    var url;
    try {
      url = new URL(link.getAttribute("href"), window.location.href);
    } catch (e) {
      return;
    }
    if (url.origin === window.location.origin && DOWNLOAD.test(url.pathname)) send(url.pathname);
  }, true);
})();
