/* journeydocs: tables for work in the cross-journey views.
 *
 * Plain script, no modules or fetches, so it works from file:// too. Without it
 * the first page of rows stays as served and the tools stay hidden.
 *
 *   <form class="filters" data-filters-for="ID" hidden>
 *     <select data-filter="KEY"><option value="">All</option>…</select>
 *     <output data-count-text="{shown} of {total}"></output>
 *   </form>
 *   <div data-columns-for="ID" hidden>…<input type="checkbox" value="COLKEY">…</div>
 *   <table id="ID" data-sortable data-filter-keys="KEY …" data-page-rows="100"
 *          data-shards="data/ID/0.js …">…<tr data-f-KEY="VALUE">…<td data-sort="KEY">…
 *   <nav data-pager-for="ID" hidden>…</nav>
 *
 * A filter can be set from the address: page.html?KEY=VALUE shows the rows whose
 * KEY filter matches VALUE (when the select offers that value).
 *
 * Every row, on the page or in a shard, becomes {f: filter values, k: sort keys,
 * h: its <tr> HTML as the generator escaped it}; filters, sorting and pages work
 * over that list, and only the rows of the current page are in the document. A
 * table with shards loads them (script files adding to window.JD_SHARDS) the first
 * time a reader filters, sorts or turns the page: a shard holds its rows' filter
 * values and sort keys ({s: strings, r: [[index into s, …], …]}); the <tr> HTML of
 * its rows is in chunks beside it (data/ID/N/M.js, data-chunk-rows rows each),
 * loaded when one of their rows is to be shown. Values are compared as strings;
 * sort keys that are both numbers compare as numbers. Hidden columns are kept per
 * table in localStorage (when the browser allows it).
 */
