/* Klinik PKP search ranking (pure, no DOM, no network): which of the pages the lookups found answers the query best.
 * A page scores by four kinds of evidence, each a share from 0 to 1: the query's concepts it contains anywhere,
 * those its question (title) contains, how much of its own question the query covers, and those its curated
 * keywords (tag, alias) contain; plus Pagefind's own score. Every word counts by its rarity across the site: a
 * query concept by the pages its lookups found, a question word by the page counts the build writes into the
 * dictionary (kamus.json `frekuensi`). Keywords are evidence like the other fields, never a tier above them. Pagefind's
 * scores summed over every lookup and the all-words lookup (the plain fusion) are one more evidence, and its best
 * pages are always candidates.
 * Loaded after klinik-search-query.js (it splits and roots words the same way) and before the engine adapter.
 *
 *   window.klinikSearchRank = {rankCandidates, rankResults, CANDIDATES, WEIGHT (the weights, for tuning runs)}
 */
(function () {
  "use strict";

  var Q = window.klinikSearchQuery;
  var CANDIDATES = 12;
  var FUSED_CANDIDATES = 4;  // the plain fusion's best pages are always candidates too
  // Each evidence is a share from 0 to 1; set on the tuning set (tests/search/dev_queries.yml) only.
  var WEIGHT = { concepts: 3, inQuestion: 1.5, questionCovered: 1, keywords: 1.5, engine: 0.5, fused: 0.5, faq: 0.4 };
  var EXCERPT_WORDS = 24;  // as long as Pagefind's excerpts (excerptLength in klinik-search-pagefind.js)
  var NUMBER_WEIGHT = 0.4;  // "36" in "rumah tipe 36": a number says less than a word

  /* How telling a word is: high on few pages, low on most (never zero). */
  function rarity(pagesWithWord, pages) {
    return Math.log(1 + pages / (1 + pagesWithWord));
  }

  /* First pass, on lookup results alone. perConcept[ci] is that concept's list of result lists (one per
     lookup), each result {id, score, ...}. Sets concept.effective (its weight times its rarity) and returns
     the best candidates [{result, matched, strength, coverage}], at most max(CANDIDATES, limit + 2). */
  function rankCandidates(concepts, perConcept, dict, limit, allWords) {
    var pages = {};
    var totalWeight = 0;
    var page = function (r) { return pages[r.id] || (pages[r.id] = { result: r, matched: 0, strength: 0, fused: 0 }); };
    perConcept.forEach(function (altResults, ci) {
      var concept = concepts[ci];
      var best = {};
      altResults.forEach(function (results) {
        results.forEach(function (r) { if (!best[r.id] || r.score > best[r.id].score) best[r.id] = r; });
      });
      var ids = Object.keys(best);
      if (!altResults.length) { concept.effective = 0; return; }  // common words only: ranks by title below
      concept.effective = concept.weight * Math.max(rarity(ids.length, dict.pages), 0.05);
      totalWeight += concept.effective;
      var top = 0;
      ids.forEach(function (id) { if (best[id].score > top) top = best[id].score; });
      ids.forEach(function (id) {
        var p = page(best[id]);
        p.matched += concept.effective;
        p.strength += concept.effective * (0.5 + 0.5 * (top ? best[id].score / top : 0));
        p.fused += best[id].score;
      });
    });
    // Pagefind's own scores summed over the lookups and the all-words lookup (the plain fusion, as evidence).
    (allWords || []).forEach(function (r) { page(r).fused += r.score; });
    var ranked = Object.keys(pages).map(function (id) { return pages[id]; });
    ranked.forEach(function (p) { p.coverage = totalWeight ? p.matched / totalWeight : 0; });
    var size = Math.max(CANDIDATES, limit + 2);
    var byFused = ranked.slice().sort(function (a, b) { return b.fused - a.fused; }).slice(0, FUSED_CANDIDATES);
    ranked.sort(function (a, b) { return (b.coverage - a.coverage) || (b.strength - a.strength); });
    var chosen = ranked.slice(0, size);
    byFused.forEach(function (p) { if (chosen.indexOf(p) < 0) chosen.push(p); });
    return chosen;
  }

  /* The roots of a text's words, without filler words ("apa", "bagaimana", "saya" ...). */
  function contentRoots(text, dict) {
    var seen = {};
    Q.words(text).forEach(function (w) {
      if (!dict.filler.has(w) && w.length > 1 && !seen[Q.root(w)]) seen[Q.root(w)] = w;
    });
    return seen;  // root -> the first word with that root
  }

  /* Whether a concept (any of its alternatives, every word) is among a field's roots. */
  function found(concept, roots) {
    return concept.alternatives.some(function (alt) { return alt.every(function (w) { return roots[Q.root(w)]; }); });
  }

  /* The share of a page's question (its content words, each by its rarity) that the query's words cover. */
  function questionCovered(questionRoots, queryRoots, dict) {
    var total = 0, covered = 0;
    Object.keys(questionRoots).forEach(function (r) {
      var w = questionRoots[r];
      var weight = rarity(dict.frequency[w] || 1, dict.pages) * (/^\d+$/.test(w) ? NUMBER_WEIGHT : 1);
      total += weight;
      if (queryRoots[r]) covered += weight;
    });
    return total ? covered / total : 0;
  }

  /* The query's concepts that pass test, as a share of the query's weight. */
  function share(concepts, test, weightOf, total) {
    var sum = 0;
    concepts.forEach(function (c) { if (test(c)) sum += weightOf(c); });
    return total ? sum / total : 0;
  }

  /* Second pass, once the candidates' page data {url, excerpt, meta: {title, kata, type, topic}} is known
     (datas[i] belongs to ranked[i]). Returns the contract's [{url, title, excerpt, topic}], at most limit. */
  function rankResults(concepts, ranked, datas, limit, dict) {
    // Common words are not looked up, but a question that contains them is still the better match.
    var weightOf = function (concept) {
      return concept.effective || concept.weight * rarity(dict.frequency[concept.label] || dict.pages, dict.pages);
    };
    var total = concepts.reduce(function (sum, c) { return sum + weightOf(c); }, 0);
    var queryRoots = {};
    concepts.forEach(function (c) {
      c.alternatives.forEach(function (alt) { alt.forEach(function (w) { queryRoots[Q.root(w)] = true; }); });
    });
    var maxStrength = 0, maxFused = 0;
    ranked.forEach(function (p) { maxStrength = Math.max(maxStrength, p.strength); maxFused = Math.max(maxFused, p.fused); });
    ranked.forEach(function (p, i) {
      p.data = datas[i];
      var meta = p.data.meta || {};
      var question = contentRoots(meta.title || "", dict);
      var keywords = contentRoots(meta.kata || "", dict);
      p.final = WEIGHT.concepts * p.coverage
        + WEIGHT.inQuestion * share(concepts, function (c) { return found(c, question); }, weightOf, total)
        + WEIGHT.questionCovered * questionCovered(question, queryRoots, dict)
        // Keywords add evidence for the concepts the question lacks: a page without tags is not behind for it.
        + WEIGHT.keywords * share(concepts, function (c) { return !found(c, question) && found(c, keywords); }, weightOf, total)
        + WEIGHT.engine * (maxStrength ? p.strength / maxStrength : 0)
        + WEIGHT.fused * (maxFused ? p.fused / maxFused : 0)
        + (meta.type === "faq" ? WEIGHT.faq : 0);
    });
    ranked.sort(function (a, b) { return b.final - a.final; });
    return ranked.slice(0, limit).map(function (p) {
      var meta = p.data.meta || {};
      return { url: p.data.url, title: meta.title || p.data.url, excerpt: excerptOf(p.data), topic: meta.topic || "" };
    });
  }

  /* Pagefind's excerpt, unless it was cut from the page's keyword list ("Kata kunci: ..."): then the answer's
     first words (the page text after its question), so a result always shows answer text. */
  function excerptOf(data) {
    var meta = data.meta || {};
    var excerpt = data.excerpt || "";
    var plain = excerpt.replace(/<[^>]*>/g, "");
    var keywords = (meta.kata || "").split(", ");
    var fromKeywords = plain.indexOf("Kata kunci") >= 0 || keywords.some(function (k, i) {
      return i > 0 && plain.indexOf(keywords[i - 1] + ", " + k) >= 0;
    });
    if (!fromKeywords || !data.content) return excerpt;
    var text = String(data.content);
    if (meta.title && text.indexOf(meta.title) === 0) text = text.slice(meta.title.length);
    var words = text.split(/\s+/).filter(Boolean);
    return words.slice(0, EXCERPT_WORDS).join(" ") + (words.length > EXCERPT_WORDS ? " \u2026" : "");
  }

  window.klinikSearchRank = { CANDIDATES: CANDIDATES, WEIGHT: WEIGHT, rankCandidates: rankCandidates, rankResults: rankResults };
})();
