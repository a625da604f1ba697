/* Klinik PKP: the "Ajukan pertanyaan" form with JavaScript. Without it the form still posts as plain
   HTML. With it: kabupaten/kota narrowed to the chosen province, the self-hosted ALTCHA proof of work,
   the fields checked in the page first (the server's own messages and limits, embedded in the form as
   #klinik-ajukan-aturan; tests/vectors/ajukan.json keeps this copy of forms.validate in step), then
   submission by fetch with the server's errors shown next to each field, and on success the browser goes
   to the private status page, the address the citizen saves. */
(function () {
  "use strict";
  var form = document.getElementById("klinik-ajukan");
  var rulesNode = document.getElementById("klinik-ajukan-aturan");
  if (!form || !rulesNode) return;
  var rules = JSON.parse(rulesNode.textContent);
  var province = form.querySelector("#isian-provinsi");
  var city = form.querySelector("#isian-kabupaten_kota");
  var cities = Array.prototype.map.call(city.querySelectorAll("option[data-provinsi]"), function (o) {
    return { value: o.value, province: o.getAttribute("data-provinsi") };
  });
  function choices(select) {
    return Array.prototype.map.call(select.options, function (o) { return o.value; }).filter(Boolean);
  }
  var provinces = choices(province);
  var areas = choices(form.querySelector("#isian-bidang"));

  // identity.clean and forms.validate, line by line. SPACES is what Python's str.strip() and re's \s take.
  var SPACES = "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005" +
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
  var SEPARATORS = new RegExp("[" + SPACES + "().\\-\u2010-\u2015\u2212]", "g");
  var PHONE = /^0[1-9][0-9]{7,11}$/;
  var EMAIL = new RegExp("^[^@<>\"'" + SPACES + "]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}$", "u");
  var LETTER = /[\p{L}\p{Nl}\p{No}]/u;
  var astral = "";
  for (var plane = 1; plane <= 16; plane++) {
    astral += "\\u{" + (plane * 65536 + 0xfffe).toString(16) + "}\\u{" + (plane * 65536 + 0xffff).toString(16) + "}";
  }
  var INVALID = new RegExp("[\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffd\\ufffe\\uffff" + astral + "]", "u");

  function strip(text) {
    var start = 0, end = text.length;
    while (start < end && SPACES.indexOf(text.charAt(start)) >= 0) start++;
    while (end > start && SPACES.indexOf(text.charAt(end - 1)) >= 0) end--;
    return text.slice(start, end);
  }
  function clean(value) {
    return strip(String(value == null ? "" : value).normalize("NFC").replace(/\r\n/g, "\n").replace(CONTROL, ""));
  }
  function length(text) { return Array.from(text).length; }  // characters, as Python counts them
  function angka(n) {
    var s = String(n), out = "";
    for (var i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? "." : "") + s.charAt(i);
    return out;
  }
  function say(key, values) {
    return rules.pesan[key].replace(/\{([a-z]+)\}/g, function (_, name) {
      var v = values[name];
      return typeof v === "number" ? angka(v) : v;
    });
  }
  function phoneText(value) { return value.normalize("NFKC").replace(/\p{Cf}/gu, ""); }
  function phoneOk(value) {
    var digits = phoneText(value).replace(SEPARATORS, "");
    if (digits.indexOf("+62") === 0) digits = "0" + digits.slice(3);
    else if (digits.indexOf("62") === 0) digits = "0" + digits.slice(2);
    return PHONE.test(digits);
  }

  function periksa(given) {
    var data = {};
    Object.keys(given).forEach(function (k) { data[k] = clean(given[k]); });
    function get(k) { return data[k] || ""; }
    var errors = {};
    var pemohon = get("jenis_pemohon") || "perorangan", instansi = get("instansi"), m = length(instansi);
    if (rules.pemohon.indexOf(pemohon) < 0) errors.jenis_pemohon = say("jenis_pemohon", {});
    else if (rules.pemohon_instansi.indexOf(pemohon) >= 0 &&
             (m < rules.instansi.min || m > rules.instansi.maks || !LETTER.test(instansi))) {
      errors.instansi = say("instansi_" + pemohon, rules.instansi);
    }
    var nama = get("nama"), n = length(nama);
    if (n < rules.nama.min || n > rules.nama.maks) errors.nama = say("nama", rules.nama);
    else if (!LETTER.test(nama)) errors.nama = say("nama_huruf", {});
    var phone = get("telepon");
    if (!phone) errors.telepon = say("telepon", {});
    else if (!phoneOk(phone)) {
      var foreign = Array.from(phoneText(phone)).some(function (ch) { return ch > "\u007f" && /\p{Nd}/u.test(ch); });
      errors.telepon = say(foreign ? "telepon_angka" : "telepon_salah", {});
    }
    var email = strip(get("email").normalize("NFKC"));
    if (email && (length(email) > rules.email_maks || !EMAIL.test(email))) errors.email = say("email", {});
    var chosen = get("provinsi"), place = get("kabupaten_kota");
    if (provinces.indexOf(chosen) < 0) errors.provinsi = say("provinsi", {});
    else if (!cities.some(function (c) { return c.province === chosen && c.value === place; })) {
      errors.kabupaten_kota = say("kabupaten_kota", { provinsi: chosen });
    }
    if (areas.indexOf(get("bidang")) < 0) errors.bidang = say("bidang", {});
    var q = length(get("pertanyaan"));
    if (q < rules.pertanyaan.min) errors.pertanyaan = say("pertanyaan_pendek", { min: rules.pertanyaan.min, sekarang: q });
    else if (q > rules.pertanyaan.maks) errors.pertanyaan = say("pertanyaan_panjang", { maks: rules.pertanyaan.maks, sekarang: q });
    if (rules.setuju.indexOf(get("setuju").toLowerCase()) < 0) errors.setuju = say("setuju", {});
    Object.keys(rules.label).forEach(function (field) {
      if (INVALID.test(get(field))) errors[field] = say("karakter", { label: rules.label[field] });
    });
    return errors;
  }
  window.klinikAjukanPeriksa = periksa;

  function narrow() {
    var keep = city.value;
    var picked = province.value;
    city.innerHTML = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = picked ? "Pilih kabupaten/kota" : "Pilih provinsi dulu";
    city.appendChild(first);
    cities.forEach(function (c) {
      if (c.province !== picked) return;
      var o = document.createElement("option");
      o.value = c.value;
      o.textContent = c.value;
      o.selected = c.value === keep;
      city.appendChild(o);
    });
    city.disabled = !picked;
  }
  province.addEventListener("change", narrow);
  narrow();

  // Requester type: ?pemohon=pemda (the Pemda page's link) chooses it, and the office name shows only when it is asked.
  var radios = form.querySelectorAll("input[name=jenis_pemohon]");
  var office = document.getElementById("kotak-instansi");
  var asked = new URLSearchParams(window.location.search).get("pemohon");
  Array.prototype.forEach.call(radios, function (r) { if (r.value === asked) r.checked = true; });
  function showOffice() {
    var chosen = form.querySelector("input[name=jenis_pemohon]:checked");
    office.hidden = !chosen || rules.pemohon_instansi.indexOf(chosen.value) < 0;
  }
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", showOffice); });
  if (office) showOffice();

  var widget = null;
  var slot = document.getElementById("klinik-altcha");
  // A page not served by `klinik intake serve` (e.g. plain `klinik serve`) still has the build's token
  // marker: there is no API to ask for a challenge, so the widget is not loaded.
  var served = form.elements.token_formulir.value.indexOf("__KLINIK") !== 0;
  if (served && form.getAttribute("data-pow") === "ya" && slot && window.klinikAltcha) {
    window.klinikAltcha(slot, function (shown) { widget = shown; });
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

  // The same summary the server draws above the form without JavaScript, focused so it is read first.
  function summarise(errors) {
    var old = document.getElementById("galat-ringkasan");
    if (old) old.remove();
    var fields = Object.keys(errors);
    if (!fields.length) return null;
    var box = document.createElement("div");
    box.className = "klinik-form__ringkasan";
    box.id = "galat-ringkasan";
    box.setAttribute("role", "alert");
    box.tabIndex = -1;
    var intro = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = "Pertanyaan belum terkirim.";
    intro.appendChild(strong);
    intro.appendChild(document.createTextNode(" Perbaiki isian berikut:"));
    var list = document.createElement("ul");
    fields.forEach(function (field) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.setAttribute("href", "#" + (document.getElementById("isian-" + field) ? "isian-" + field : "galat-formulir"));
      link.textContent = errors[field];
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(intro);
    box.appendChild(list);
    form.insertBefore(box, form.firstChild);
    return box;
  }

  function showErrors(errors) {
    form.querySelectorAll(".klinik-form__galat").forEach(function (p) {
      p.hidden = true;
      p.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    Object.keys(errors).forEach(function (field) {
      var p = document.getElementById("galat-" + field) || document.getElementById("galat-formulir");
      p.textContent = p.textContent ? p.textContent + " " + errors[field] : errors[field];
      p.hidden = false;
      var input = document.getElementById("isian-" + field);
      if (input) input.setAttribute("aria-invalid", "true");
    });
    var box = summarise(errors);
    if (box) box.focus();
  }

  function fields() {
    var data = {};
    new FormData(form).forEach(function (value, key) { if (typeof value === "string") data[key] = value; });
    return data;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var found = periksa(fields());
    showErrors(found);
    if (Object.keys(found).length) return;  // nothing is sent until every field is right
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    payloadReady().then(function () {
      var photos = form.querySelector("input[type=file]");
      if (photos && photos.files.length) {  // with photos: the form as multipart/form-data, as without JavaScript
        return fetch(form.action, { method: "POST", headers: { "Accept": "application/json" }, body: new FormData(form) });
      }
      return fetch(form.action, {
        method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(fields())
      });
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      if (result.status === 201) {  // the status page shows the receipt; its address is the one to keep
        var status = new URL(result.body.tautan_status, window.location.href);
        window.location.assign(status.pathname + "?pertanyaan=terkirim");
        return true;
      }
      showErrors(result.body.galat || { formulir: "Pertanyaan belum terkirim. Coba lagi." });
    }).catch(function () {
      showErrors({ formulir: "Tidak dapat terhubung ke server. Periksa koneksi internet lalu coba lagi." });
    }).then(function (leaving) { button.disabled = Boolean(leaving); });
  });
})();
