/* Klinik PKP: the "Ajukan pertanyaan" form with JavaScript. Without it the form still posts as plain
   HTML. With it: kabupaten/kota narrowed to the chosen province, the self-hosted ALTCHA proof of work,
   submission by fetch with errors shown next to each field, and the receipt shown in place. */
(function () {
  "use strict";
  var form = document.getElementById("klinik-ajukan");
  if (!form) return;
  var script = document.currentScript;
  var province = form.querySelector("#isian-provinsi");
  var city = form.querySelector("#isian-kabupaten_kota");
  var cities = Array.prototype.map.call(city.querySelectorAll("option[data-provinsi]"), function (o) {
    return { value: o.value, province: o.getAttribute("data-provinsi") };
  });

  function narrow() {
    var keep = city.value;
    var chosen = province.value;
    city.innerHTML = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = chosen ? "Pilih kabupaten/kota" : "Pilih provinsi dulu";
    city.appendChild(first);
    cities.forEach(function (c) {
      if (c.province !== chosen) return;
      var o = document.createElement("option");
      o.value = c.value;
      o.textContent = c.value;
      o.selected = c.value === keep;
      city.appendChild(o);
    });
    city.disabled = !chosen;
  }
  province.addEventListener("change", narrow);
  narrow();

  var widget = null;
  var slot = document.getElementById("klinik-altcha");
  // A page not served by `klinik intake serve` (e.g. plain `klinik serve`) still has the build's token
  // marker: there is no API to ask for a challenge, so the widget is not loaded.
  var served = form.elements.token_formulir.value.indexOf("__KLINIK") !== 0;
  if (served && form.getAttribute("data-pow") === "ya" && slot && script) {
    var loader = document.createElement("script");
    loader.src = script.src.replace(/klinik-ajukan\.js.*$/, "vendor/altcha.js");
    loader.onload = function () {
      widget = document.createElement("altcha-widget");
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
    };
    document.head.appendChild(loader);
  }

  function payloadReady() {
    return new Promise(function (resolve) {
      var input = form.querySelector("input[name=altcha]");
      if (!widget || (input && input.value)) return resolve();
      var timer = setTimeout(resolve, 20000);
      widget.addEventListener("statechange", function (ev) {
        if (ev.detail && (ev.detail.state === "verified" || ev.detail.state === "error")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  function showErrors(errors) {
    form.querySelectorAll(".klinik-form__galat").forEach(function (p) {
      p.hidden = true;
      p.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var firstField = null;
    Object.keys(errors).forEach(function (field) {
      var p = document.getElementById("galat-" + field) || document.getElementById("galat-formulir");
      p.textContent = errors[field];
      p.hidden = false;
      var input = document.getElementById("isian-" + field);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        firstField = firstField || input;
      }
    });
    (firstField || document.getElementById("galat-formulir")).focus();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    payloadReady().then(function () {
      var photos = form.querySelector("input[type=file]");
      if (photos && photos.files.length) {  // with photos: the form as multipart/form-data, as without JavaScript
        return fetch(form.action, { method: "POST", headers: { "Accept": "application/json" }, body: new FormData(form) });
      }
      var data = {};
      new FormData(form).forEach(function (value, key) { if (typeof value === "string") data[key] = value; });
      return fetch(form.action, {
        method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(data)
      });
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      if (result.status === 201) {
        var box = document.createElement("div");
        box.innerHTML = result.body.html;
        form.replaceWith(box);
        var receipt = box.querySelector("#tanda-terima");
        receipt.scrollIntoView();
        receipt.focus();
        return;
      }
      showErrors(result.body.galat || { formulir: "Pertanyaan belum terkirim. Coba lagi." });
    }).catch(function () {
      showErrors({ formulir: "Tidak dapat terhubung ke server. Periksa koneksi internet lalu coba lagi." });
    }).then(function () { button.disabled = false; });
  });
})();
