/* journeydocs search: instant, offline, full-text results as you type, grouped by kind.
 *
 * journeydocs.js loads this file on the first focus of a search box, with
 * window.journeydocsAssets set to the site's assets/ URL. The index is split
 * (see journeydocs/pages/search.py): assets/search-index.js, a small manifest,
 * then per query only the word shards of its words (assets/search/w-<key>.js)
 * and the document buckets of the results shown (assets/search/d-<n>.js). All are
 * loaded as <script>s, because file:// pages may not fetch() files; each part
 * calls window.journeydocsSearchPart(type, key, data).
 *
 * Matching folds case and diacritics on both sides ("sao" finds "São",
 * "stefanescu" finds "Ștefănescu"); ø, æ, œ, ß, đ, ł … do not decompose in
 * Unicode, so they are mapped by hand. Every word of the query must begin a word
 * of the result; title matches rank above text matches. A result shows the
 * passage where its words occur.
 *
 * The box is an ARIA combobox: focus stays in the input, arrow keys move the
 * active option (aria-activedescendant), Enter opens it, Escape closes the list.
 */
(function () {
  "use strict";

  var PER_GROUP = 5;
  var BEFORE = 50, AFTER = 110;  // characters of passage around the first match
  var EXTRA = { "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
                "ł": "l", "ı": "i", "ŀ": "l", "ħ": "h" };
  var EXTRA_RE = /[øæœßđðþłıŀħ]/g;
  var MARKS_RE = /[\u0300-\u036f]/g;
  var CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff";
  // a word as journeydocs/pages/search_text.py cuts them: one CJK character, or a
  // run of 2 to 40 letters and digits
  var WORD_RE = new RegExp("[" + CJK + "]|(?:(?![" + CJK + "])[\\p{L}\\p{N}]){2,40}", "gu");
  var ASCII_RE = /^[\x00-\x7f]*$/;

  function fold(text) {
    var lower = String(text || "").toLowerCase();
    if (ASCII_RE.test(lower)) return lower;  // most text: no need to decompose
    return lower.normalize("NFD").replace(MARKS_RE, "")
      .replace(EXTRA_RE, function (c) { return EXTRA[c]; });
  }
  window.journeydocsFold = fold;  // for tests and other scripts

  function wordsOf(text) { return fold(text).match(WORD_RE) || []; }

  var assets = window.journeydocsAssets || "";
  var siteRoot = assets.replace(/assets\/$/, "");
  var index = null;     // the manifest, once loaded
  var prepared = null;  // true once the manifest is in
  var failed = false;
  var boxes = [];
  var shards = {};      // key -> {word: postings} once loaded
  var buckets = {};     // n -> [[title, url, where, text], ...] once loaded
  var requested = {};   // file name -> true once asked for

  /* ---------- the index, in parts ---------- */

  function rerun() {
    boxes.forEach(function (box) { if (box.input.value.trim()) run(box); });
  }

  function ready() {
    index = window.journeydocsSearch || null;
    if (!index) { fail(); return; }
    prepared = true;
    rerun();
  }

  function fail() {
    failed = true;
    rerun();
  }

  function loadScript(name, onload) {
    if (requested[name]) return;
    requested[name] = true;
    var tag = document.createElement("script");
    tag.src = assets + name;
    tag.onload = onload || null;
    tag.onerror = fail;
    document.head.appendChild(tag);
  }

  window.journeydocsSearchPart = function (type, key, data) {
    if (type === "w") shards[key] = data;
    else buckets[key] = data;
    rerun();
  };

  function load() {
    if (window.journeydocsSearch) { ready(); return; }
    loadScript("search-index.js", ready);
  }

  /* The shard keys a query word needs: its three-letter shard where its two
     letters were split, else its two-letter one; a two-letter word of a split key
     needs every shard under it. */
  function shardKeys(term) {
    var two = term.slice(0, 2), keys = [];
    if (index.split.indexOf(two) < 0) return index.shards[two] ? [two] : [];
    if (term.length >= 3) return index.shards[term.slice(0, 3)] ? [term.slice(0, 3)] : [];
    for (var key in index.shards) {
      if (key.slice(0, 2) === two) keys.push(key);
    }
    return keys;
  }

  /* Loads what the terms need; true when all of it is in. */
  function haveShards(terms) {
    var ok = true;
    terms.forEach(function (term) {
      shardKeys(term).forEach(function (key) {
        if (!shards[key]) { ok = false; loadScript("search/w-" + index.shards[key] + ".js"); }
      });
    });
    return ok;
  }

  function bucketOf(n) {  // the bucket holding document n (buckets: first ids)
    var lo = 0, hi = index.buckets.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (index.buckets[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function doc(n) {
    var b = bucketOf(n), bucket = buckets[b];
    return bucket ? bucket[n - index.buckets[b]] : null;
  }

  function kindOf(n) {
    var k = 0;
    while (index.starts[k + 1] <= n) k++;
    return k;
  }

  /* ---------- matching ---------- */

  /* Document number -> score for one query word: 6 in a title, 2 in the text,
     +2 where the word is whole. */
  function hitsOf(term) {
    var found = {};
    shardKeys(term).forEach(function (key) {
      var shard = shards[key];
      for (var word in shard) {
        if (word.lastIndexOf(term, 0) !== 0) continue;
        var whole = word.length === term.length ? 2 : 0, at = 0, list = shard[word];
        for (var i = 0; i < list.length; i++) {
          at += list[i];
          var n = at >> 1, score = (at & 1 ? 6 : 2) + whole;
          if (!(found[n] >= score)) found[n] = score;
        }
      }
    });
    return found;
  }

  function better(a, b) {  // is hit a ranked above hit b?
    return a.score !== b.score ? a.score > b.score : a.i < b.i;
  }

  /* The best PER_GROUP hits of each kind and how many there are: a bounded
     insertion instead of sorting every hit keeps short queries instant. */
  function search(terms) {
    var kinds = index.kinds.map(function () { return { top: [], count: 0 }; });
    if (!terms.length) return kinds;
    var per = terms.map(hitsOf);
    per.sort(function (a, b) { return Object.keys(a).length - Object.keys(b).length; });
    for (var key in per[0]) {
      var score = per[0][key];
      for (var k = 1; k < per.length && score; k++) {
        score = per[k][key] ? score + per[k][key] : 0;
      }
      if (!score) continue;
      var i = +key, group = kinds[kindOf(i)], top = group.top;
      var hit = { i: i, score: score };
      group.count++;
      if (top.length === PER_GROUP && !better(hit, top[PER_GROUP - 1])) continue;
      var at = top.length;
      while (at > 0 && better(hit, top[at - 1])) at--;
      top.splice(at, 0, hit);
      if (top.length > PER_GROUP) top.pop();
    }
    return kinds;
  }

  /* Loads the buckets of the hits shown; true when all are in. */
  function haveDocs(found) {
    var ok = true;
    found.forEach(function (group) {
      group.top.forEach(function (hit) {
        var b = bucketOf(hit.i);
        if (!buckets[b]) { ok = false; loadScript("search/d-" + b + ".js"); }
      });
    });
    return ok;
  }

  /* Where the query's words first occur in text: {before, match, after}, cut at
     words, or null. Words are folded one by one, so the passage is cut from the
     text as written. */
  function passage(text, terms) {
    if (!text) return null;
    var re = /[^\s·]+/g, m;
    while ((m = re.exec(text))) {
      var words = wordsOf(m[0]);
      for (var w = 0; w < words.length; w++) {
        for (var k = 0; k < terms.length; k++) {
          if (words[w].lastIndexOf(terms[k], 0) === 0) return cut(text, m.index, m[0].length);
        }
      }
    }
    return { before: "", match: "", after: cut(text, 0, 0).after };
  }

  function cut(text, at, length) {
    var start = Math.max(0, at - BEFORE), end = Math.min(text.length, at + length + AFTER);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (start > at) start = at;
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > at + length) end = space;
    }
    return {
      before: (start > 0 ? "…" : "") + text.slice(start, at),
      match: text.slice(at, at + length),
      after: text.slice(at + length, end) + (end < text.length ? "…" : "")
    };
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

  function passageNode(found) {
    var node = el("span", "search-option-text");
    node.dir = "auto";
    node.appendChild(document.createTextNode(found.before));
    if (found.match) node.appendChild(el("mark", "search-match", found.match));
    node.appendChild(document.createTextNode(found.after));
    return node;
  }

  function render(box, found, terms) {
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
        var item = doc(hit.i);  // [title, url, where, text]
        var option = el("a", "search-option");
        option.id = box.id + "-o" + box.options.length;
        option.href = siteRoot + item[1];
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.tabIndex = -1;
        option.appendChild(el("span", "search-option-title", item[0]));
        if (item[2]) {
          option.appendChild(el("span", "search-option-where", format(data.in, { where: item[2] })));
        }
        var found = passage(item[3], terms);
        if (found) option.appendChild(passageNode(found));
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
    var terms = wordsOf(query);
    if (!terms.length) {
      // one Latin letter matches most of a big playbook; one CJK character is a word
      box.list.textContent = "";
      box.options = [];
      say(box, "", false);
      open(box, false);
      return;
    }
    var found = haveShards(terms) ? search(terms) : null;
    if (!found || !haveDocs(found)) {  // a part is loading: it runs the query again
      if (!box.options.length) say(box, data.loading, true);
      return;
    }
    var total = found.reduce(function (sum, group) { return sum + group.count; }, 0);
    render(box, found, terms);
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
