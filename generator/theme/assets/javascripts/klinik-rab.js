/* RAB arithmetic (pure, no DOM): unit prices and the bill of quantities for one design in one province.
 * window.klinikRab.hitung mirrors generator/rab/compute.py step for step (tests/vectors/rab.json run against both):
 * every number is taken at its decimal value (2.55 is 255/100, the shortest text that reads back as it, as Python's
 * repr) and every step is exact in BigInt, rounded half up to whole rupiah where the RAB shows a figure.
 * Rupiah display comes from klinik-format.js (loaded first). klinik-rab-page.js is the DOM side. */
(function () {
  "use strict";

  var F = window.klinikFormat;
  var B = typeof BigInt === "function" ? BigInt : undefined;  // the language's own (very old browsers lack it)

  var JENIS = ["tenaga", "bahan", "alat"];
  var DIVISI = ["persiapan", "tanah", "pondasi", "beton", "dinding", "atap", "kusen-pintu-jendela",
    "lantai", "plafon", "sanitasi", "listrik", "pengecatan"];
  /* A JSON number's text: sign, digits, optional fraction, optional exponent (no nested repetition). */
  var ANGKA = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:e([+-]?[0-9]+))?$/;

  function pangkat10(n) {
    return B("1" + "0".repeat(n));
  }

  /* [numerator, denominator] of a number at its decimal value: 2.55 -> [255n, 100n]. */
  function pecahan(value) {
    var m = ANGKA.exec(String(value));
    if (!m) throw new RangeError("bukan angka: " + value);
    var frac = m[3] || "", exp = Number(m[4] || 0) - frac.length;
    var n = B(m[1] + m[2] + frac);
    return exp >= 0 ? [n * pangkat10(exp), B(1)] : [n, pangkat10(-exp)];
  }

  /* Half up of n / d for n >= 0, d > 0, as a Number of whole rupiah. */
  function bulatTepat(n, d) {
    return Number((B(2) * n + d) / (B(2) * d));
  }

  function hargaSatuan(analisa, hargaDasar, biayaUmum) {
    var n = B(0), d = B(1);
    JENIS.forEach(function (jenis) {
      var koef = analisa[jenis] || {};
      Object.keys(koef).forEach(function (kode) {
        var k = pecahan(koef[kode]);
        n = n * k[1] + k[0] * B(hargaDasar[kode]) * d;
        d = d * k[1];
      });
    });
    var bu = pecahan(biayaUmum);
    return bulatTepat(n * (B(100) * bu[1] + bu[0]), d * B(100) * bu[1]);
  }

  function hitung(masukan) {
    var sendiri = masukan.harga_sendiri || {};
    var hsp = {};
    masukan.items.forEach(function (item) {
      var kode = item.kode_analisa;
      if (!(kode in hsp)) {
        hsp[kode] = (kode in sendiri && isFinite(Number(sendiri[kode]))) ? Math.trunc(Number(sendiri[kode]))
          : hargaSatuan(masukan.analisa[kode], masukan.harga_dasar, masukan.biaya_umum);
      }
    });
    var baris = [], subtotal = {};
    masukan.items.forEach(function (item) {
      var v = pecahan(item.volume);
      var jumlah = bulatTepat(v[0] * B(hsp[item.kode_analisa]), v[1]);
      baris.push(Object.assign({}, item, {harga_satuan: hsp[item.kode_analisa], jumlah: jumlah}));
      subtotal[item.divisi] = (subtotal[item.divisi] || 0) + jumlah;
    });
    var ordered = {}, total = 0;
    DIVISI.forEach(function (d) { if (d in subtotal) { ordered[d] = subtotal[d]; total += subtotal[d]; } });
    var luas = pecahan(masukan.tipe);
    return {harga_satuan: hsp, baris: baris, subtotal: ordered, total: total, per_m2: bulatTepat(B(total) * luas[1], luas[0])};
  }

  window.klinikRab = {hitung: hitung, hargaSatuan: hargaSatuan, rupiah: F.rupiah};
})();
