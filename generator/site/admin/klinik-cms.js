/* Klinik PKP: starts the editor at /admin/ after Decap CMS has loaded (decap-cms.js): the Indonesian interface
   (klinik-cms-id.js, loaded first, which also holds Decap's automatic start) and the `kamus` widget for
   site_config/pencarian.yml's `normalisasi` (a word → its standard form), which Decap's own widgets cannot edit. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;

  function rowsOf(value) {
    if (!value) return [];
    if (typeof value.entrySeq === "function") return value.entrySeq().toArray().map(function (kv) { return [kv[0], kv[1]]; });
    return Object.keys(value).map(function (key) { return [key, value[key]]; });
  }

  function asObject(rows) {
    var out = {};
    rows.forEach(function (row) { out[row[0]] = row[1]; });
    return out;
  }

  function rule(field, name) {
    var pair = field.get(name);
    return pair ? { regex: new RegExp(pair.get(0)), message: pair.get(1) } : null;
  }

  function sameWords(a, b) {
    var key = function (rows) { return JSON.stringify(rows.filter(function (row) { return row[0] !== ""; }).sort()); };
    return key(a) === key(b);
  }

  var KamusControl = window.createClass({
    statics: {
      // The entry arrives after the control mounts, and Decap hands back what onChange gave in its own form:
      // take the words from the value only when they differ from the rows shown (rows being typed stay).
      getDerivedStateFromProps: function (props, state) {
        var incoming = rowsOf(props.value);
        return sameWords(incoming, state.rows) ? null : { rows: incoming };
      },
    },
    getInitialState: function () {
      return { rows: rowsOf(this.props.value) };
    },
    update: function (rows) {
      this.setState({ rows: rows });
      this.props.onChange(asObject(rows.filter(function (row) { return row[0] !== ""; })));
    },
    isValid: function () {
      var keyRule = rule(this.props.field, "key_pattern");
      var valueRule = rule(this.props.field, "value_pattern");
      var seen = {};
      for (var i = 0; i < this.state.rows.length; i += 1) {
        var key = this.state.rows[i][0];
        var target = this.state.rows[i][1];
        if (key === "" && target === "") continue;
        if (seen[key]) return { error: { message: "Kata \"" + key + "\" tertulis dua kali; setiap kata hanya sekali." } };
        seen[key] = true;
        if (keyRule && !keyRule.regex.test(key)) return { error: { message: "Kata \"" + key + "\": " + keyRule.message } };
        if (valueRule && !valueRule.regex.test(target)) return { error: { message: "Bentuk baku \"" + target + "\": " + valueRule.message } };
      }
      return true;
    },
    render: function () {
      var self = this;
      var rows = this.state.rows;
      var change = function (index, part) {
        return function (event) {
          var next = rows.map(function (row) { return row.slice(); });
          next[index][part] = event.target.value;
          self.update(next);
        };
      };
      var remove = function (index) {
        return function () { self.update(rows.filter(function (_, i) { return i !== index; })); };
      };
      return h("div", { className: this.props.classNameWrapper, id: this.props.forID },
        h("table", { className: "klinik-kamus" },
          h("thead", null, h("tr", null, h("th", { scope: "col" }, "Kata"), h("th", { scope: "col" }, "Bentuk baku"), h("th", null))),
          h("tbody", null, rows.map(function (row, index) {
            return h("tr", { key: index },
              h("td", null, h("input", { type: "text", value: row[0], "aria-label": "Kata", onChange: change(index, 0) })),
              h("td", null, h("input", { type: "text", value: row[1], "aria-label": "Bentuk baku dari " + row[0], onChange: change(index, 1) })),
              h("td", null, h("button", { type: "button", onClick: remove(index) }, "Hapus")));
          }))),
        h("button", { type: "button", onClick: function () { self.update(rows.concat([["", ""]])); } }, "Tambah kata"));
    },
  });

  var KamusPreview = window.createClass({
    render: function () {
      return h("dl", null, rowsOf(this.props.value).map(function (row) {
        return [h("dt", { key: "k" + row[0] }, row[0]), h("dd", { key: "v" + row[0] }, row[1])];
      }));
    },
  });

  CMS.registerLocale("id", window.KLINIK_CMS_ID);
  CMS.registerWidget("kamus", KamusControl, KamusPreview);

  /* Without a repository the editor saves through decap-server on this machine (config.yml's `proxy` backend): when
     none answers, say in Indonesian what to do, rather than let Decap fail in English. */
  function notConnected(api) {
    var main = document.createElement("main");
    main.className = "klinik-cms-belum";
    main.innerHTML = "<h1>Penyunting konten belum tersambung</h1>" +
      "<p>Penyunting ini menyimpan setiap suntingan sebagai cabang dan permintaan tinjauan di repositori git.</p>" +
      "<ul><li><strong>Di server Kementerian:</strong> isi <code>repositori</code> di <code>site_config/site.yml</code> " +
      "(atau variabel <code>KLINIK_GITHUB_REPO</code>), lalu bangun ulang situs; penyunting masuk lewat GitHub.</li>" +
      "<li><strong>Di komputer sendiri:</strong> jalankan <code>npx decap-server</code> di folder proyek " +
      "(penyunting mencarinya di <code></code>), lalu muat ulang halaman ini.</li></ul>";
    main.querySelector("li:last-child code:last-child").textContent = api;
    document.body.appendChild(main);
  }

  fetch("config.yml").then(function (r) { return r.text(); }).then(function (text) {
    var proxy = /^ {2}name: proxy$/m.test(text) && /^ {2}proxy_url: ([^\s]+)$/m.exec(text);
    if (!proxy) return CMS.init();
    return fetch(proxy[1], { method: "POST", headers: { "Content-Type": "application/json" },
                             body: JSON.stringify({ action: "info", params: {} }) })
      .then(function (r) { if (r.ok) CMS.init(); else notConnected(proxy[1]); },
            function () { notConnected(proxy[1]); });
  }, function () { CMS.init(); });
})();
