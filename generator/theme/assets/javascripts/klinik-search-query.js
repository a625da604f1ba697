/* Klinik PKP search query layer (pure, no DOM, no network): how citizens type, turned into concepts and lookups.
 * Colloquial words and abbreviations are normalised, filler words dropped, synonym groups (IMB = PBG, bedah rumah =
 * BSPS ...) expanded, typos corrected against the site's vocabulary. The dictionary is site_config/pencarian.yml,
 * shipped as pencarian/kamus.json; klinik-search.js loads it, the engine adapters (klinik-search-pagefind.js) make
 * the lookups this layer plans and hand their results to the ranking (klinik-search-rank.js).
 *
 *   window.klinikSearchQuery = {words, root, prepareDictionary, analyse, normalise, lookupKeys, hasRareWords,
 *                               allWordsKey, settled}
 */
(function () {
  "use strict";

  var MAX_LOOKUPS = 2;  // lookups per concept: the typed word, its correction, then synonyms

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

  /* A rough root: "subsidi" and "bersubsidi" are one lookup, and a query word is seen in a result's question. */
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

  /* kamus.json as shipped -> the lookup structures analyse() and correct() use. */
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
      frequency: raw.frekuensi || {},
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

  /* ---------- analysis ---------- */

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

  /* The query with colloquial words normalised and fillers dropped, as one string (for engines without this layer). */
  function normalise(query, dict) {
    return words(query).map(function (w) { return dict.normal[w] || w; })
      .filter(function (w) { return !dict.filler.has(w); }).join(" ") || query;
  }

  /* ---------- lookup plan ---------- */

  /* What to ask the index for one alternative: its uncommon words (a word on most pages costs a slow
     lookup and says little); null when the alternative is common words only. */
  function lookupKey(phrase, dict) {
    // Single letters ("letter c") would be prefix lookups of every word starting with that letter.
    // Short numbers ("4 juta", "tipe 36") match thousands of pages; the words around them carry the query.
    var rare = phrase.filter(function (w) {
      return !dict.common.has(w) && (w.length > 1 || phrase.length === 1) && !/^\d{1,2}$/.test(w);
    });
    return rare.length ? rare.join(" ") : null;
  }

  /* Whether any concept has an alternative with an uncommon word to look up. */
  function hasRareWords(concepts, dict) {
    return concepts.some(function (c) { return c.alternatives.some(function (a) { return lookupKey(a, dict); }); });
  }

  /* Per concept, the lookups to make: at most MAX_LOOKUPS, one per distinct root. */
  function lookupKeys(concepts, dict, rareOnly) {
    var anyRare = rareOnly || hasRareWords(concepts, dict);
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

  /* One lookup for the pages with every concept's words as typed. */
  function allWordsKey(concepts) {
    return concepts.map(function (c) { return c.alternatives[0].join(" "); }).join(" ");
  }

  /* While typing: the text without its last word when that word is unfinished and too short to look up (one
     letter, or two that no page, synonym or abbreviation uses): a prefix lookup of "j" downloads index chunks
     that no finished word needs. A number is always kept ("tipe 3" is on its way to "tipe 36" but is a query). */
  function settled(text, dict) {
    var value = String(text || "");
    var cut = -1;
    for (var i = value.length - 1; i >= 0; i--) {
      if (/\s/.test(value[i])) { cut = i; break; }
    }
    if (cut === value.length - 1) return value;  // the last word is finished
    var last = words(value.slice(cut + 1));
    var tail = last.length ? last[last.length - 1] : "";
    var unfinished = tail.length === 1 || (tail.length === 2 && !dict.known[tail] && !dict.normal[tail]);
    if (!tail || /^[0-9]+$/.test(tail) || !unfinished) return value;
    return value.slice(0, cut + 1);
  }

  window.klinikSearchQuery = {
    words: words,
    prepareDictionary: prepareDictionary,
    analyse: analyse,
    normalise: normalise,
    lookupKeys: lookupKeys,
    hasRareWords: hasRareWords,
    allWordsKey: allWordsKey,
    root: root,
    settled: settled,
  };
})();
