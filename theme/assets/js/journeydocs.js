/* journeydocs: the page's small behaviours, in one plain script.
 *
 * Loaded in <head> without defer on every page, so the remembered colour theme is
 * applied before the first paint (no light flash on a dark page). Everything else
 * waits for DOMContentLoaded:
 *   - the dark-mode toggle (follows the system until the reader chooses; the choice
 *     is kept in localStorage);
 *   - the search box: "/" focuses it; search.js and the index (a <script>, never a
 *     fetch, so file:// works) load on first use;
 *   - an "On this page" table of contents on long pages;
 *   - mermaid diagrams, drawn in the current theme and redrawn when it changes.
 * No modules, no network. Without JavaScript the page reads fine; only search,
 * the toggle and the contents list are missing.
 */
(function () {
  "use strict";

  var KEY = "journeydocs-theme";
  var root = document.documentElement;
  var script = document.currentScript;
  var assets = script ? script.src.replace(/js\/journeydocs\.js(?:[?#].*)?$/, "") : "";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function systemDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  function isDark() {
    var theme = root.getAttribute("data-theme");
    return theme ? theme === "dark" : systemDark();
  }

  var choice = stored();
  if (choice === "dark" || choice === "light") root.setAttribute("data-theme", choice);
  root.classList.add("js");

  /* ---------- theme toggle ---------- */

  function setupToggle() {
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    function sync() {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", isDark() ? "true" : "false");
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var next = isDark() ? "light" : "dark";
        root.setAttribute("data-theme", next);
        try { window.localStorage.setItem(KEY, next); } catch (e) { /* private mode */ }
        sync();
        redrawDiagrams();
      });
    }
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      var onChange = function () {
        if (!root.getAttribute("data-theme")) { sync(); redrawDiagrams(); }
      };
      if (query.addEventListener) query.addEventListener("change", onChange);
    }
    sync();
  }

  /* ---------- search: shortcut and lazy loading ---------- */

  var loading = false;

  function loadScript(src, onError) {
    var tag = document.createElement("script");
    tag.src = src;
    if (onError) tag.onerror = onError;
    document.head.appendChild(tag);
  }

  function loadSearch() {
    if (loading) return;
    loading = true;
    window.journeydocsAssets = assets;
    loadScript(assets + "js/search.js");
  }

  function setupSearch() {
    var forms = document.querySelectorAll("form[data-search]");
    if (!forms.length) return;
    for (var i = 0; i < forms.length; i++) {
      forms[i].hidden = false;
      var input = forms[i].querySelector("input");
      input.addEventListener("focus", loadSearch);
      input.addEventListener("input", loadSearch);
      forms[i].addEventListener("submit", function (event) { event.preventDefault(); });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" ||
          (target && target.isContentEditable)) return;
      event.preventDefault();
      var box = document.querySelector(".not-found form[data-search] input") ||
        forms[0].querySelector("input");
      box.focus();
      box.select();
    });
  }

  /* ---------- table of contents ---------- */

  function slug(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "section";
  }

  function visible(el) {
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      if (node.classList.contains("visually-hidden") || node.hidden) return false;
    }
    return true;
  }

  function headingText(h) {
    var copy = h.cloneNode(true);
    [].forEach.call(copy.querySelectorAll("[aria-hidden=true], .visually-hidden"), function (n) {
      n.parentNode.removeChild(n);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function setupToc() {
    var main = document.querySelector("main");
    var article = main && main.querySelector("article");
    if (!article) return;
    var headings = [].filter.call(article.querySelectorAll("h2, h3"), function (h) {
      return visible(h) && !h.closest(".card, table, figure, aside");
    });
    var top = headings.filter(function (h) { return h.tagName === "H2"; });
    if (top.length < 4) return;
    var nav = document.createElement("nav");
    nav.className = "toc";
    nav.setAttribute("aria-labelledby", "toc-title");
    var title = document.createElement("h2");
    title.id = "toc-title";
    title.className = "toc-title";
    title.textContent = main.getAttribute("data-toc-label") || "On this page";
    var list = document.createElement("ol");
    var sub = null;
    headings.forEach(function (h) {
      if (!h.id) {
        var base = "toc-" + slug(headingText(h)), id = base, n = 2;
        while (document.getElementById(id)) id = base + "-" + n++;
        h.id = id;
      }
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + h.id;
      a.textContent = headingText(h);
      li.appendChild(a);
      if (h.tagName === "H2") {
        list.appendChild(li);
        sub = null;
      } else if (list.lastChild) {
        if (!sub) { sub = document.createElement("ol"); list.lastChild.appendChild(sub); }
        sub.appendChild(li);
      }
    });
    nav.appendChild(title);
    nav.appendChild(list);
    var header = article.querySelector(".page-header") || article.querySelector("h1");
    var facts = header && header.nextElementSibling;
    var anchor = facts && facts.classList.contains("facts") ? facts : header;
    if (!anchor) return;  // no title to follow: a throw here would stop the diagrams drawing
    anchor.parentNode.insertBefore(nav, anchor.nextSibling);
  }

  /* ---------- mermaid ---------- */

  var sources = null;

  /* The diagram palette (generator/diagrams/palette.py) rides on each block as
   * data-palette: per scheme, the classDef colours to swap in and mermaid's
   * themeVariables. No colour of a diagram is written here. */
  function palette(block, scheme) {
    try {
      var all = JSON.parse(block.getAttribute("data-palette") || "{}");
      var own = all && all[scheme];
      return own && typeof own === "object" ? own : {};
    } catch (e) {
      return {};
    }
  }

  var STYLE = /^[#A-Za-z0-9:,. %-]*$/;  // colours and lengths only: no newline, no statement

  function themed(source, classDefs) {
    if (!classDefs) return source;
    return source.replace(/^(\s*classDef\s+)([A-Za-z][\w-]*)\s.*$/gm, function (line, head, name) {
      var style = Object.prototype.hasOwnProperty.call(classDefs, name) ? classDefs[name] : null;
      return typeof style === "string" && STYLE.test(style) ? head + name + " " + style : line;
    });
  }

  function drawDiagrams() {
    var blocks = document.querySelectorAll("pre.mermaid");
    if (!window.mermaid || !blocks.length) return;
    if (!sources) sources = [].map.call(blocks, function (b) { return b.textContent; });
    var scheme = isDark() ? "dark" : "light";
    var variables = null;  // mermaid's are global: the first block's (they are all alike)
    for (var i = 0; i < blocks.length && i < sources.length; i++) {
      var own = palette(blocks[i], scheme);
      if (!variables && own.themeVariables) variables = own.themeVariables;
      if (own.classDefs) blocks[i].textContent = themed(sources[i], own.classDefs);
    }
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: isDark() ? "dark" : "default",
      themeVariables: variables || {}
    });
    var run = window.mermaid.run({ querySelector: "pre.mermaid" });
    if (run && typeof run.then === "function") {
      drawing = true;
      run.catch(function (err) {
        if (window.console) window.console.error("journeydocs: a diagram could not be drawn", err);
      }).then(function () {
        drawing = false;
        if (redrawWanted) { redrawWanted = false; redrawNow(); }
      });
    }
  }

  // A theme change while mermaid still draws waits for it: two drawings of one block at
  // once leave mermaid reading nodes the other has replaced.
  var drawing = false;
  var redrawWanted = false;

  function redrawDiagrams() {
    if (!sources) return;
    if (drawing) { redrawWanted = true; return; }
    redrawNow();
  }

  function redrawNow() {
    var blocks = document.querySelectorAll("pre.mermaid");
    for (var i = 0; i < blocks.length && i < sources.length; i++) {
      blocks[i].removeAttribute("data-processed");
      blocks[i].removeAttribute("data-linked");  // diagrams.js wires the new drawing again
      blocks[i].textContent = sources[i];
    }
    drawDiagrams();
  }

  function start() {
    setupToggle();
    setupSearch();
    setupToc();
    drawDiagrams();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
