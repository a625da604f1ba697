/* Klinik PKP money and numbers: one rounding, display and reading of typed figures for the calculators and the RAB.
 * Mirrors generator/util/money.py (bulat, rupiah) so browser and build round and print alike. Pure: no DOM.
 *
 *   window.klinikFormat.bulat(n)        half up to a whole number: Math.floor(n + 0.5)
 *   window.klinikFormat.angka(n)        whole number with Indonesian grouping: "1.084.571", "-5.000"
 *   window.klinikFormat.rupiah(n)       "Rp 1.084.571", "-Rp 5.000" (truncated towards zero first)
 *   window.klinikFormat.persen(n)       "2,5%" (decimal comma)
 *   window.klinikFormat.bacaRupiah(s)   "Rp 166.000.000" -> 166000000; null when empty; NaN when not whole rupiah
 *   window.klinikFormat.bacaDesimal(s)  "1,5" or "5%" -> 1.5 or 5; null when empty; NaN when not a number
 *   window.klinikFormat.bacaHarga(s)    RAB estimator's unit price: "250.000" -> 250000; null when empty or not >= 0 */
(function (global) {
  "use strict";

  function bulat(value) {
    return Math.floor(value + 0.5);
  }

  function angka(amount) {
    var value = Math.trunc(amount);
    var sign = value < 0 ? "-" : "";
    return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function rupiah(amount) {
    var value = Math.trunc(amount);
    return (value < 0 ? "-" : "") + "Rp " + angka(Math.abs(value));
  }

  function persen(value) {
    return String(value).replace(".", ",") + "%";
  }

  function teks(value) {
    return value === null || value === undefined ? "" : String(value).trim();
  }

  /* Citizens type "Rp 166.000.000" or "166 000 000": the prefix, spaces and thousands dots are dropped. */
  function bacaRupiah(value) {
    var t = teks(value).replace(/^rp\.?/i, "").replace(/ /g, "").replace(/\./g, "");
    if (t === "") return null;
    if (!/^\d{1,15}$/.test(t)) return NaN;
    return parseInt(t, 10);
  }

  /* A decimal comma ("2,5") and a trailing percent sign ("5%") are accepted. */
  function bacaDesimal(value) {
    var t = teks(value).replace(/,/g, ".").replace(/%+$/, "").trim();
    if (t === "") return null;
    if (!/^\d{1,6}(\.\d{1,6})?$/.test(t)) return NaN;
    return parseFloat(t);
  }

  /* The RAB estimator's own, more lenient reading (any JavaScript number once the dots are gone, no "Rp" or
     spaces), kept as it was; null means the design's own price applies. */
  function bacaHarga(value) {
    var t = String(value).replace(/\./g, "").trim();
    return t !== "" && Number(t) >= 0 ? Number(t) : null;
  }

  global.klinikFormat = {
    bulat: bulat,
    angka: angka,
    rupiah: rupiah,
    persen: persen,
    bacaRupiah: bacaRupiah,
    bacaDesimal: bacaDesimal,
    bacaHarga: bacaHarga,
  };
})(window);
