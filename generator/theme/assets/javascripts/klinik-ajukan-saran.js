/* Klinik PKP: "Mungkin sudah terjawab" under the question on the Ajukan form: up to 3 FAQ that the site's own
   search (window.klinikSearch, in the browser, no server) finds for what is being typed. Without JavaScript or
   without the search the form is unchanged. window.klinikSaranFaq(text) is the same function for the bench.
   ?pertanyaan=... (from the search boxes' "Ajukan pertanyaan" link) fills an empty question field. */
(function () {
  "use strict";
  var MIN_WORDS = 4, SHOWN = 3, ASKED = 10, DEBOUNCE_MS = 700, MAX_CHARS = 300;

  function isFaq(url) { return /(^|\/)faq\/[^/]+\/?$/.test(new URL(url, location.href).pathname); }

  /* Up to SHOWN FAQ for a question of at least MIN_WORDS words ([] otherwise, or while the search is not there). */
  function suggest(text) {
    var query = String(text || "").slice(0, MAX_CHARS);
    if (typeof window.klinikSearch !== "function" || !window.klinikSearchQuery) return Promise.resolve([]);
    if (window.klinikSearchQuery.words(query).length < MIN_WORDS) return Promise.resolve([]);
    return window.klinikSearch(query, { limit: ASKED }).then(function (results) {
      return results.filter(function (r) { return isFaq(r.url); }).slice(0, SHOWN);
    });
  }
  suggest.minWords = MIN_WORDS;
  window.klinikSaranFaq = suggest;

  var field = document.getElementById("isian-pertanyaan");
  var box = document.getElementById("saran-faq");
  if (!field || !box) return;
  var timer = null, serial = 0;

  function render(results) {
    box.textContent = "";
    if (!results.length) { box.hidden = true; return; }
    var title = document.createElement("p");
    title.className = "klinik-saran__judul";
    title.textContent = "Mungkin sudah terjawab (dibuka di tab baru, isian Anda tetap di sini):";
    var list = document.createElement("ul");
    results.forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = r.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = r.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    box.hidden = false;
  }

  // From the search page's "Ajukan pertanyaan" link: what was searched starts the question (never overwrites one).
  var carried = new URLSearchParams(location.search).get("pertanyaan");
  if (carried && !field.value) {
    field.value = carried.slice(0, field.maxLength > 0 ? field.maxLength : MAX_CHARS);
    setTimeout(function () { field.dispatchEvent(new Event("input")); }, 0);
  }

  field.addEventListener("focus", function () { if (window.klinikSearch) window.klinikSearch.warm(); }, { once: true });
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++serial;
      suggest(field.value).then(function (results) {
        if (mine === serial) render(results);
      }).catch(function () { if (mine === serial) render([]); });  // a failed search only means no suggestions
    }, DEBOUNCE_MS);
  });
})();
