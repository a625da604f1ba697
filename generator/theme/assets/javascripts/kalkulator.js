/* Klinik PKP calculators' arithmetic (Simulasi KPR, Kemampuan mengangsur): pure functions, no DOM, no server.
 * The arithmetic mirrors generator/tools/pembiayaan.py line by line; tests/vectors/*.json run against both.
 * Rounding: down payment and instalment half up to whole rupiah; affordability figures rounded down.
 * Rupiah rounding, display and reading of typed figures come from klinik-format.js (loaded first).
 * The figures (FLPP terms, price caps, income limits) come from site_config/pembiayaan.yml, embedded in the
 * page at build time; kalkulator-form.js reads them (window.klinikKalkulator.tabel()). */
(function (global) {
  "use strict";

  var MAX_HARGA = 100000000000;
  var MAX_BUNGA = 30;
  var MAX_TENOR = 35;
  var STATUS_LABEL = { kawin: "kawin", lajang: "belum kawin" };
  var F = global.klinikFormat;
  var rupiah = F.rupiah;
  var bulat = F.bulat;

  function text(value) {
    return value === null || value === undefined ? "" : String(value).trim();
  }

  function kapital(label) {
    return label.charAt(0).toUpperCase() + label.slice(1);
  }

  function isNumber(value) {
    return typeof value === "number";
  }

  function bacaRupiah(value, label, wajib, galat, kunci) {
    if (isNumber(value)) {
      if (!isFinite(value) || value !== Math.floor(value)) {
        galat[kunci] = "Isi " + label + " dengan angka rupiah bulat, mis. 166.000.000.";
        return null;
      }
      return value;
    }
    var n = F.bacaRupiah(value);
    if (n === null) {
      if (wajib) {
        galat[kunci] = kapital(label) + " wajib diisi.";
        return null;
      }
      return 0;
    }
    if (isNaN(n)) {
      galat[kunci] = "Isi " + label + " dengan angka rupiah bulat, mis. 166.000.000.";
      return null;
    }
    return n;
  }

  function bacaDesimal(value, label, contoh, galat, kunci) {
    if (isNumber(value)) {
      if (!isFinite(value)) {
        galat[kunci] = "Isi " + label + " dengan angka, mis. " + contoh + ".";
        return null;
      }
      return value;
    }
    var n = F.bacaDesimal(value);
    if (n === null) {
      galat[kunci] = kapital(label) + " wajib diisi.";
      return null;
    }
    if (isNaN(n)) {
      galat[kunci] = "Isi " + label + " dengan angka, mis. " + contoh + ".";
      return null;
    }
    return n;
  }

  function pakaiBawaan(masukan, kunci, nilai) {
    var value = masukan[kunci];
    return value === null || value === undefined || text(value) === "" ? nilai : value;
  }

  function hitungAngsuran(plafon, bunga, bulan) {
    if (plafon === 0) return 0;
    if (bunga === 0) return bulat(plafon / bulan);
    var i = bunga / 100 / 12;
    return bulat((plafon * i) / (1 - Math.pow(1 + i, -bulan)));
  }

  function kosong(obj) {
    return Object.keys(obj).length === 0;
  }

  function simulasiKpr(masukan, tabel) {
    var flpp = tabel.flpp;
    var galat = {};
    var harga = bacaRupiah(masukan.harga, "harga rumah", true, galat, "harga");
    var dp = bacaDesimal(pakaiBawaan(masukan, "dp", flpp.uang_muka_min), "uang muka", "1 atau 10", galat, "dp");
    var bunga = bacaDesimal(pakaiBawaan(masukan, "bunga", flpp.bunga), "suku bunga", "5", galat, "bunga");
    var tenor = bacaDesimal(pakaiBawaan(masukan, "tenor", flpp.tenor_maks), "jangka waktu", "20", galat, "tenor");
    if (harga !== null && !(harga > 0 && harga <= MAX_HARGA)) {
      galat.harga = "Harga rumah harus lebih dari Rp 0 dan paling banyak " + rupiah(MAX_HARGA) + ".";
    }
    if (dp !== null && !(dp >= 0 && dp <= 100)) galat.dp = "Uang muka harus antara 0 dan 100 persen.";
    if (bunga !== null && !(bunga >= 0 && bunga <= MAX_BUNGA)) {
      galat.bunga = "Suku bunga harus antara 0 dan " + MAX_BUNGA + " persen per tahun.";
    }
    if (tenor !== null && (tenor !== Math.floor(tenor) || !(tenor >= 1 && tenor <= MAX_TENOR))) {
      galat.tenor = "Jangka waktu harus bilangan bulat 1 sampai " + MAX_TENOR + " tahun.";
    }
    var kode = text(masukan.zona);
    var wilayah = tabel.wilayah.find(function (w) { return w.kode === kode; }) || null;
    if (kode && wilayah === null) {
      galat.zona = "Wilayah '" + kode + "' tidak dikenal; pilih: " + tabel.wilayah.map(function (w) { return w.kode; }).join(", ") + ".";
    }
    if (!kosong(galat)) return { galat: galat };
    var bulan = tenor * 12;
    var uangMuka = bulat((harga * dp) / 100);
    var plafon = harga - uangMuka;
    var angsuran = hitungAngsuran(plafon, bunga, bulan);
    var total = angsuran * bulan;
    return {
      harga: harga, dp: dp, bunga: bunga, tenor: tenor, bulan: bulan,
      uang_muka: uangMuka, plafon: plafon, angsuran: angsuran,
      total_bayar: total, total_bunga: total - plafon,
      wilayah: wilayah ? wilayah.nama : null,
      batas_harga: wilayah ? wilayah.batas_harga : null,
      dalam_batas: wilayah ? harga <= wilayah.batas_harga : null,
    };
  }

  function kemampuanMengangsur(masukan, tabel) {
    var flpp = tabel.flpp;
    var rasio = tabel.rasio;
    var galat = {};
    var sendiri = bacaRupiah(masukan.penghasilan, "penghasilan per bulan", true, galat, "penghasilan");
    var pasangan = bacaRupiah(masukan.penghasilan_pasangan, "penghasilan pasangan", false, galat, "penghasilan_pasangan");
    var cicilan = bacaRupiah(masukan.cicilan_lain, "cicilan lain", false, galat, "cicilan_lain");
    var status = text(masukan.status);
    var kode = text(masukan.zona);
    var zona = tabel.zona.find(function (z) { return z.kode === kode; }) || null;
    if (sendiri !== null && !(sendiri > 0 && sendiri <= MAX_HARGA)) galat.penghasilan = "Penghasilan per bulan harus lebih dari Rp 0.";
    if (!Object.prototype.hasOwnProperty.call(STATUS_LABEL, status)) {
      galat.status = "Pilih status perkawinan: kawin atau lajang.";
    } else if (status === "lajang" && pasangan) {
      galat.penghasilan_pasangan = "Penghasilan pasangan hanya diisi bila status kawin.";
    }
    if (zona === null) {
      var pilihan = tabel.zona.map(function (z) { return z.kode; }).join(", ");
      galat.zona = kode ? "Zona '" + kode + "' tidak dikenal; pilih: " + pilihan + "." : "Pilih zona penghasilan (" + pilihan + ").";
    }
    if (!kosong(galat)) return { galat: galat };
    var total = sendiri + pasangan;
    var batasKotor = Math.floor((total * rasio.bagian) / rasio.dari);
    var angsuran = Math.max(0, batasKotor - cicilan);
    var i = flpp.bunga / 100 / 12;
    var bulan = flpp.tenor_maks * 12;
    var plafon = angsuran ? Math.floor((angsuran * (1 - Math.pow(1 + i, -bulan))) / i) : 0;
    var harga = Math.floor(plafon / (1 - flpp.uang_muka_min / 100));
    var batas = status === "kawin" ? zona.kawin : zona.tidak_kawin;
    var layak = total <= batas;
    var siapa = status === "kawin" ? "gabungan suami-istri" : "Anda";
    return {
      penghasilan_total: total, batas_angsuran: batasKotor, cicilan_lain: cicilan,
      angsuran_maks: angsuran, plafon_maks: plafon, harga_maks: harga,
      bunga: flpp.bunga, tenor: flpp.tenor_maks, dp: flpp.uang_muka_min,
      zona: zona.nama, status: status, batas_penghasilan: batas,
      layak_flpp: layak,
      alasan: layak ? null : "Penghasilan " + siapa + " " + rupiah(total) + " per bulan melebihi batas " + rupiah(batas) +
        " untuk status " + STATUS_LABEL[status] + " di " + zona.nama + ".",
      peringatan: angsuran ? null : "Cicilan lain " + rupiah(cicilan) + " sudah mencapai batas angsuran " + rupiah(batasKotor) +
        "; bank kemungkinan menolak kredit baru.",
    };
  }

  global.klinikKalkulator = {
    rupiah: rupiah,
    simulasiKpr: simulasiKpr,
    kemampuanMengangsur: kemampuanMengangsur,
  };
})(window);
