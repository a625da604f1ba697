/* Klinik PKP: click-to-load player for embedded videos (slow data: nothing from the video host loads before the
   citizen presses play). The page shows our own cover and a link to the video; this script reveals the play
   button and, only when it is pressed, puts the host's player (from the build-checked data-sematan address)
   in the cover's place. Self-hosted videos need no script: <video preload="none" controls>. */
(function () {
  "use strict";
  function load(figure, button) {
    var frame = document.createElement("iframe");
    var address = new URL(figure.getAttribute("data-sematan"));
    address.searchParams.set("autoplay", "1");
    frame.src = address.href;
    frame.title = "Video: " + (figure.getAttribute("data-judul") || "");
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    var cover = figure.querySelector(".klinik-video__layar");
    if (cover) cover.replaceWith(frame);
    button.remove();
    frame.focus();
  }
  document.querySelectorAll(".klinik-video--sematan[data-sematan]").forEach(function (figure) {
    var button = figure.querySelector(".klinik-video__putar");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () { load(figure, button); }, { once: true });
  });
})();
