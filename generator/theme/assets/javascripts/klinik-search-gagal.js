/* Klinik PKP: tells the intake server which searches fail, never who searched, so TA can add a synonym or write
 * the missing FAQ. Sends only the normalised query text and "kosong" or "tanpa-klik", through klinik-beacon.js
 * (absent without an intake server or under Do Not Track / Global Privacy Control: then nothing is sent).
 *
 * A search box's query settles when its results have stayed SETTLE_MS unchanged, or when the page is left or hidden
 * while they are shown. It failed when
 *   - kosong:     it settled with no result (sent when it settles);
 *   - tanpa-klik: it settled with results, and the page was left or hidden, or the box cleared, without a result
 *                 being clicked or chosen with Enter (going on to /cari/ with "Lihat semua hasil" or the header box's
 *                 Enter is no failure here: the /cari/ page judges the query itself).
 * A query the reader refines into another one is not judged once that one settles; erased letter by letter, the last
 * settled query is judged when the box is empty. Each normalised query is sent
 * at most once per page view, whatever happens after (a click after returning to a hidden tab cannot undo it). */
(function () {
  "use strict";
  var beacon = window.klinikBeacon;
  if (!beacon) return;
  var SETTLE_MS = 2000, MAX = 100, MIN = 2;
  var sent = {};
  var states = [];

  /* Lowercase, single spaces, trimmed, at most MAX characters of whole words (the server does the same, and redacts). */
  function normalise(text) {
    var q = String(text).toLowerCase().replace(/\s+/g, " ").trim();
    if (q.length > MAX) {
      var cut = q.lastIndexOf(" ", MAX);
      q = cut > 0 ? q.slice(0, cut) : "";
    }
    return q.length >= MIN ? q : "";
  }

  function report(kind, query) {
    if (!query || sent[query]) return;
    sent[query] = true;
    beacon("api/pencarian-gagal", JSON.stringify({ jenis: kind, q: query }));
  }

  function stateOf(box) {
    for (var i = 0; i < states.length; i++) if (states[i].box === box) return states[i];
    // previous: the last settled query with results and no choice, while the box shows one that has not settled
    var state = { box: box, query: "", count: 0, settled: false, chosen: false, timer: null, previous: "" };
    states.push(state);
    return state;
  }

  function settle(state) {
    clearTimeout(state.timer);
    if (!state.query || state.settled) return;
    state.settled = true;
    state.previous = "";  // refined into this query: the earlier one is not judged
    if (state.count === 0) report("kosong", state.query);
  }

  /* The reader is done with what the box shows: leaving or hiding the page, or clearing the box. */
  function judge(state) {
    if (state.query) {
      settle(state);
      if (state.count > 0 && !state.chosen) report("tanpa-klik", state.query);
    } else if (state.previous) {
      report("tanpa-klik", state.previous);  // erased letter by letter: the last query that settled
    }
    state.previous = "";
  }

  function shown(box, rawQuery, count) {
    var state = stateOf(box);
    var query = normalise(rawQuery), cleared = !String(rawQuery).trim();
    if (query === state.query && !cleared) { state.count = count; return; }  // "kpr " after "kpr": the same query
    clearTimeout(state.timer);
    if (state.settled) state.previous = state.count > 0 && !state.chosen ? state.query : "";
    state.query = query; state.count = count; state.settled = false; state.chosen = false;
    if (cleared) judge(state);
    else if (query) state.timer = setTimeout(function () { settle(state); }, SETTLE_MS);
  }

  document.addEventListener("klinik-cari:hasil", function (event) {
    if (event.detail) shown(event.target, event.detail.query, event.detail.count);
  });
  // A search that finished before this script ran (the /cari/?q= page on a fast connection)
  document.querySelectorAll("[data-klinik-cari][data-klinik-selesai]").forEach(function (box) {
    var input = box.querySelector(".klinik-cari__input");
    if (input) shown(box, input.value, box.querySelectorAll('.klinik-cari__hasil [role="option"]').length);
  });

  function chosen(event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    var box = link && link.closest("[data-klinik-cari]");
    if (box && (link.closest('[role="option"]') || link.classList.contains("klinik-cari__semua"))) stateOf(box).chosen = true;
  }
  document.addEventListener("click", chosen, true);
  document.addEventListener("auxclick", chosen, true);
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.classList || !input.classList.contains("klinik-cari__input")) return;
    var box = input.closest("[data-klinik-cari]");
    if (box && input.getAttribute("aria-activedescendant")) stateOf(box).chosen = true;
  }, true);
  document.addEventListener("submit", function (event) {  // the header box sends its query on to /cari/, which judges it
    var box = event.target;
    if (box.hasAttribute && box.hasAttribute("data-klinik-cari") && !box.hasAttribute("data-klinik-halaman")) stateOf(box).chosen = true;
  }, true);

  function leaving() { states.forEach(judge); }
  window.addEventListener("pagehide", leaving);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") leaving();
  });
})();
