/* RAB on the design pages and the catalogue (DOM): province selector, design filters and the estimator.
 * The arithmetic is window.klinikRab (klinik-rab.js), the display window.klinikFormat (klinik-format.js). */
(function () {
  "use strict";

  var hitung = window.klinikRab.hitung;
  var bacaHarga = window.klinikFormat.bacaHarga;
  var rupiah = window.klinikFormat.rupiah;

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
    function apply() {
      var luas = Number(form.luas.value || 0), kamar = Number(form.kamar.value || 0);
      var struktur = form.struktur.value, anggaran = Number(form.anggaran.value || 0), prov = form.provinsi.value;
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
      status.textContent = shown === cards.length ? "Menampilkan semua " + shown + " desain."
        : (shown ? "Menampilkan " + shown + " dari " + cards.length + " desain." : "Tidak ada desain yang cocok; longgarkan saringan.");
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
    function recompute() {
      var input = masukan();
      body.querySelectorAll("input").forEach(function (field) {
        var value = bacaHarga(field.value);
        if (value !== null) input.harga_sendiri[field.getAttribute("data-kode")] = value;
      });
      var hasil = hitung(input);
      document.getElementById("kalk-total").textContent = rupiah(hasil.total);
      document.getElementById("kalk-per-m2").textContent = rupiah(hasil.per_m2);
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
        var cell = document.createElement("td"), field = document.createElement("input");
        field.type = "text"; field.inputMode = "numeric"; field.setAttribute("data-kode", kode);
        field.setAttribute("aria-labelledby", "kalk-uraian-" + n);
        field.placeholder = String(hasil.harga_satuan[kode]);
        field.addEventListener("input", recompute);
        cell.appendChild(field); row.appendChild(cell); body.appendChild(row);
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
