/* journeydocs search: instant, offline results as you type, grouped by kind.
 *
 * journeydocs.js loads this file on the first focus of a search box, with
 * window.journeydocsAssets set to the site's assets/ URL. The index is
 * assets/search-index.js (written by journeydocs.search), loaded as a <script>
 * because file:// pages may not fetch() files. Index items are
 * [kind, title, url, parent, text]; see journeydocs/search.py.
 *
 * Matching folds case and diacritics on both sides ("sao" finds "São",
 * "stefanescu" finds "Ștefănescu"); ø, æ, œ, ß, đ, ł … do not decompose in
 * Unicode, so they are mapped by hand. Every word of the query must occur;
 * title matches rank above text matches.
 *
 * The box is an ARIA combobox: focus stays in the input, arrow keys move the
 * active option (aria-activedescendant), Enter opens it, Escape closes the list.
 */
(function () {
  "use strict";

  var PER_GROUP = 5;
  var SNIPPET = 110;
  var EXTRA = { "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
                "ł": "l", "ı": "i", "ŀ": "l", "ħ": "h" };
  var EXTRA_RE = /[øæœßđðþłıŀħ]/g;
  var MARKS_RE = /[\u0300-\u036f]/g;

  var ASCII_RE = /^[\x00-\x7f]*$/;

  function fold(text) {
    var lower = String(text || "").toLowerCase();
    if (ASCII_RE.test(lower)) return lower;  // most text: no need to decompose
    return lower.normalize("NFD").replace(MARKS_RE, "")
      .replace(EXTRA_RE, function (c) { return EXTRA[c]; });
  }
  window.journeydocsFold = fold;  // for tests and other scripts

  var assets = window.journeydocsAssets || "";
  var siteRoot = assets.replace(/assets\/$/, "");
  var index = null;     // {kinds, labels, items} once loaded
  var prepared = null;  // per item: folded {title, text, where} and whereText to show
  var failed = false;
  var boxes = [];

  /* ---------- the index ---------- */

  function urlOf(i) {  // the short forms are described in journeydocs/search.py
    var item = index.items[i], url = item[2], parent = item[3];
    if (parent < 0 || url.indexOf("/") >= 0) return url;
    var page = urlOf(parent).split("#")[0];
    if (!url || url.charAt(0) === "#") return page + url;
    return page.replace(/\.html$/, "") + "/" + url + ".html";
  }

  /* Items come after their parent in the index, so a parent's folded title is
     ready when its children need it. Content items name touchpoint and journey. */
  function prepare() {
    var content = index.kinds.indexOf("content");
    prepared = [];
    index.items.forEach(function (item) {
      var parent = item[3], where = "", whereText = "";
      if (parent >= 0) {
        var up = prepared[parent];
        where = up.title;
        whereText = index.items[parent][1];
        if (item[0] === content && up.where) {
          where += " " + up.where;
          whereText += " · " + up.whereText;
        }
      }
      prepared.push({
        title: fold(item[1]),
        text: fold(item[4]),
        where: where,
        whereText: whereText
      });
    });
  }

  function ready() {
    index = window.journeydocsSearch || null;
    if (!index) { fail(); return; }
    prepare();
    boxes.forEach(function (box) { if (box.input.value.trim()) run(box); });
  }

  function fail() {
    failed = true;
    boxes.forEach(function (box) { if (box.input.value.trim()) run(box); });
  }

  function load() {
    if (window.journeydocsSearch) { ready(); return; }
    var tag = document.createElement("script");
    tag.src = assets + "search-index.js";
    tag.onload = ready;
    tag.onerror = fail;
    document.head.appendChild(tag);
  }

  /* ---------- matching ---------- */

  function termScore(p, term) {
    var at = p.title.indexOf(term);
    if (at === 0) return 8;
    if (at > 0) return /[\s\-–—:·,.(/]/.test(p.title.charAt(at - 1)) ? 6 : 4;
    at = p.text.indexOf(term);
    if (at >= 0) return at === 0 || /[\s\-–—:·,.(/]/.test(p.text.charAt(at - 1)) ? 2 : 1;
    return p.where.indexOf(term) >= 0 ? 0.5 : 0;
  }

  function better(a, b) {  // is hit a ranked above hit b?
    return a.score !== b.score ? a.score > b.score
      : a.len !== b.len ? a.len < b.len : a.i < b.i;
  }

  /* The best PER_GROUP hits of each kind and how many there are: a bounded
     insertion instead of sorting every hit keeps one-letter queries instant. */
  function search(query) {
    var q = fold(query).trim();
    var terms = q.split(/\s+/).filter(Boolean);
    var kinds = index.kinds.map(function () { return { top: [], count: 0 }; });
    if (!terms.length) return kinds;
    for (var i = 0; i < prepared.length; i++) {
      var p = prepared[i], score = 0, own = false;
      for (var k = 0; k < terms.length; k++) {
        var s = termScore(p, terms[k]);
        if (!s) { score = 0; break; }
        score += s;
        own = own || s >= 1;
      }
      // a parent's title narrows ("checkout gift") but never finds on its own
      if (!score || !own) continue;
      if (p.title === q) score += 20;
      else if (p.title.indexOf(q) === 0) score += 5;
      var group = kinds[index.items[i][0]], top = group.top;
      var hit = { i: i, score: score, len: p.title.length };
      group.count++;
      if (top.length === PER_GROUP && !better(hit, top[PER_GROUP - 1])) continue;
      var at = top.length;
      while (at > 0 && better(hit, top[at - 1])) at--;
      top.splice(at, 0, hit);
      if (top.length > PER_GROUP) top.pop();
    }
    return kinds;
  }

  /* ---------- the results list ---------- */

  var lang = document.documentElement.lang || "en";
  if (lang === "pt") lang = "pt-PT";  // as journeydocs/l10n.py writes Portuguese numbers

  function format(template, values) {  // numbers as the page's language writes them
    return String(template || "").replace(/\{(\w+)\}/g, function (m, key) {
      if (!(key in values)) return m;
      var value = values[key];
      return typeof value === "number" && value.toLocaleString ? value.toLocaleString(lang) : value;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) {
      node.textContent = text;
      // playbook text may be Arabic or Hebrew, or hold stray bidi controls: isolate it
      if (tag === "span") node.dir = "auto";
    }
    return node;
  }

  function clip(text) {
    return text.length > SNIPPET ? text.slice(0, SNIPPET).replace(/\s+\S*$/, "") + "…" : text;
  }

  function render(box, found) {
    var list = box.list, data = box.form.dataset;
    list.textContent = "";
    box.options = [];
    index.kinds.forEach(function (kind, k) {
      var hits = found[k];
      if (!hits.count) return;
      var group = el("div", "search-group");
      group.setAttribute("role", "group");
      var label = el("div", "search-group-title", index.labels[kind] || kind);
      label.id = box.id + "-g" + k;
      label.setAttribute("role", "presentation");
      group.setAttribute("aria-labelledby", label.id);
      group.appendChild(label);
      hits.top.forEach(function (hit) {
        var item = index.items[hit.i], p = prepared[hit.i];
        var option = el("a", "search-option");
        option.id = box.id + "-o" + box.options.length;
        option.href = siteRoot + urlOf(hit.i);
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.tabIndex = -1;
        option.appendChild(el("span", "search-option-title", item[1]));
        if (p.whereText) {
          option.appendChild(el("span", "search-option-where",
                                format(data.in, { where: p.whereText })));
        }
        if (item[4]) option.appendChild(el("span", "search-option-text", clip(item[4])));
        group.appendChild(option);
        box.options.push(option);
      });
      if (hits.count > hits.top.length) {
        var more = el("div", "search-more", format(data.more, { n: hits.count - hits.top.length }));
        more.setAttribute("role", "presentation");
        group.appendChild(more);
      }
      list.appendChild(group);
    });
  }

  function setActive(box, n) {
    if (box.active >= 0 && box.options[box.active]) {
      box.options[box.active].setAttribute("aria-selected", "false");
    }
    box.active = n;
    if (n >= 0 && box.options[n]) {
      box.options[n].setAttribute("aria-selected", "true");
      box.input.setAttribute("aria-activedescendant", box.options[n].id);
      box.options[n].scrollIntoView({ block: "nearest" });
    } else {
      box.input.removeAttribute("aria-activedescendant");
    }
  }

  function open(box, isOpen) {
    box.panel.hidden = !isOpen;
    box.input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    if (!isOpen) setActive(box, -1);
  }

  function say(box, message, visible) {
    box.message.textContent = visible ? message : "";
    box.message.hidden = !visible;
    box.status.textContent = message;
  }

  function run(box) {
    var query = box.input.value.trim(), data = box.form.dataset;
    setActive(box, -1);
    if (!query) { box.list.textContent = ""; box.options = []; say(box, "", false); open(box, false); return; }
    open(box, true);
    if (!prepared) {
      box.list.textContent = "";
      box.options = [];
      say(box, failed ? data.failed : data.loading, true);
      return;
    }
    if (query.length < 2 && query.charCodeAt(0) < 0x2e80) {
      // one Latin letter matches most of a big playbook; one CJK character is a word
      box.list.textContent = "";
      box.options = [];
      say(box, "", false);
      open(box, false);
      return;
    }
    var found = search(query);
    var total = found.reduce(function (sum, group) { return sum + group.count; }, 0);
    render(box, found);
    box.list.hidden = !total;
    if (!total) {
      say(box, format(data.noResults, { q: query }), true);
    } else {
      say(box, total === 1 ? data.countOne : format(data.count, { n: total }), false);
    }
  }

  function setup(form, n) {
    var input = form.querySelector("input");
    var box = {
      id: input.id || "search" + n,
      form: form,
      input: input,
      panel: form.querySelector("[data-search-panel]"),
      list: form.querySelector("[role=listbox]"),
      message: form.querySelector("[data-search-message]"),
      status: form.querySelector("[data-search-status]"),
      options: [],
      active: -1
    };
    input.addEventListener("input", function () { run(box); });
    input.addEventListener("focus", function () { if (input.value.trim()) run(box); });
    input.addEventListener("keydown", function (event) {
      var count = box.options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (box.panel.hidden) { run(box); }
        if (!box.options.length) return;
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(box, box.active < 0 ? (step > 0 ? 0 : box.options.length - 1)
                                      : (box.active + step + box.options.length) % box.options.length);
      } else if (event.key === "Enter") {
        event.preventDefault();
        var target = box.options[box.active >= 0 ? box.active : 0];
        if (count && target) window.location.href = target.href;
      } else if (event.key === "Escape") {
        if (!box.panel.hidden) { event.preventDefault(); open(box, false); }
        else if (input.value) { event.preventDefault(); input.value = ""; run(box); }
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) {
        window.setTimeout(function () {
          if (!form.contains(document.activeElement)) open(box, false);
        }, 150);
      }
    });
    // A click on an option must not steal focus from the input before it navigates.
    box.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    boxes.push(box);
    if (input.value.trim() && document.activeElement === input) run(box);
  }

  [].forEach.call(document.querySelectorAll("form[data-search]"), setup);
  load();
})();
