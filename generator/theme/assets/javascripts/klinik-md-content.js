/* Material for MkDocs' script after the content (its partials/javascripts/content.html), as a file so the
   Content-Security-Policy allows no inline script: open the tab a link points to, and with
   data-tabs-link restore the tabs the reader chose before. */
(function () {
  "use strict";
  if (document.currentScript.hasAttribute("data-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        tabs.some(function (tab) {
          return Array.from(labels.getElementsByTagName("label")).some(function (label) {
            if (label.innerText.trim() !== tab) return false;
            document.getElementById(label.htmlFor).checked = true;
            return true;
          });
        });
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
