/* Klinik PKP calculators' arithmetic (Simulasi KPR, Kemampuan mengangsur): pure functions, no DOM, no server.
 * The arithmetic mirrors generator/tools/pembiayaan.py line by line; tests/vectors/*.json run against both.
 * Rounding: down payment and instalment half up to whole rupiah; affordability figures rounded down.
 * Rupiah rounding, display and reading of typed amounts ("Rp 150 jt", "4,5 juta") come from klinik-format.js
 * (loaded first), as pembiayaan.py takes them from generator/util/money.py.
 * The figures (FLPP terms, price caps, income limits) come from site_config/pembiayaan.yml, embedded in the
 * page at build time; kalkulator-form.js reads them (window.klinikKalkulator.tabel()). */
(function (global) {
  "use strict";

  var MAX_HARGA = 10000000000;
  var MAX_PENGHASILAN = 1000000000;
  var MAX_BUNGA = 30;
  var MAX_TENOR = 35;
  var STATUS_LABEL = { kawin: "kawin", lajang: "belum kawin" };
  var TUNAI = "Uang muka sebesar harga rumah berarti rumah dibayar tunai, tanpa KPR; isi uang muka kurang dari 100 persen.";
  /* Each amount field's reading rules (klinikFormat.bacaIsian), as ISIAN in pembiayaan.py. */
  var ISIAN = {
    harga: { label: "harga rumah", contoh: "166.000.000 atau 166 juta", wajib: true, maks: MAX_HARGA, positif: true },
    penghasilan: { label: "penghasilan per bulan", contoh: "4.500.000 atau 4,5 juta", wajib: true, maks: MAX_PENGHASILAN, positif: true },
    penghasilan_pasangan: {
      label: "penghasilan pasangan", contoh: "3.000.000 atau 3 juta", wajib: false, maks: MAX_PENGHASILAN, positif: false,
    },
    cicilan_lain: { label: "cicilan lain", contoh: "500.000 atau 500 ribu", wajib: false, maks: MAX_PENGHASILAN, positif: false },
  };
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

  function bacaRupiah(masukan, kunci, galat) {
    var hasil = F.bacaIsian(masukan[kunci], ISIAN[kunci]);
    if (hasil.pesan !== undefined) {
      galat[kunci] = hasil.pesan;
      return null;
    }
    return hasil.nilai;
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
    var harga = bacaRupiah(masukan, "harga", galat);
    var dp = bacaDesimal(pakaiBawaan(masukan, "dp", flpp.uang_muka_min), "uang muka", "1 atau 10", galat, "dp");
    var bunga = bacaDesimal(pakaiBawaan(masukan, "bunga", flpp.bunga), "suku bunga", "5", galat, "bunga");
    var tenor = bacaDesimal(pakaiBawaan(masukan, "tenor", flpp.tenor_maks), "jangka waktu", "20", galat, "tenor");
    if (dp !== null && !(dp >= 0 && dp < 100)) {
      galat.dp = dp === 100 ? TUNAI : "Uang muka harus paling sedikit 0 dan kurang dari 100 persen.";
    }
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
    if (plafon === 0) return { galat: { dp: TUNAI } };
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

  function wilayahZona(zona, kode, tabel, galat) {
    var pilihan = tabel.wilayah.filter(function (w) { return zona.wilayah_harga.indexOf(w.kode) >= 0; });
    if (!kode) return pilihan;
    var dipilih = pilihan.filter(function (w) { return w.kode === kode; });
    if (dipilih.length === 0) {
      var dikenal = tabel.wilayah.some(function (w) { return w.kode === kode; });
      galat.wilayah = (dikenal ? "Wilayah '" + kode + "' tidak termasuk " + zona.nama : "Wilayah '" + kode + "' tidak dikenal") +
        "; pilih: " + pilihan.map(function (w) { return w.kode; }).join(", ") + ".";
    }
    return dipilih;
  }

  function batasHarga(harga, zona, wilayah, dipilih) {
    var caps = wilayah.map(function (w) { return w.batas_harga; });
    var rendah = Math.min.apply(null, caps);
    var tinggi = Math.max.apply(null, caps);
    var tempat = dipilih ? "wilayah " + wilayah[0].nama : zona.nama;
    var batas = rendah === tinggi ? rupiah(rendah) : rupiah(rendah) + " sampai " + rupiah(tinggi) + " menurut wilayah";
    var catatan;
    if (harga <= rendah) {
      catatan = "Harga paling tinggi ini masih dalam batas harga rumah subsidi di " + tempat + ": " + batas + ".";
    } else if (harga > tinggi) {
      catatan = "Rumah subsidi di " + tempat + " paling mahal " + batas + ", lebih rendah dari harga paling tinggi yang terjangkau " +
        "(" + rupiah(harga) + "). KPR FLPP hanya membiayai rumah sampai batas itu; rumah yang lebih mahal memerlukan KPR biasa " +
        "dengan bunga pasar.";
    } else {
      catatan = "Rumah subsidi di " + tempat + " paling mahal " + batas + "; di sebagian wilayah batas itu lebih rendah dari harga paling " +
        "tinggi yang terjangkau (" + rupiah(harga) + "). Pilih wilayah batas harga untuk hasil yang pasti.";
    }
    return {
      wilayah_harga: wilayah.length === 1 ? wilayah[0].nama : null, batas_harga: rendah,
      batas_harga_tertinggi: tinggi, melebihi_batas_harga: harga > rendah, catatan_harga: catatan,
    };
  }

  function kemampuanMengangsur(masukan, tabel) {
    var flpp = tabel.flpp;
    var rasio = tabel.rasio;
    var galat = {};
    var sendiri = bacaRupiah(masukan, "penghasilan", galat);
    var pasangan = bacaRupiah(masukan, "penghasilan_pasangan", galat);
    var cicilan = bacaRupiah(masukan, "cicilan_lain", galat);
    var status = text(masukan.status);
    var kode = text(masukan.zona);
    var zona = tabel.zona.find(function (z) { return z.kode === kode; }) || null;
    if (!Object.prototype.hasOwnProperty.call(STATUS_LABEL, status)) {
      galat.status = "Pilih status perkawinan: kawin atau lajang.";
    } else if (status === "lajang" && pasangan) {
      galat.penghasilan_pasangan = "Penghasilan pasangan hanya diisi bila status kawin.";
    }
    if (zona === null) {
      var pilihan = tabel.zona.map(function (z) { return z.kode; }).join(", ");
      galat.zona = kode ? "Zona '" + kode + "' tidak dikenal; pilih: " + pilihan + "." : "Pilih zona penghasilan (" + pilihan + ").";
    }
    var kodeWilayah = text(masukan.wilayah);
    var wilayah = zona !== null ? wilayahZona(zona, kodeWilayah, tabel, galat) : [];
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
    var hasil = {
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
    var banding = batasHarga(harga, zona, wilayah, kodeWilayah !== "");
    Object.keys(banding).forEach(function (k) { hasil[k] = banding[k]; });
    return hasil;
  }

  global.klinikKalkulator = {
    rupiah: rupiah,
    simulasiKpr: simulasiKpr,
    kemampuanMengangsur: kemampuanMengangsur,
  };
})(window);
