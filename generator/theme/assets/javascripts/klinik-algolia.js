/* Klinik PKP search engine adapter for Algolia, the other engine behind klinikSearch (klinik-search.js).
 * Used when the site was built with ALGOLIA_APP_ID, ALGOLIA_SEARCH_KEY and ALGOLIA_INDEX
 * (see generator/search/algolia_config.py); the embedded default is klinik-search-pagefind.js.
 *
 *   window.klinikAlgoliaSearch(settings, query, limit) -> Promise<[{url, title, excerpt, topic}]>
 *
 * settings: {appId, searchKey, index[, host]}; `host` ("http://127.0.0.1:9000") replaces
 * https://<appId>-dsn.algolia.net, for tests only. One record per page (distinct on
 * url_without_anchor, set in the index settings by `klinik search push`); url points at the
 * matching section. excerpt is HTML-escaped text in which only <mark>…</mark> is markup.
 * Plain ES2017, no dependencies, no build step. Only the search-only key ever reaches the browser.
 */
(function () {
  "use strict";

  const PRE = "__klinik_mark__";
  const POST = "__/klinik_mark__";
  const TIMEOUT_MS = 10000;

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  /* Escape everything Algolia returns, then turn our own markers into <mark>. */
  function marked(value) {
    return escapeHtml(value).split(PRE).join("<mark>").split(POST).join("</mark>");
  }

  function endpoint(settings) {
    const base = settings.host
      ? String(settings.host).replace(/\/+$/, "")
      : `https://${settings.appId}-dsn.algolia.net`;
    // Keys travel as query parameters and the body as text/plain: a "simple" request, so browsers on
    // slow mobile data skip the CORS preflight round trip (Algolia's own clients do the same).
    const keys = `x-algolia-application-id=${encodeURIComponent(settings.appId)}&x-algolia-api-key=${encodeURIComponent(settings.searchKey)}`;
    return `${base}/1/indexes/${encodeURIComponent(settings.index)}/query?${keys}`;
  }

  function excerptOf(hit) {
    const snippet = hit._snippetResult && hit._snippetResult.content;
    if (snippet && snippet.value) return marked(snippet.value);
    const h = hit.hierarchy || {};
    return escapeHtml(h.lvl3 || h.lvl2 || "");
  }

  function toResult(hit) {
    const h = hit.hierarchy || {};
    return {
      url: hit.url,
      title: h.lvl1 || "",
      excerpt: excerptOf(hit),
      topic: h.lvl0 || "",
    };
  }

  window.klinikAlgoliaSearch = function (settings, query, limit) {
    const text = String(query || "").trim();
    if (!text) return Promise.resolve([]);
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
    const body = {
      query: text,
      hitsPerPage: limit || 10,
      distinct: true,
      attributesToRetrieve: ["hierarchy", "url", "topic", "type"],
      attributesToSnippet: ["content:20"],
      attributesToHighlight: [],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      snippetEllipsisText: "…",
    };
    return fetch(endpoint(settings), {
      method: "POST",
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
    })
      .then((response) => {
        if (!response.ok) throw new Error(`Algolia HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => (data.hits || []).filter((hit) => hit.url).map(toResult))
      .then(
        (results) => { if (timer) clearTimeout(timer); return results; },
        (error) => { if (timer) clearTimeout(timer); throw error; }
      );
  };
})();
