/* Klinik PKP search boxes (DOM): the header box and the /cari/ page, showing window.klinikSearch's results.
 * Listbox with arrow keys and Enter, "Ajukan pertanyaan" (carrying the query) when nothing fits, /cari/?q=... read on
 * arrival. */
(function () {
  "use strict";

  if (typeof window.klinikSearch !== "function") return;
  var BASE = window.klinikSearch.base;
  var DEBOUNCE_MS = 40;  // pause after a keystroke before searching; finished words are looked up at once

  var ASK_URL = new URL("ajukan/", BASE).href;
  var SEARCH_PAGE = new URL("cari/", BASE).href;

  /* The form's address with what was searched, so the question need not be typed again (klinik-ajukan-saran.js). */
  function askWith(query) {
    var text = String(query || "").trim().slice(0, 300);
    return text ? ASK_URL + "?pertanyaan=" + encodeURIComponent(text) : ASK_URL;
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  /* Engines return excerpts as HTML with <mark> around matches: keep that tag, show all else as text. */
  function safeExcerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = String(html);
    var out = "";
    (function walk(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) out += escapeText(child.textContent);
        else if (child.nodeName === "MARK") out += "<mark>" + escapeText(child.textContent) + "</mark>";
        else walk(child);
      });
    })(template.content);
    return out;
  }

  function renderResults(box, results, query, isPage) {
    var list = box.querySelector(".klinik-cari__hasil");
    var input = box.querySelector(".klinik-cari__input");
    var prefix = list.id + "-";
    if (!query.trim()) { list.innerHTML = ""; list.hidden = !isPage; input.setAttribute("aria-expanded", "false"); return; }
    var html = "";
    if (results.length) {
      html += '<p class="klinik-cari__jumlah">' + (isPage ? results.length + " hasil untuk \u201c" + escapeText(query) + "\u201d" : "Hasil teratas") + "</p>";
      html += '<ul class="klinik-cari__daftar" role="listbox" aria-label="Hasil pencarian">';
      results.forEach(function (r, i) {
        html += '<li role="option" id="' + prefix + i + '" aria-selected="false"><a href="' + escapeText(r.url) + '" tabindex="-1">' +
          '<span class="klinik-cari__judul">' + escapeText(r.title) + "</span>" +
          (r.topic ? '<span class="klinik-cari__bidang">' + escapeText(r.topic) + "</span>" : "") +
          (isPage && r.excerpt ? '<span class="klinik-cari__cuplikan">' + safeExcerpt(r.excerpt) + "</span>" : "") +
          "</a></li>";
      });
      html += "</ul>";
      if (!isPage) html += '<a class="klinik-cari__semua" href="' + SEARCH_PAGE + "?q=" + encodeURIComponent(query) + '">Lihat semua hasil</a>';
    } else {
      html += '<p class="klinik-cari__kosong">Belum ada jawaban untuk \u201c' + escapeText(query) + "\u201d.</p>";
    }
    // The search page has its own "Ajukan pertanyaan" line below the box (carrying the query, see askWith).
    if (!isPage) html += '<p class="klinik-cari__ajukan">Tidak menemukan yang Anda cari? <a href="' + escapeText(askWith(query)) + '">Ajukan pertanyaan</a> ke Tenaga Ahli, gratis.</p>';
    list.innerHTML = html;
    list.hidden = false;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
  }

  function bind(box) {
    var input = box.querySelector(".klinik-cari__input");
    var list = box.querySelector(".klinik-cari__hasil");
    var isPage = box.hasAttribute("data-klinik-halaman");
    var timer = null, serial = 0, active = -1, running = null;

    /* typing: a live search after a keystroke (the query's unfinished last word may wait); else Enter or arrival. */
    function run(typing) {
      var query = input.value;
      var mine = ++serial;
      if (running) running.abort();
      running = new AbortController();
      window.klinikSearch(query, { limit: isPage ? 10 : 6, signal: running.signal, typing: typing === true }).then(function (results) {
        if (mine !== serial || results === null) return;
        active = -1;
        renderResults(box, results, query, isPage);
        box.setAttribute("data-klinik-selesai", String(mine));
        // what this box now shows, for klinik-search-gagal.js (loaded only when site.yml names an intake server)
        box.dispatchEvent(new CustomEvent("klinik-cari:hasil", { bubbles: true, detail: { query: query, count: results.length } }));
        if (isPage) {
          history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
          document.querySelectorAll("[data-klinik-ajukan]").forEach(function (a) { a.href = askWith(query); });
        }
      }).catch(function () {
        if (mine !== serial) return;  // superseded (aborted) searches say nothing
        list.innerHTML = '<p class="klinik-cari__kosong">Pencarian sedang tidak dapat dimuat. Coba lagi, atau <a href="' + ASK_URL + '">ajukan pertanyaan</a>.</p>';
        list.hidden = false;
      });
    }

    function move(step) {
      var options = list.querySelectorAll('[role="option"]');
      if (!options.length) return;
      if (active >= 0) options[active].setAttribute("aria-selected", "false");
      active = (active + step + options.length) % options.length;
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("input", function () {
      window.klinikSearch.prefetch(input.value);
      clearTimeout(timer);
      if (running) running.abort();  // what was typed so far is out of date
      timer = setTimeout(function () { run(true); }, DEBOUNCE_MS);
    });
    input.addEventListener("focus", function () { window.klinikSearch.warm(); }, { once: true });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape" && !isPage) { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
      else if (event.key === "Enter" && active >= 0) {
        var link = list.querySelectorAll('[role="option"] a')[active];
        if (link) { event.preventDefault(); location.href = link.href; }
      }
    });
    box.addEventListener("submit", function (event) {
      if (isPage) { event.preventDefault(); clearTimeout(timer); run(); }
    });
    if (!isPage) {
      document.addEventListener("click", function (event) {
        if (!box.contains(event.target)) { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
      });
    } else {
      var initial = new URLSearchParams(location.search).get("q");
      if (initial) { input.value = initial; run(); }
      input.focus();
    }
  }

  document.querySelectorAll("[data-klinik-cari]").forEach(bind);
})();
