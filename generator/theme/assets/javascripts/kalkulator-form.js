/* Klinik PKP calculator forms (DOM): read the fields, call window.klinikKalkulator, show errors or the result.
 * Errors appear next to their fields and in a summary that screen readers announce. No data leaves the browser.
 * Also gives window.klinikKalkulator.tabel(): the figures embedded in the page at build time as
 * <script type="application/json" id="klinik-pembiayaan-data">, read here so kalkulator.js stays pure. */
(function () {
  "use strict";

  var K = window.klinikKalkulator;
  var F = window.klinikFormat;

  K.tabel = function () {
    var node = document.getElementById("klinik-pembiayaan-data");
    return node ? JSON.parse(node.textContent) : null;
  };

  function baris(daftar, label, nilai, kelas) {
    var dt = document.createElement("dt");
    dt.textContent = label;
    var dd = document.createElement("dd");
    dd.textContent = nilai;
    if (kelas) dd.className = kelas;
    daftar.appendChild(dt);
    daftar.appendChild(dd);
  }

  function paragraf(wadah, isi, kelas) {
    var p = document.createElement("p");
    p.textContent = isi;
    if (kelas) p.className = kelas;
    wadah.appendChild(p);
  }

  var persen = F.persen;

  /* "Rp 166.000.000" kept on one line when a range wraps on a phone. */
  function utuh(teks) {
    return teks.replace(" ", "\u00a0");
  }

  var TAMPIL = {
    kpr: function (h, wadah, daftar) {
      baris(daftar, "Angsuran per bulan", K.rupiah(h.angsuran), "klinik-hasil__utama");
      baris(daftar, "Uang muka (" + persen(h.dp) + ")", K.rupiah(h.uang_muka));
      baris(daftar, "Pinjaman (plafon kredit)", K.rupiah(h.plafon));
      baris(daftar, "Jangka waktu", h.tenor + " tahun (" + h.bulan + " bulan), bunga " + persen(h.bunga) + " per tahun");
      baris(daftar, "Total angsuran dibayar", K.rupiah(h.total_bayar));
      baris(daftar, "Total bunga", K.rupiah(h.total_bunga));
      wadah.appendChild(daftar);
      if (h.wilayah) {
        paragraf(wadah, h.dalam_batas
          ? "Harga ini tidak melebihi batas harga rumah subsidi di " + h.wilayah + " (" + K.rupiah(h.batas_harga) + ")."
          : "Harga ini melebihi batas harga rumah subsidi di " + h.wilayah + " (" + K.rupiah(h.batas_harga) + "), jadi tidak dapat dibiayai KPR FLPP.",
          h.dalam_batas ? "" : "klinik-hasil__peringatan");
      }
    },
    mampu: function (h, wadah, daftar) {
      baris(daftar, "Penghasilan rumah tangga per bulan", K.rupiah(h.penghasilan_total));
      baris(daftar, "Batas angsuran (bagian penghasilan)", K.rupiah(h.batas_angsuran));
      baris(daftar, "Dikurangi cicilan lain", K.rupiah(h.cicilan_lain));
      baris(daftar, "Angsuran paling besar", K.rupiah(h.angsuran_maks), "klinik-hasil__utama");
      baris(daftar, "Pinjaman paling besar (bunga " + persen(h.bunga) + ", " + h.tenor + " tahun)", K.rupiah(h.plafon_maks));
      baris(daftar, "Harga rumah paling tinggi (uang muka " + persen(h.dp) + ")", K.rupiah(h.harga_maks));
      baris(daftar, "Batas harga rumah subsidi" + (h.wilayah_harga ? " (" + h.wilayah_harga + ")" : " di " + h.zona),
        h.batas_harga === h.batas_harga_tertinggi ? K.rupiah(h.batas_harga)
          : utuh(K.rupiah(h.batas_harga)) + " sampai " + utuh(K.rupiah(h.batas_harga_tertinggi)));
      wadah.appendChild(daftar);
      paragraf(wadah, h.catatan_harga, h.melebihi_batas_harga ? "klinik-hasil__peringatan" : "");
      paragraf(wadah, h.layak_flpp
        ? "Penghasilan memenuhi batas penghasilan KPR FLPP di " + h.zona + " (paling banyak " + K.rupiah(h.batas_penghasilan) + " per bulan)."
        : "Belum memenuhi syarat KPR FLPP: " + h.alasan,
        h.layak_flpp ? "" : "klinik-hasil__peringatan");
      if (h.peringatan) paragraf(wadah, h.peringatan, "klinik-hasil__peringatan");
    },
  };

  function bersihkan(form) {
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".klinik-galat").forEach(function (el) { el.hidden = true; el.textContent = ""; });
  }

  function tampilkanGalat(form, galat, ringkasan) {
    var daftar = document.createElement("ul");
    Object.keys(galat).forEach(function (kunci) {
      var pesan = form.querySelector('[data-galat="' + kunci + '"]');
      if (pesan) { pesan.textContent = galat[kunci]; pesan.hidden = false; }
      form.querySelectorAll('[name="' + kunci + '"]').forEach(function (el) { el.setAttribute("aria-invalid", "true"); });
      var li = document.createElement("li");
      li.textContent = galat[kunci];
      daftar.appendChild(li);
    });
    var judul = document.createElement("p");
    judul.textContent = "Periksa isian berikut:";
    ringkasan.replaceChildren(judul, daftar);
    ringkasan.hidden = false;
    var pertama = form.querySelector('[aria-invalid="true"]');
    if (pertama) pertama.focus();
  }

  function hitung(form) {
    var jenis = form.getAttribute("data-kalkulator");
    var masukan = {};
    new FormData(form).forEach(function (nilai, kunci) { masukan[kunci] = nilai; });
    var fungsi = jenis === "kpr" ? K.simulasiKpr : K.kemampuanMengangsur;
    var hasil = fungsi(masukan, K.tabel());
    var wadah = document.getElementById(form.getAttribute("aria-controls"));
    var ringkasan = form.querySelector(".klinik-galat-ringkasan");
    bersihkan(form);
    wadah.replaceChildren();
    if (hasil.galat) {
      tampilkanGalat(form, hasil.galat, ringkasan);
      return;
    }
    ringkasan.hidden = true;
    ringkasan.replaceChildren();
    var judul = document.createElement("h2");
    judul.textContent = "Hasil";
    wadah.appendChild(judul);
    var daftar = document.createElement("dl");
    daftar.className = "klinik-hasil__daftar";
    TAMPIL[jenis](hasil, wadah, daftar);
  }

  /* A long option is cut off in a closed select on a phone: the hint below it shows the chosen option in full. */
  function petunjukPilihan(select) {
    var petunjuk = document.getElementById(select.getAttribute("data-petunjuk"));
    if (!petunjuk) return;
    var bawaan = petunjuk.getAttribute("data-bawaan") || "";
    function tampil() {
      var pilihan = select.options[select.selectedIndex];
      petunjuk.textContent = pilihan && pilihan.getAttribute("data-cakupan") ? pilihan.getAttribute("data-cakupan") : bawaan;
    }
    select.addEventListener("change", tampil);
    tampil();
  }

  /* The price-region select offers only the regions of the chosen income zone (pembiayaan.yml wilayah_harga). */
  function saringWilayah(form) {
    var zona = form.querySelector('select[name="zona"][data-saring]');
    var wilayah = zona && form.querySelector("#" + zona.getAttribute("data-saring"));
    if (!wilayah) return;
    function saring() {
      var pilihan = zona.options[zona.selectedIndex];
      var ada = (pilihan ? pilihan.getAttribute("data-wilayah") || "" : "").split(" ");
      Array.prototype.forEach.call(wilayah.options, function (o) {
        var cocok = o.value === "" || ada.indexOf(o.value) >= 0;
        o.hidden = !cocok;
        o.disabled = !cocok;
      });
      if (wilayah.selectedOptions[0] && wilayah.selectedOptions[0].disabled) {
        wilayah.value = "";
        wilayah.dispatchEvent(new Event("change"));
      }
    }
    zona.addEventListener("change", saring);
    saring();
  }

  function pasang() {
    document.querySelectorAll("form[data-kalkulator]").forEach(function (form) {
      form.querySelectorAll("select[data-petunjuk]").forEach(petunjukPilihan);
      saringWilayah(form);
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        hitung(form);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pasang);
  else pasang();
})();
