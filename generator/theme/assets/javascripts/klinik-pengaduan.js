/* Klinik PKP: the "Saran dan pengaduan layanan" form with JavaScript. Without it the form posts as plain HTML
   under the stricter no-JavaScript limit. With it the self-hosted ALTCHA widget solves its proof of work in
   the background, and the form waits for the solution before it posts, so it counts under the normal limit. */
(function () {
  "use strict";
  var form = document.getElementById("klinik-pengaduan");
  var slot = document.getElementById("klinik-altcha");
  if (!form || !slot || !window.klinikAltcha || form.getAttribute("data-pow") !== "ya") return;
  // A page not served by `klinik intake serve` still has the build's token marker: no API to ask for a challenge.
  if (form.elements.token_formulir.value.indexOf("__KLINIK") === 0) return;
  var widget = null;
  window.klinikAltcha(slot, function (shown) { widget = shown; });

  var sending = false;
  form.addEventListener("submit", function (ev) {
    var input = form.querySelector("input[name=altcha]");
    if (sending || !widget || (input && input.value)) return;  // solved (or no widget): the plain post goes ahead
    ev.preventDefault();
    sending = true;
    var timer = setTimeout(function () { form.submit(); }, 20000);
    widget.addEventListener("statechange", function (e) {
      if (e.detail && (e.detail.state === "verified" || e.detail.state === "error")) {
        clearTimeout(timer);
        form.submit();
      }
    });
  });
})();
