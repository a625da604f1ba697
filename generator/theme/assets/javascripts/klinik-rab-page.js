/* RAB on the design pages and the catalogue (DOM): province selector, design filters and the estimator.
 * The arithmetic is window.klinikRab (klinik-rab.js), the display window.klinikFormat (klinik-format.js). */
(function () {
  "use strict";

  var hitung = window.klinikRab.hitung;
  var F = window.klinikFormat;
  var rupiah = F.rupiah;
  /* Amounts are read as in the calculators (klinikFormat.bacaIsian: "150 juta", "Rp 150.000.000", "250 rb"). */
  var ANGGARAN = { label: "anggaran", contoh: "150.000.000 atau 150 juta", wajib: true, maks: 10000000000, positif: true };
  var HARGA_ANDA = { label: "harga Anda", contoh: "250.000 atau 250 ribu", wajib: true, maks: 1000000000, positif: false };

  /* Read one amount field: {kosong}, {nilai} or {pesan}. A message appears once the field is left (change) and then
     follows each keystroke until the entry reads, so half-typed figures ("1.5" on the way to "1.500.000") do not flash
     an error; aria-invalid and the message (the field's aria-describedby) go together. */
  function periksa(field, pesan, aturan, tampilkan) {
    var hasil = F.bacaJumlah(field.value).galat === "kosong" ? { kosong: true } : F.bacaIsian(field.value, aturan);
    if (hasil.pesan === undefined) {
      pesan.textContent = "";
      field.removeAttribute("aria-invalid");
    } else if (tampilkan || pesan.textContent) {
      pesan.textContent = hasil.pesan;
      field.setAttribute("aria-invalid", "true");
    }
    return hasil;
  }

  function provinceSelector() {
    var select = document.getElementById("klinik-rab-provinsi");
    if (!select) return;
    var sections = document.querySelectorAll(".klinik-rab-provinsi");
    function show() {
      sections.forEach(function (s) { s.hidden = s.getAttribute("data-provinsi") !== select.value; });
    }
    var wanted = (location.hash.match(/^#rab-(.+)$/) || [])[1];
    if (wanted && select.querySelector('option[value="' + wanted + '"]')) select.value = wanted;
    select.addEventListener("change", show);
    select.closest(".klinik-rab-pilih").hidden = false;
    var list = document.querySelector(".klinik-rab-ringkas");
    if (list) list.hidden = true;
    show();
  }

  function filters() {
    var form = document.getElementById("klinik-desain-saring");
    if (!form) return;
    var cards = document.querySelectorAll(".klinik-desain-kartu");
    var status = document.getElementById("saring-jumlah");
    var pesanAnggaran = document.getElementById("saring-anggaran-galat");
    function apply(event) {
      var luas = Number(form.luas.value || 0), kamar = Number(form.kamar.value || 0);
      var bacaan = periksa(form.anggaran, pesanAnggaran, ANGGARAN, event !== undefined && event.type === "change");
      var struktur = form.struktur.value, anggaran = bacaan.nilai || 0, prov = form.provinsi.value;
      var shown = 0;
      cards.forEach(function (card) {
        var biaya = JSON.parse(card.getAttribute("data-biaya") || "{}")[prov];
        var ok = (!luas || Number(card.getAttribute("data-tipe")) <= luas) &&
          (!struktur || card.getAttribute("data-struktur") === struktur) &&
          (!kamar || Number(card.getAttribute("data-kamar")) >= kamar) &&
          (!anggaran || (biaya !== undefined && biaya <= anggaran));
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = (shown === cards.length ? "Menampilkan semua " + shown + " desain."
        : (shown ? "Menampilkan " + shown + " dari " + cards.length + " desain." : "Tidak ada desain yang cocok; longgarkan saringan.")) +
        (pesanAnggaran.textContent ? " Anggaran belum terbaca, jadi belum dipakai menyaring." : "");
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function estimator() {
    var form = document.getElementById("klinik-rab-kalkulator");
    var source = document.getElementById("klinik-rab-data");
    if (!form || !source) return;
    var data = JSON.parse(source.textContent);
    var design = document.getElementById("kalk-desain"), prov = document.getElementById("kalk-provinsi");
    var body = document.getElementById("kalk-harga");
    function masukan() {
      var d = data.desain[design.value], p = data.provinsi[prov.value], analisa = {};
      d.items.forEach(function (i) { analisa[i.kode_analisa] = data.analisa[i.kode_analisa]; });
      return {items: d.items, analisa: analisa, harga_dasar: p.harga_dasar, biaya_umum: p.biaya_umum, tipe: d.tipe, harga_sendiri: {}};
    }
    function recompute(event) {
      var input = masukan(), salah = 0;
      body.querySelectorAll("input").forEach(function (field) {
        var pesan = document.getElementById(field.getAttribute("data-galat"));
        var bacaan = periksa(field, pesan, HARGA_ANDA, event !== undefined && event.type === "change" && event.target === field);
        if (bacaan.nilai !== undefined) input.harga_sendiri[field.getAttribute("data-kode")] = bacaan.nilai;
        if (pesan.textContent) salah += 1;
      });
      var hasil = hitung(input);
      document.getElementById("kalk-total").textContent = rupiah(hasil.total);
      document.getElementById("kalk-per-m2").textContent = rupiah(hasil.per_m2);
      document.getElementById("kalk-catatan").textContent = salah
        ? " (" + salah + " harga Anda belum terbaca; kolom itu memakai harga indikatif)" : "";
    }
    function table() {
      var input = masukan(), hasil = hitung(input);
      body.textContent = "";
      Object.keys(hasil.harga_satuan).forEach(function (kode, n) {
        var row = document.createElement("tr"), a = data.analisa[kode];
        var cells = [a.uraian + " (" + kode + ")", a.satuan, rupiah(hasil.harga_satuan[kode])];
        cells.forEach(function (text, i) {
          var cell = document.createElement(i === 0 ? "th" : "td");
          if (i === 0) cell.scope = "row";
          cell.textContent = text;
          if (i === 0) cell.id = "kalk-uraian-" + n;
          row.appendChild(cell);
        });
        var cell = document.createElement("td"), field = document.createElement("input"), pesan = document.createElement("span");
        field.type = "text"; field.inputMode = "numeric"; field.setAttribute("data-kode", kode);
        field.setAttribute("aria-labelledby", "kalk-uraian-" + n);
        field.setAttribute("aria-describedby", "kalk-galat-" + n);
        field.setAttribute("data-galat", "kalk-galat-" + n);
        field.placeholder = F.angka(hasil.harga_satuan[kode]);  // "19.386": the reader takes it as typed
        pesan.id = "kalk-galat-" + n; pesan.className = "klinik-galat";
        field.addEventListener("input", recompute);
        field.addEventListener("change", recompute);
        cell.appendChild(field); cell.appendChild(pesan); row.appendChild(cell); body.appendChild(row);
      });
      recompute();
    }
    design.addEventListener("change", table);
    prov.addEventListener("change", table);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    table();
  }

  function start() { provinceSelector(); filters(); estimator(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