(function () {
  "use strict";

  var STORE = "journeydocs:columns:";

  function toArray(list) { return Array.prototype.slice.call(list || []); }

  function sortKey(cell) {
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return key !== null ? key : cell.textContent.trim();
  }

  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  var scripts = {};

  /* A script file, once (a second call for the same file gets the same promise). */
  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete scripts[src]; reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return scripts[src];
  }

  function Table(table) {
    this.table = table;
    this.id = table.id;
    this.keys = (table.getAttribute("data-filter-keys") || "").split(" ").filter(Boolean);
    this.pageRows = Number(table.getAttribute("data-page-rows")) || Infinity;
    this.shards = (table.getAttribute("data-shards") || "").split(" ").filter(Boolean);
    this.total = Number(table.getAttribute("data-total")) || 0;
    this.chunkRows = Number(table.getAttribute("data-chunk-rows")) || 100;
    this.drawing = 0;
    this.form = document.querySelector('form[data-filters-for="' + this.id + '"]');
    this.pager = document.querySelector('[data-pager-for="' + this.id + '"]');
    this.picker = document.querySelector('[data-columns-for="' + this.id + '"]');
    this.rows = this.fromDom();
    this.complete = this.shards.length === 0;
    this.loading = null;
    this.sort = null;
    this.page = 0;
    this.style = document.createElement("style");
    document.head.appendChild(this.style);
  }

  Table.prototype.fromDom = function () {
    var keys = this.keys;
    var body = this.table.tBodies[0];
    return toArray(body ? body.rows : []).map(function (row) {
      return {
        f: keys.map(function (k) { return row.getAttribute("data-f-" + k) || ""; }),
        k: toArray(row.cells).map(sortKey),
        h: row.outerHTML
      };
    });
  };

  /* Every row: the shards once (all of them, in order), then this.rows is complete. */
  Table.prototype.ensureAll = function () {
    var self = this;
    if (this.complete) return Promise.resolve();
    if (this.loading) return this.loading;
    var out = this.form && this.form.querySelector("output");
    if (out && this.table.hasAttribute("data-loading-text")) {
      out.textContent = this.table.getAttribute("data-loading-text");
    }
    this.loading = Promise.all(this.shards.map(loadScript)).then(function () {
      var all = [];
      var store = window.JD_SHARDS || {};
      var count = self.keys.length;
      var first = self.rows;  /* the page's own rows, in order: their HTML is here */
      for (var i = 0; i < self.shards.length; i++) {
        var part = store[self.id + "/" + i] || { s: [], r: [] };
        for (var j = 0; j < part.r.length; j++) {
          var refs = part.r[j], values = [];
          for (var v = 0; v < refs.length; v++) values.push(part.s[refs[v]]);
          all.push({ f: values.slice(0, count), k: values.slice(count), h: null, s: i, j: j });
        }
      }
      for (var n = 0; n < first.length && n < all.length; n++) all[n].h = first[n].h;
      self.rows = all;
      self.complete = true;
    });
    return this.loading;
  };

  /* The HTML chunks the rows lack (a shard's rows' <tr>s, chunkRows at a time), loaded. */
  Table.prototype.withHtml = function (rows) {
    var self = this, wanted = {};
    rows.forEach(function (row) {
      if (row.h === null) {
        var key = row.s + "/" + Math.floor(row.j / self.chunkRows);
        wanted[key] = self.shards[row.s].replace(/\.js$/, "/" + key.split("/")[1] + ".js");
      }
    });
    var keys = Object.keys(wanted);
    if (!keys.length) return null;
    return Promise.all(keys.map(function (key) { return loadScript(wanted[key]); })).then(function () {
      var store = window.JD_SHARDS || {};
      rows.forEach(function (row) {
        if (row.h !== null) return;
        var chunk = store[self.id + "/" + row.s + "/" + Math.floor(row.j / self.chunkRows)] || [];
        row.h = chunk[row.j % self.chunkRows] || "";
      });
    });
  };

  Table.prototype.wanted = function () {
    var want = [];
    if (!this.form) return want;
    var keys = this.keys;
    toArray(this.form.querySelectorAll("select[data-filter]")).forEach(function (select) {
      if (select.value !== "") {
        want.push([keys.indexOf(select.getAttribute("data-filter")), select.value]);
      }
    });
    return want;
  };

  Table.prototype.shown = function () {
    var want = this.wanted();
    var rows = this.rows.filter(function (row) {
      for (var i = 0; i < want.length; i++) {
        var value = row.f[want[i][0]];
        if (value !== want[i][1] && String(value).split("|").indexOf(want[i][1]) < 0) return false;
      }
      return true;
    });
    if (this.sort) {
      var column = this.sort.column, up = this.sort.ascending;
      var indexed = rows.map(function (row, index) { return { row: row, index: index }; });
      indexed.sort(function (x, y) {
        var c = compare(String(x.row.k[column] || ""), String(y.row.k[column] || ""));
        return (up ? c : -c) || x.index - y.index;
      });
      rows = indexed.map(function (item) { return item.row; });
    }
    return rows;
  };

  /* Show the current page of rows; a promise when their HTML had to be loaded first
     (a newer draw meanwhile wins). */
  Table.prototype.draw = function () {
    var self = this;
    var rows = this.shown();
    var pages = Math.max(1, Math.ceil(rows.length / this.pageRows));
    if (this.page >= pages) this.page = pages - 1;
    var start = this.page * this.pageRows;
    var slice = rows.slice(start, start + this.pageRows);
    var token = ++this.drawing;
    var loading = this.withHtml(slice);
    if (loading) {
      return loading.then(function () { if (token === self.drawing) return self.draw(); });
    }
    this.table.tBodies[0].innerHTML = slice.map(function (row) { return row.h; }).join("");
    var total = this.complete ? this.rows.length : this.total;
    if (this.form) {
      var out = this.form.querySelector("output[data-count-text]");
      if (out) {
        out.textContent = out.getAttribute("data-count-text")
          .replace("{shown}", String(this.complete ? rows.length : total))
          .replace("{total}", String(total));
      }
    }
    var empty = document.querySelector('[data-empty-for="' + this.id + '"]');
    if (empty) empty.hidden = slice.length !== 0;
    if (this.pager) {
      var count = this.complete ? rows.length : total;
      this.pager.hidden = count <= this.pageRows;
      var text = this.pager.querySelector("output");
      text.textContent = text.getAttribute("data-page-text")
        .replace("{from}", String(count ? start + 1 : 0))
        .replace("{to}", String(Math.min(count, start + this.pageRows)))
        .replace("{total}", String(count));
      this.pager.querySelector('[data-page="prev"]').disabled = this.page === 0;
      this.pager.querySelector('[data-page="next"]').disabled = start + this.pageRows >= count;
    }
  };

  /* Run `change` once every row is there, then draw. */
  Table.prototype.update = function (change) {
    var self = this;
    return this.ensureAll().then(function () {
      if (change) change();
      return self.draw();
    }).then(null, function (error) {
      if (window.console) window.console.warn(error.message);
    });
  };

  Table.prototype.setupFilters = function () {
    var self = this, form = this.form;
    if (!form) return;
    form.hidden = false;
    form.addEventListener("change", function () { self.update(function () { self.page = 0; }); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { self.update(function () { self.page = 0; }); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  };

  /* Filters named in the address (indexes.html?status=draft#all-journeys: the home
     page's "all N journeys" links): each select whose key is given and has that
     value starts with it. */
  Table.prototype.filtersFromAddress = function () {
    var form = this.form, changed = false;
    if (!form || !window.location.search || typeof URLSearchParams === "undefined") return false;
    var params = new URLSearchParams(window.location.search);
    toArray(form.querySelectorAll("select[data-filter]")).forEach(function (select) {
      var value = params.get(select.getAttribute("data-filter"));
      if (value === null) return;
      var known = toArray(select.options).some(function (o) { return o.value === value; });
      if (known && value !== "") { select.value = value; changed = true; }
    });
    return changed;
  };

  Table.prototype.setupSorting = function () {
    var self = this, table = this.table;
    if (!table.tHead || !table.tBodies[0] || !table.hasAttribute("data-sortable")) return;
    var heads = table.tHead.rows[0].cells;
    toArray(heads).forEach(function (th, column) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        toArray(heads).forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        self.update(function () { self.sort = { column: column, ascending: ascending }; self.page = 0; });
      });
    });
  };

  Table.prototype.setupPager = function () {
    var self = this;
    if (!this.pager) return;
    this.pager.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-page]");
      if (!button) return;
      var step = button.getAttribute("data-page") === "next" ? 1 : -1;
      self.update(function () { self.page = Math.max(0, self.page + step); }).then(function () {
        self.table.closest(".table-wrap").scrollTop = 0;
      });
    });
  };

  Table.prototype.hidden = function () {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE + this.id) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (e) {
      return [];
    }
  };

  Table.prototype.applyColumns = function (hidden) {
    var id = this.id, rules = [];
    toArray(this.table.tHead.rows[0].cells).forEach(function (th, index) {
      if (hidden.indexOf(th.getAttribute("data-col")) >= 0) {
        rules.push("#" + id + " > * > tr > :nth-child(" + (index + 1) + ")");
      }
    });
    this.style.textContent = rules.length ? rules.join(",\n") + " { display: none; }" : "";
    this.table.setAttribute("data-hidden-columns", hidden.join(" "));
  };

  Table.prototype.setupPicker = function () {
    var self = this, picker = this.picker;
    if (!picker) return;
    picker.hidden = false;
    var boxes = toArray(picker.querySelectorAll("input[type=checkbox]"));
    var hidden = this.hidden();
    boxes.forEach(function (box) { box.checked = hidden.indexOf(box.value) < 0; });
    this.applyColumns(hidden);
    picker.addEventListener("change", function () {
      var now = boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.value; });
      try { window.localStorage.setItem(STORE + self.id, JSON.stringify(now)); } catch (e) { /* private mode */ }
      self.applyColumns(now);
    });
  };

  function init() {
    toArray(document.querySelectorAll("table[data-table]")).forEach(function (element) {
      var table = new Table(element);
      table.setupSorting();
      table.setupFilters();
      table.setupPicker();
      table.setupPager();
      element.jdTable = table;
      if (table.total > table.pageRows) table.draw();
      else if (table.pager) table.pager.hidden = true;
      if (table.form) table.draw();
      if (table.filtersFromAddress()) table.update(function () { table.page = 0; });
      var note = document.querySelector('[data-nojs-for="' + element.id + '"]');
      if (note) note.hidden = true;
    });
    /* plain sortable tables and filter bars (not tables for work): the old behaviour */
    toArray(document.querySelectorAll("table[data-sortable]:not([data-table])")).forEach(function (element) {
      var table = new Table(element);
      table.setupSorting();
      table.setupFilters();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
