/* journeydocs: filter and sort the tables of the cross-journey views.
 *
 * Plain script, no modules or fetches, so it works from file:// too. Without it
 * every row stays visible and the filter bar stays hidden (it needs a script).
 *
 *   <form class="filters" data-filters-for="ID" hidden>
 *     <select data-filter="KEY"><option value="">All</option>…</select>
 *     <output data-count-text="{shown} of {total}"></output>
 *   </form>
 *   <table id="ID" data-sortable>…<tr data-f-KEY="VALUE">…<td data-sort="KEY">…
 *
 * Values are compared as strings (never parsed as HTML); sort keys that are
 * both numbers compare as numbers.
 */
(function () {
  "use strict";

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
  }

  function applyFilters(form, table) {
    var selects = form.querySelectorAll("select[data-filter]");
    var rows = rowsOf(table);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = true;
      for (var i = 0; i < selects.length; i++) {
        var want = selects[i].value;
        if (want !== "" && row.getAttribute("data-f-" + selects[i].getAttribute("data-filter")) !== want) {
          ok = false;
          break;
        }
      }
      row.hidden = !ok;
      if (ok) shown++;
    });
    var out = form.querySelector("output[data-count-text]");
    if (out) {
      out.textContent = out.getAttribute("data-count-text")
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }
    var empty = document.querySelector('[data-empty-for="' + table.id + '"]');
    if (empty) empty.hidden = shown !== 0;
  }

  function setupFilters(form) {
    var table = document.getElementById(form.getAttribute("data-filters-for"));
    if (!table) return;
    form.hidden = false;
    form.addEventListener("change", function () { applyFilters(form, table); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { applyFilters(form, table); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    applyFilters(form, table);
  }

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

  function sortBy(table, column, button) {
    var th = button.parentNode;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = rowsOf(table).map(function (row, index) {
      return { row: row, key: sortKey(row.cells[column]), index: index };
    });
    rows.sort(function (x, y) {
      var c = compare(x.key, y.key);
      return (ascending ? c : -c) || x.index - y.index;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function setupSorting(table) {
    if (!table.tHead || !table.tBodies[0]) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, button); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), setupSorting);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-filters-for]"), setupFilters);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
