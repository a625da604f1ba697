/* RAB arithmetic (pure, no DOM): unit prices and the bill of quantities for one design in one province.
 * window.klinikRab.hitung mirrors generator/rab/compute.py step for step (tests/vectors/rab.json run against both);
 * rounding and rupiah display come from klinik-format.js (loaded first). klinik-rab-page.js is the DOM side. */
(function () {
  "use strict";

  var F = window.klinikFormat;

  var JENIS = ["tenaga", "bahan", "alat"];
  var DIVISI = ["persiapan", "tanah", "pondasi", "beton", "dinding", "atap", "kusen-pintu-jendela",
    "lantai", "plafon", "sanitasi", "listrik", "pengecatan"];

  var bulat = F.bulat;

  function hargaSatuan(analisa, hargaDasar, biayaUmum) {
    var dasar = 0;
    JENIS.forEach(function (jenis) {
      var koef = analisa[jenis] || {};
      Object.keys(koef).forEach(function (kode) { dasar += koef[kode] * hargaDasar[kode]; });
    });
    return bulat(dasar * (100 + biayaUmum) / 100);
  }

  function hitung(masukan) {
    var sendiri = masukan.harga_sendiri || {};
    var hsp = {};
    masukan.items.forEach(function (item) {
      var kode = item.kode_analisa;
      if (!(kode in hsp)) {
        hsp[kode] = (kode in sendiri) ? Math.trunc(Number(sendiri[kode]))
          : hargaSatuan(masukan.analisa[kode], masukan.harga_dasar, masukan.biaya_umum);
      }
    });
    var baris = [], subtotal = {};
    masukan.items.forEach(function (item) {
      var jumlah = bulat(item.volume * hsp[item.kode_analisa]);
      baris.push(Object.assign({}, item, {harga_satuan: hsp[item.kode_analisa], jumlah: jumlah}));
      subtotal[item.divisi] = (subtotal[item.divisi] || 0) + jumlah;
    });
    var ordered = {}, total = 0;
    DIVISI.forEach(function (d) { if (d in subtotal) { ordered[d] = subtotal[d]; total += subtotal[d]; } });
    return {harga_satuan: hsp, baris: baris, subtotal: ordered, total: total, per_m2: bulat(total / masukan.tipe)};
  }

  window.klinikRab = {hitung: hitung, hargaSatuan: hargaSatuan, rupiah: F.rupiah};
})();
