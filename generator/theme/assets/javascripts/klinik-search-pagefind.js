/* Klinik PKP search engine adapter for Pagefind (the embedded default): loads the index, makes and caches lookups.
 * The query layer (klinik-search-query.js) analyses the query and plans the lookups, klinik-search-rank.js ranks
 * their results; this file only talks to Pagefind. klinik-algolia.js is the other engine adapter behind klinikSearch.
 *
 *   var engine = window.klinikPagefind({base: URL, bundle: "pagefind/", dictionary: () => Promise<dict>});
 *   engine.search(query, limit, signal) -> Promise<[{url, title, excerpt, topic}]>
 *   engine.prefetch(text)  look up the words already finished while the user types
 *   engine.load()          start loading Pagefind (on focus, before the first keystroke)
 */
(function () {
  "use strict";

  var Q = window.klinikSearchQuery;
  var R = window.klinikSearchRank;
  var ENOUGH_PAGES = 50;  // a concept whose first lookup finds this many pages needs no synonym lookups

  window.klinikPagefind = function (settings) {
    var pagefindPromise = null;
    var lookups = {};  // lookup key -> Promise of Pagefind results; the index never changes while the page lives

    function loadPagefind() {
      if (!pagefindPromise) {
        pagefindPromise = import(new URL(settings.bundle + "pagefind.js", settings.base).href).then(function (pf) {
          return Promise.resolve(pf.options({ baseUrl: settings.base.pathname, excerptLength: 24 })).then(function () {
            pf.init();
            return pf;
          });
        });
      }
      return pagefindPromise;
    }

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
      if (!Q.words(query).length) return;
      Promise.all([loadPagefind(), settings.dictionary()]).then(function (loaded) {
        var pf = loaded[0], dict = loaded[1];
        // Common words are looked up only when a query has nothing else: never worth loading ahead.
        Q.lookupKeys(Q.analyse(query, dict), dict, true).forEach(function (keys) {
          conceptResults(pf, keys).catch(function () { /* the search itself reports failures */ });
        });
      }).catch(function () { /* the search itself reports failures */ });
    }

    /* Every concept's results. A query of common words only (on a large site, "atap bocor") first asks for
       the pages with all its words in one lookup: per-word lookups of words on thousands of pages are the
       slowest Pagefind can do. */
    function lookupAll(pf, concepts, dict) {
      var perWord = function () {
        return Promise.all(Q.lookupKeys(concepts, dict).map(function (keys) { return conceptResults(pf, keys); }));
      };
      if (concepts.length < 2) return perWord().then(function (per) { return { perConcept: per, allWords: [] }; });
      return searchPhrase(pf, Q.allWordsKey(concepts)).then(function (found) {
        if (!Q.hasRareWords(concepts, dict) && found.length >= R.CANDIDATES) {
          return { perConcept: concepts.map(function () { return [found]; }), allWords: found };
        }
        return perWord().then(function (per) { return { perConcept: per, allWords: found }; });
      });
    }

    function search(query, limit, signal) {
      return Promise.all([loadPagefind(), settings.dictionary()]).then(function (loaded) {
        var pf = loaded[0], dict = loaded[1];
        var concepts = Q.analyse(query, dict);
        if (!concepts.length) return [];
        return lookupAll(pf, concepts, dict).then(function (found) {
          var ranked = R.rankCandidates(concepts, found.perConcept, dict, limit, found.allWords);
          // A search the user has already typed past need not download its result fragments.
          if (signal && signal.aborted) return Promise.reject(new DOMException("Pencarian diganti", "AbortError"));
          return Promise.all(ranked.map(function (p) { return p.result.data(); })).then(function (datas) {
            return R.rankResults(concepts, ranked, datas, limit, dict);
          });
        });
      });
    }

    return { search: search, prefetch: prefetch, load: loadPagefind };
  };
})();
