/*
 * Klinik PKP search: one contract for every engine, and the search boxes that use it.
 *
 *   window.klinikSearch(query, {limit}) -> Promise<[{url, title, excerpt, topic}]>
 *
 * Embedded engine (default): Pagefind's index of the built site (Indonesian stemming), behind a
 * query layer that understands how citizens type: colloquial words and abbreviations are
 * normalised, filler words dropped, synonym groups (IMB = PBG, bedah rumah = BSPS ...) expanded,
 * typos corrected against the site's vocabulary, and pages are ranked by how many of the query's
 * concepts they match (all words first, then any words), question and keyword matches first.
 * The dictionary is site_config/pencarian.yml, shipped as pencarian/kamus.json.
 * Algolia (when configured at build time): the same contract over klinik-algolia.js.
 */
(function () {
  "use strict";

  var script = document.getElementById("klinik-search-script");
  var configNode = document.getElementById("klinik-search-config");
  if (!script || !configNode) return;
  var BASE = new URL(script.getAttribute("data-base") || "./", location.href);
  var CONFIG = JSON.parse(configNode.textContent);
  var CANDIDATES = 12;
  var MAX_LOOKUPS = 2;
  var DEBOUNCE_MS = 40;  // pause after a keystroke before searching; finished words are looked up at once
  var ENOUGH_PAGES = 50;  // a concept whose first lookup finds this many pages needs no synonym lookups  // Pagefind lookups per concept: the typed word, its correction, then synonyms

  /* ---------- text helpers ---------- */

  function rawWords(text) {
    return (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g) || [];
  }

  function words(text) {
    var out = [];
    rawWords(text).forEach(function (w) {
      var m = /^([a-z]{3,})2$/.exec(w);           // "retak2" = "retak-retak"
      if (m) { out.push(m[1]); return; }
      (w.match(/[a-z]+|[0-9]+/g) || []).forEach(function (part) { out.push(part); });  // "5jt" = "5 jt"
    });
    return out;
  }

  var PREFIXES = ["meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "pe", "ber", "ter", "per", "di", "ke", "se"];
  var SUFFIXES = ["nya", "kan", "an", "in", "i", "lah", "kah", "pun"];

  /* A rough root, only to see whether a query word appears in a result's title or keywords. */
  function root(word) {
    var w = word;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (w.length - s.length >= 4 && w.slice(-s.length) === s) { w = w.slice(0, -s.length); break; }
    }
    for (var j = 0; j < PREFIXES.length; j++) {
      var p = PREFIXES[j];
      if (w.length - p.length >= 4 && w.indexOf(p) === 0) { w = w.slice(p.length); break; }
    }
    return w.slice(0, 6);
  }

  /* Optimal-string-alignment distance (a swap of two neighbours counts once), stopping early past max. */
  function editDistanceAtMost(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var older = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (older && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) cur[k] = Math.min(cur[k], older[k - 2] + 1);
        if (cur[k] < best) best = cur[k];
      }
      if (best > max) return false;
      older = prev;
      prev = cur;
    }
    return prev[b.length] <= max;
  }

  /* ---------- the dictionary ---------- */

  var dictionaryPromise = null;

  function loadDictionary() {
    if (!dictionaryPromise) {
      dictionaryPromise = fetch(new URL(CONFIG.kamus, BASE)).then(function (r) {
        if (!r.ok) throw new Error("kamus pencarian tidak dapat dimuat");
        return r.json();
      }).then(prepareDictionary);
    }
    return dictionaryPromise;
  }

  function prepareDictionary(raw) {
    var groups = raw.sinonim.map(function (g) { return g.map(words); });
    var known = Object.create(null);
    Object.keys(raw.kosakata).forEach(function (w) { known[w] = raw.kosakata[w]; });
    groups.forEach(function (g) { g.forEach(function (t) { t.forEach(function (w) { if (!known[w]) known[w] = 1; }); }); });
    Object.keys(raw.normalisasi).forEach(function (w) { words(raw.normalisasi[w]).forEach(function (t) { if (!known[t]) known[t] = 1; }); });
    var byLength = {};
    Object.keys(known).forEach(function (w) { (byLength[w.length] = byLength[w.length] || []).push(w); });
    var phraseWords = new Set();
    groups.forEach(function (g) { g.forEach(function (t) { t.forEach(function (w) { phraseWords.add(w); }); }); });
    return {
      phraseWords: phraseWords,
      normal: raw.normalisasi,
      filler: new Set(raw.pengisi),
      common: new Set(raw.umum || []),
      groups: groups,
      known: known,
      byLength: byLength,
      pages: raw.dokumen || 1,
    };
  }

  function correct(word, dict) {
    if (dict.known[word] || /^\d+$/.test(word) || word.length < 4) return null;
    var max = word.length >= 7 ? 2 : 1;
    var best = null, bestCount = 0, bestDistance = 9;
    for (var len = word.length - max; len <= word.length + max; len++) {
      var list = dict.byLength[len] || [];
      for (var i = 0; i < list.length; i++) {
        var cand = list[i];
        for (var d = 1; d <= max; d++) {
          if (editDistanceAtMost(word, cand, d)) {
            var count = dict.known[cand];
            if (d < bestDistance || (d === bestDistance && count > bestCount)) { best = cand; bestCount = count; bestDistance = d; }
            break;
          }
        }
      }
    }
    return best;
  }

  /* Turn a query into concepts: each a list of alternative phrases (arrays of words) and a weight. */
  function analyse(query, dict) {
    var raw = rawWords(query);
    var normalised = [];
    raw.forEach(function (w) {
      var target = dict.normal[w];
      if (!target && w.length > 5 && /in$/.test(w) && dict.normal[w.slice(0, -2)]) target = dict.normal[w.slice(0, -2)];
      if (!target && w.length > 5 && /in$/.test(w) && dict.known[w.slice(0, -2)]) target = w.slice(0, -2);
      words(target || w).forEach(function (t) {
        var again = dict.normal[t];
        (again ? words(again) : [t]).forEach(function (u) { normalised.push(u); });
      });
    });
    // Fillers between the words of a known phrase ("rumah saya tidak layak huni") must not hide it.
    normalised = normalised.filter(function (w) { return !dict.filler.has(w) || dict.phraseWords.has(w); });
    var concepts = [];
    var used = normalised.map(function () { return false; });
    // Synonym phrases first, longest first, so "rumah tidak layak huni" is one concept.
    var phrases = [];
    dict.groups.forEach(function (g, gi) { g.forEach(function (t) { phrases.push({ words: t, group: gi }); }); });
    phrases.sort(function (a, b) { return b.words.length - a.words.length; });
    phrases.forEach(function (p) {
      for (var i = 0; i + p.words.length <= normalised.length; i++) {
        var match = true;
        for (var k = 0; k < p.words.length; k++) {
          if (used[i + k] || normalised[i + k] !== p.words[k]) { match = false; break; }
        }
        if (match) {
          for (var m = 0; m < p.words.length; m++) used[i + m] = true;
          // The words as typed are looked up first: often a smaller index download than the group's head word.
          var typed = p.words.join(" ");
          var others = dict.groups[p.group].filter(function (t) { return t.join(" ") !== typed; });
          concepts.push({ alternatives: [p.words].concat(others), label: typed, weight: 1 });
        }
      }
    });
    normalised.forEach(function (w, i) {
      if (used[i] || dict.filler.has(w)) return;
      used[i] = true;
      var alternatives = [[w]];
      var fixed = correct(w, dict);
      if (fixed) {
        alternatives.push([fixed]);
        var group = dict.groups.filter(function (g) { return g.some(function (t) { return t.length === 1 && t[0] === fixed; }); })[0];
        if (group) alternatives = alternatives.concat(group);
      }
      concepts.push({ alternatives: alternatives, label: w, weight: /^\d+$/.test(w) ? 0.4 : 1 });
    });
    if (!concepts.length) {
      // Only filler words (e.g. "apa itu"): search them as typed rather than nothing.
      words(query).forEach(function (w) { concepts.push({ alternatives: [[w]], label: w, weight: 0.5 }); });
    }
    return concepts;
  }

  /* ---------- Pagefind engine ---------- */

  var pagefindPromise = null;

  function loadPagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL(CONFIG.bundle + "pagefind.js", BASE).href).then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: BASE.pathname, excerptLength: 24 })).then(function () {
          pf.init();
          return pf;
        });
      });
    }
    return pagefindPromise;
  }

  /* What to ask Pagefind for one alternative: its uncommon words (a word on most pages costs a slow
     lookup and says little); null when the alternative is common words only. */
  function lookupKey(phrase, dict) {
    // Single letters ("letter c") would be prefix lookups of every word starting with that letter.
    // Short numbers ("4 juta", "tipe 36") match thousands of pages; the words around them carry the query.
    var rare = phrase.filter(function (w) {
      return !dict.common.has(w) && (w.length > 1 || phrase.length === 1) && !/^\d{1,2}$/.test(w);
    });
    return rare.length ? rare.join(" ") : null;
  }

  /* Per concept, the Pagefind lookups to make: at most MAX_LOOKUPS, one per distinct root. */
  function lookupKeys(concepts, dict, rareOnly) {
    var anyRare = rareOnly || concepts.some(function (c) { return c.alternatives.some(function (a) { return lookupKey(a, dict); }); });
    return concepts.map(function (concept) {
      var keys = [], roots = [];
      concept.alternatives.forEach(function (alt) {
        var key = anyRare ? lookupKey(alt, dict) : alt.join(" ");
        if (!key || keys.length >= MAX_LOOKUPS) return;
        var rootKey = key.split(" ").map(root).join(" ");  // "subsidi" and "bersubsidi" are one lookup
        if (roots.indexOf(rootKey) < 0) { keys.push(key); roots.push(rootKey); }
      });
      return keys;
    });
  }

  var lookups = {};  // lookup key -> Promise of Pagefind results; the index never changes while the page lives

  function searchPhrase(pf, key) {
    if (!lookups[key]) {
      lookups[key] = pf.search(key).then(function (found) { return (found && found.results) || []; },
        function (error) { delete lookups[key]; throw error; });  // a failed download is tried again next time
    }
    return lookups[key];
  }

  /* One concept's results: the word as typed first; its synonyms only when it finds few pages (saves index
     downloads at scale). */
  function conceptResults(pf, keys) {
    if (!keys.length) return Promise.resolve([]);
    return searchPhrase(pf, keys[0]).then(function (first) {
      if (first.length >= ENOUGH_PAGES) return [first];
      return Promise.all(keys.slice(1).map(function (key) { return searchPhrase(pf, key); }))
        .then(function (rest) { return [first].concat(rest); });
    });
  }

  /* While the user types, look up the words already finished, so the search after the last keystroke only
     waits for the last word. A half-typed word is not looked up: its prefix can span index chunks the
     finished word does not need. */
  function prefetch(text) {
    var query = text.replace(/[^\s]*$/, "");
    if (CONFIG.engine === "algolia" || !words(query).length) return;
    Promise.all([loadPagefind(), loadDictionary()]).then(function (loaded) {
      var pf = loaded[0], dict = loaded[1];
      // Common words are looked up only when a query has nothing else: never worth loading ahead.
      lookupKeys(analyse(query, dict), dict, true).forEach(function (keys) {
        conceptResults(pf, keys).catch(function () { /* the search itself reports failures */ });
      });
    }).catch(function () { /* the search itself reports failures */ });
  }

  function topicOf(data) {
    return (data.meta && data.meta.topic) || "";
  }

  /* Every concept's results. A query of common words only (on a large site, "atap bocor") first asks for
     the pages with all its words in one lookup: per-word lookups of words on thousands of pages are the
     slowest Pagefind can do. */
  function lookupAll(pf, concepts, dict) {
    var perWord = function () {
      return Promise.all(lookupKeys(concepts, dict).map(function (keys) { return conceptResults(pf, keys); }));
    };
    var allCommon = !concepts.some(function (c) { return c.alternatives.some(function (a) { return lookupKey(a, dict); }); });
    if (!allCommon || concepts.length < 2) return perWord();
    var together = concepts.map(function (c) { return c.alternatives[0].join(" "); }).join(" ");
    return searchPhrase(pf, together).then(function (found) {
      return found.length >= CANDIDATES ? concepts.map(function () { return [found]; }) : perWord();
    });
  }

  function pagefindSearch(query, limit, signal) {
    return Promise.all([loadPagefind(), loadDictionary()]).then(function (loaded) {
      var pf = loaded[0], dict = loaded[1];
      var concepts = analyse(query, dict);
      if (!concepts.length) return [];
      return lookupAll(pf, concepts, dict).then(function (perConcept) {
        var pages = {};
        var totalWeight = 0;
        perConcept.forEach(function (altResults, ci) {
          var concept = concepts[ci];
          var best = {};
          altResults.forEach(function (results) {
            results.forEach(function (r) { if (!best[r.id] || r.score > best[r.id].score) best[r.id] = r; });
          });
          var ids = Object.keys(best);
          if (!altResults.length) { concept.effective = 0; return; }  // common words only: ranks by title below
          var rarity = Math.log(1 + dict.pages / (1 + ids.length));
          concept.effective = concept.weight * Math.max(rarity, 0.05);
          totalWeight += concept.effective;
          var top = 0;
          ids.forEach(function (id) { if (best[id].score > top) top = best[id].score; });
          ids.forEach(function (id) {
            var page = pages[id] || (pages[id] = { result: best[id], matched: 0, strength: 0, concepts: {} });
            page.matched += concept.effective;
            page.strength += concept.effective * (0.5 + 0.5 * (top ? best[id].score / top : 0));
            page.concepts[ci] = true;
          });
        });
        var ranked = Object.keys(pages).map(function (id) { return pages[id]; });
        ranked.forEach(function (p) { p.coverage = totalWeight ? p.matched / totalWeight : 0; });
        ranked.sort(function (a, b) { return (b.coverage - a.coverage) || (b.strength - a.strength); });
        ranked = ranked.slice(0, Math.max(CANDIDATES, limit + 2));
        // A search the user has already typed past need not download its result fragments.
        if (signal && signal.aborted) return Promise.reject(new DOMException("Pencarian diganti", "AbortError"));
        return Promise.all(ranked.map(function (p) { return p.result.data(); })).then(function (datas) {
          // Common words are not looked up, but a question that contains them is still the better match.
          var titleWeight = function (concept) { return concept.effective || 0.3; };
          var titleTotal = concepts.reduce(function (sum, c) { return sum + titleWeight(c); }, 0);
          var maxStrength = 0;
          ranked.forEach(function (p) { if (p.strength > maxStrength) maxStrength = p.strength; });
          ranked.forEach(function (p, i) {
            p.data = datas[i];
            var heading = words(((p.data.meta && p.data.meta.title) || "") + " " + ((p.data.meta && p.data.meta.kata) || ""));
            var roots = new Set(heading.map(root));
            var inTitle = 0;
            concepts.forEach(function (concept) {
              var hit = concept.alternatives.some(function (alt) {
                return alt.every(function (w) { return roots.has(root(w)); });
              });
              if (hit) inTitle += titleWeight(concept);
            });
            p.titleCoverage = titleTotal ? inTitle / titleTotal : 0;
            p.final = 3 * p.coverage + 1.5 * p.titleCoverage + 0.5 * (maxStrength ? p.strength / maxStrength : 0) + (p.data.meta && p.data.meta.type === "faq" ? 0.05 : 0);
          });
          ranked.sort(function (a, b) { return b.final - a.final; });
          return ranked.slice(0, limit).map(function (p) {
            return {
              url: p.data.url,
              title: (p.data.meta && p.data.meta.title) || p.data.url,
              excerpt: p.data.excerpt || "",
              topic: topicOf(p.data),
            };
          });
        });
      });
    });
  }

  /* ---------- the contract ---------- */

  function normalisedQuery(query) {
    return loadDictionary().then(function (dict) {
      return words(query).map(function (w) { return dict.normal[w] || w; })
        .filter(function (w) { return !dict.filler.has(w); }).join(" ") || query;
    });
  }

  window.klinikSearch = function (query, options) {
    var limit = (options && options.limit) || 10;
    if (!query || !words(query).length) return Promise.resolve([]);
    if (CONFIG.engine === "algolia" && window.klinikAlgoliaSearch) {
      return window.klinikAlgoliaSearch(CONFIG, query, limit);
    }
    return pagefindSearch(query, limit, options && options.signal);
  };
  window.klinikSearch.analyse = function (query) {
    return loadDictionary().then(function (dict) { return analyse(query, dict); });
  };
  window.klinikSearch.normalisedQuery = normalisedQuery;

  /* ---------- the search boxes ---------- */

  var ASK_URL = new URL("ajukan/", BASE).href;
  var SEARCH_PAGE = new URL("cari/", BASE).href;

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
    html += '<p class="klinik-cari__ajukan">Tidak menemukan yang Anda cari? <a href="' + ASK_URL + '">Ajukan pertanyaan</a> ke Tenaga Ahli, gratis.</p>';
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

    function run() {
      var query = input.value;
      var mine = ++serial;
      if (running) running.abort();
      running = new AbortController();
      window.klinikSearch(query, { limit: isPage ? 10 : 6, signal: running.signal }).then(function (results) {
        if (mine !== serial) return;
        active = -1;
        renderResults(box, results, query, isPage);
        box.setAttribute("data-klinik-selesai", String(mine));
        if (isPage) history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
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
      prefetch(input.value);
      clearTimeout(timer);
      if (running) running.abort();  // what was typed so far is out of date
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("focus", function () { loadDictionary(); if (CONFIG.engine !== "algolia") loadPagefind(); }, { once: true });
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
