/* Klinik PKP search contract: one window.klinikSearch for every engine, over the site's dictionary and config.
 *
 *   window.klinikSearch(query, {limit, signal, typing}) -> Promise<[{url, title, excerpt, topic}]>
 *     (typing: a live search while the user types; may resolve to null, "keep what is shown")
 *   window.klinikSearch.analyse(query)         -> Promise<concepts> (the query layer's reading, for tests)
 *   window.klinikSearch.normalisedQuery(query) -> Promise<string>
 *   window.klinikSearch.prefetch(text), .warm(), .base: for the search boxes (klinik-search-ui.js)
 *
 * The engine is chosen at build time (config.extra.klinik_search, embedded as #klinik-search-config):
 * Pagefind by default (klinik-search-pagefind.js), Algolia when configured (klinik-algolia.js). The query
 * layer is klinik-search-query.js; all three load before this file.
 */
(function () {
  "use strict";

  var script = document.getElementById("klinik-search-script");
  var configNode = document.getElementById("klinik-search-config");
  if (!script || !configNode) return;
  var BASE = new URL(script.getAttribute("data-base") || "./", location.href);
  var CONFIG = JSON.parse(configNode.textContent);
  var Q = window.klinikSearchQuery;

  var dictionaryPromise = null;

  function loadDictionary() {
    if (!dictionaryPromise) {
      dictionaryPromise = fetch(new URL(CONFIG.kamus, BASE)).then(function (r) {
        if (!r.ok) throw new Error("kamus pencarian tidak dapat dimuat");
        return r.json();
      }).then(Q.prepareDictionary);
    }
    return dictionaryPromise;
  }

  var pagefind = window.klinikPagefind({ base: BASE, bundle: CONFIG.bundle, dictionary: loadDictionary });

  window.klinikSearch = function (query, options) {
    var limit = (options && options.limit) || 10;
    if (!query || !Q.words(query).length) return Promise.resolve([]);
    if (CONFIG.engine === "algolia" && window.klinikAlgoliaSearch) {
      return window.klinikAlgoliaSearch(CONFIG, query, limit);
    }
    if (!(options && options.typing)) return pagefind.search(query, limit, options && options.signal);
    // While typing, an unfinished one- or two-letter last word waits (Q.settled); null: nothing new to show yet.
    return loadDictionary().then(function (dict) {
      var ready = Q.settled(query, dict);
      if (!Q.words(ready).length) return null;
      return pagefind.search(ready, limit, options.signal);
    });
  };
  window.klinikSearch.analyse = function (query) {
    return loadDictionary().then(function (dict) { return Q.analyse(query, dict); });
  };
  window.klinikSearch.normalisedQuery = function (query) {
    return loadDictionary().then(function (dict) { return Q.normalise(query, dict); });
  };
  /* Look up finished words while the user types; Algolia answers each query in one request, so nothing to do. */
  window.klinikSearch.prefetch = function (text) {
    if (CONFIG.engine !== "algolia") pagefind.prefetch(text);
  };
  /* Start the downloads a first search needs, when a search box gets focus. */
  window.klinikSearch.warm = function () {
    loadDictionary();
    if (CONFIG.engine !== "algolia") pagefind.load();
  };
  window.klinikSearch.base = BASE;
})();
