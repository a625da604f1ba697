/* Klinik PKP: the self-hosted ALTCHA widget (vendor/altcha.js, beside this file) put into a form's slot with its
   Indonesian strings. Shared by the question form (klinik-ajukan.js) and the complaint form (klinik-pengaduan.js),
   which load it first; `ready(widget)` runs once the widget is on the page. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";

  window.klinikAltcha = function (slot, ready) {
    var loader = document.createElement("script");
    loader.src = here + "vendor/altcha.js";
    loader.onload = function () {
      var widget = document.createElement("altcha-widget");
      widget.setAttribute("challengeurl", slot.getAttribute("data-challenge"));
      widget.setAttribute("name", "altcha");
      widget.setAttribute("auto", "onload");
      widget.setAttribute("hidelogo", "");
      widget.setAttribute("hidefooter", "");
      widget.setAttribute("strings", JSON.stringify({
        label: "Pemeriksaan anti-spam otomatis", verifying: "Memeriksa...", verified: "Pemeriksaan selesai",
        error: "Pemeriksaan gagal. Muat ulang halaman.", expired: "Pemeriksaan kedaluwarsa. Coba lagi.",
        waitAlert: "Memeriksa... mohon tunggu.", ariaLinkLabel: "ALTCHA"
      }));
      slot.appendChild(widget);
      ready(widget);
    };
    document.head.appendChild(loader);
  };
})();
