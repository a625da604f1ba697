/* Klinik PKP: counts which pages and downloads are used, never who uses them. Sends only the page's path
   (or a downloaded file's path) through klinik-beacon.js, which exists only when site.yml names an intake server
   and the browser does not ask not to be tracked (Do Not Track or Global Privacy Control). */
(function () {
  "use strict";
  var beacon = window.klinikBeacon;
  if (!beacon) return;
  var DOWNLOAD = /\.(pdf|csv|xlsx)$/i;
  /* Pages the intake server draws in the site's shell are not the public site, and a status link's path is its
     secret token: they are never counted (nor sent). */
  var PRIVATE = /^\/(api|staf|survei)\//;
  if (PRIVATE.test(window.location.pathname)) return;

  function send(path) {
    if (typeof path !== "string" || path.charAt(0) !== "/" || path.length > 300) return;
    beacon("api/tayangan", path);
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
