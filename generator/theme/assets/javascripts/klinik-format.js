/* Klinik PKP money and numbers: one rounding, display and reading of typed figures for the calculators and the RAB.
 * Mirrors generator/util/money.py (bulat, rupiah, baca_jumlah, baca_isian) so browser and build round, print and
 * read alike. Pure: no DOM.
 *
 *   window.klinikFormat.bulat(n)        half up to a whole number: Math.floor(n + 0.5)
 *   window.klinikFormat.angka(n)        whole number with Indonesian grouping: "1.084.571", "-5.000"
 *   window.klinikFormat.rupiah(n)       "Rp 1.084.571", "-Rp 5.000" (truncated towards zero first)
 *   window.klinikFormat.persen(n)       "2,5%" (decimal comma)
 *   window.klinikFormat.bacaJumlah(s)   "Rp 150 jt", "4,5 juta", "166.000.000" -> {nilai: 150000000}, or {galat: code}
 *   window.klinikFormat.pesanJumlah(g, aturan)  the Indonesian message for a reading error of one field
 *   window.klinikFormat.bacaIsian(s, aturan)    a field {label, contoh, wajib, maks, positif} -> {nilai} or {pesan}
 *   window.klinikFormat.bacaDesimal(s)  "1,5" or "5%" -> 1.5 or 5; null when empty; NaN when not a number
 * Every amount field (calculators, the design catalogue's budget, the RAB estimator's own prices) reads through
 * bacaJumlah/bacaIsian, like generator/util/money.py; tests/vectors/rupiah.json runs against both. */
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

  /* Reading amounts: the scanner of generator/util/money.py baca_jumlah, step for step (its docstring has the
     rules; tests/vectors/rupiah.json keeps both in step). One pass over the text, no regular expression. */
  var SPASI = " \t\n\r\f\v\u00a0\u2007\u202f";
  var MINUS = "-\u2212";
  var SATUAN = { rb: 3, ribu: 3, k: 3, jt: 6, juta: 6, m: 9, miliar: 9, milyar: 9, triliun: 12 };
  var BATAS_DIGIT = 15;

  function spasi(t, i) {
    while (i < t.length && SPASI.indexOf(t[i]) >= 0) i += 1;
    return i;
  }

  function digit(t, i) {
    while (i < t.length && t[i] >= "0" && t[i] <= "9") i += 1;
    return i;
  }

  function kata(t, i) {
    while (i < t.length && t[i] >= "a" && t[i] <= "z") i += 1;
    return i;
  }

  function awalan(t, i) {
    var j = kata(t, i);
    if (t.slice(i, j) === "rp") return spasi(t, j < t.length && t[j] === "." ? j + 1 : j);
    return t.slice(i, j) === "idr" ? spasi(t, j) : i;
  }

  function dariAngka(value) {
    if (!isFinite(value)) return { galat: "format" };
    if (value < 0) return { galat: "negatif" };
    if (value !== Math.floor(value)) return { galat: "pecahan" };
    if (value >= Math.pow(10, BATAS_DIGIT)) return { galat: "terlalu_besar" };
    return { nilai: value };
  }

  function lepasNol(s, depan) {
    var a = 0, b = s.length;
    if (depan) while (a < b && s[a] === "0") a += 1;
    else while (b > a && s[b - 1] === "0") b -= 1;
    return s.slice(a, b);
  }

  function nilaiDari(utuh, pecahan, pangkat, negatif) {
    if (negatif && (utuh || pecahan)) return { galat: "negatif" };
    if (pecahan.length > pangkat) return { galat: "pecahan" };
    if (utuh && utuh.length + pangkat > BATAS_DIGIT) return { galat: "terlalu_besar" };
    var nilai = Number(utuh || "0") * Math.pow(10, pangkat) +
      (pecahan ? Number(pecahan) * Math.pow(10, pangkat - pecahan.length) : 0);
    return { nilai: nilai };
  }

  /* {nilai: whole rupiah} or {galat: "kosong" | "format" | "titik" | "negatif" | "pecahan" | "terlalu_besar"}. */
  function bacaJumlah(value) {
    if (typeof value === "boolean") return { galat: "format" };
    if (typeof value === "number") return dariAngka(value);
    var t = (value === null || value === undefined ? "" : String(value)).toLowerCase();
    var i = spasi(t, 0);
    if (i === t.length) return { galat: "kosong" };
    var negatif = MINUS.indexOf(t[i]) >= 0;
    i = awalan(t, negatif ? spasi(t, i + 1) : i);
    if (!negatif && i < t.length && MINUS.indexOf(t[i]) >= 0) {
      negatif = true;
      i = spasi(t, i + 1);
    }
    var j = digit(t, i);
    if (j === i) return { galat: "format" };
    var kelompok = [t.slice(i, j)];
    i = j;
    while (i < t.length && (t[i] === "." || SPASI.indexOf(t[i]) >= 0)) {
      var k = t[i] === "." ? i + 1 : spasi(t, i);
      j = digit(t, k);
      if (j - k !== 3) {
        if (t[i] === ".") return { galat: j > k ? "titik" : "format" };
        break;
      }
      kelompok.push(t.slice(k, j));
      i = j;
    }
    if (kelompok.length > 1 && kelompok[0].length > 3) return { galat: "format" };
    var utuh = kelompok.join("");
    var pecahan = "";
    if (i < t.length && t[i] === ",") {
      if (i + 1 < t.length && MINUS.indexOf(t[i + 1]) >= 0) {
        i += 2;
      } else {
        j = digit(t, i + 1);
        if (j === i + 1) return { galat: "format" };
        pecahan = t.slice(i + 1, j);
        i = j;
      }
    }
    i = spasi(t, i);
    j = kata(t, i);
    var kataIni = t.slice(i, j);
    var pangkat = Object.prototype.hasOwnProperty.call(SATUAN, kataIni) ? SATUAN[kataIni] : null;
    if (pangkat !== null) {
      i = spasi(t, j < t.length && t[j] === "." ? j + 1 : j);
      j = kata(t, i);
    }
    if (t.slice(i, j) === "rupiah") i = spasi(t, j);
    if (i !== t.length) return { galat: "format" };
    return nilaiDari(lepasNol(utuh, true), lepasNol(pecahan, false), pangkat || 0, negatif);
  }

  function kapital(label) {
    return label.charAt(0).toUpperCase() + label.slice(1);
  }

  /* The Indonesian message for one reading error, naming the field and giving its example. */
  function pesanJumlah(galat, aturan) {
    var label = aturan.label, contoh = aturan.contoh;
    return {
      kosong: kapital(label) + " wajib diisi.",
      format: "Isi " + label + " dengan angka rupiah, mis. " + contoh + ".",
      titik: "Titik di " + label + " memisahkan ribuan, mis. 4.500.000; untuk pecahan pakai koma, mis. 4,5 juta.",
      pecahan: "Isi " + label + " dalam rupiah bulat tanpa sen, mis. " + contoh + ".",
      negatif: kapital(label) + " tidak boleh negatif.",
      nol: kapital(label) + " harus lebih dari Rp 0.",
      terlalu_besar: kapital(label) + " terlalu besar, paling banyak " + rupiah(aturan.maks) + ".",
    }[galat];
  }

  /* One amount field by its rules {label, contoh, wajib, maks, positif}: {nilai: n} or {pesan: message}. */
  function bacaIsian(value, aturan) {
    var hasil = bacaJumlah(value);
    var galat = hasil.galat || null;
    if (galat === "kosong" && !aturan.wajib) return { nilai: 0 };
    if (galat === null && hasil.nilai > aturan.maks) galat = "terlalu_besar";
    else if (galat === null && hasil.nilai === 0 && aturan.positif) galat = "nol";
    return galat ? { pesan: pesanJumlah(galat, aturan) } : hasil;
  }

  /* A decimal comma ("2,5") and a trailing percent sign ("5%") are accepted. */
  function bacaDesimal(value) {
    var t = teks(value).replace(/,/g, ".");
    var akhir = t.length;
    while (akhir > 0 && t[akhir - 1] === "%") akhir -= 1;  // a loop, not /%+$/, which rescans hostile input
    t = t.slice(0, akhir).trim();
    if (t === "") return null;
    if (!/^\d{1,6}(\.\d{1,6})?$/.test(t)) return NaN;
    return parseFloat(t);
  }

  global.klinikFormat = {
    bulat: bulat,
    angka: angka,
    rupiah: rupiah,
    persen: persen,
    bacaJumlah: bacaJumlah,
    pesanJumlah: pesanJumlah,
    bacaIsian: bacaIsian,
    bacaDesimal: bacaDesimal,
  };
})(window);
