/* journeydocs diagrams: links for diagram types without mermaid `click` (the
 * service blueprint is a block-beta grid).
 *
 * The generator puts {"block id": "relative URL"} into the <pre class="mermaid">
 * element's data-links attribute. When mermaid has drawn the SVG (journeydocs.js
 * runs it), each named node is wrapped in an SVG <a>. Only plain relative URLs made
 * of [A-Za-z0-9/._~%-], not starting with "/", are used, so no scheme
 * (javascript:, data:) or other host (//host) can get in even
 * if the attribute were tampered with. Plain script, works from file://.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var SAFE_URL = /^[A-Za-z0-9._~%-][A-Za-z0-9\/._~%-]*$/;  // relative: no scheme, no "//host"

  function readLinks(pre) {
    try {
      var links = JSON.parse(pre.getAttribute("data-links") || "{}");
      return links && typeof links === "object" ? links : {};
    } catch (e) {
      return {};
    }
  }

  // Idempotent: runs on every change of the block (mermaid may insert the SVG in
  // steps, and journeydocs.js redraws on a theme change); wrapped nodes are skipped.
  function wire(pre) {
    var svg = pre.querySelector("svg");
    if (!svg) return;
    var links = readLinks(pre);
    var stale = svg.querySelectorAll("a.diagram-link:empty");
    for (var i = 0; i < stale.length; i++) stale[i].parentNode.removeChild(stale[i]);
    Object.keys(links).forEach(function (block) {
      var url = links[block];
      if (typeof url !== "string" || !SAFE_URL.test(url)) return;
      var node = svg.querySelector('[id="' + svg.id + "-" + block.replace(/[^A-Za-z0-9_-]/g, "") + '"]');
      if (!node || !node.parentNode || node.parentNode.getAttribute("class") === "diagram-link") return;
      var a = document.createElementNS(SVG_NS, "a");
      a.setAttribute("href", url);
      a.setAttribute("class", "diagram-link");
      node.parentNode.insertBefore(a, node);
      a.appendChild(node);
    });
  }

  // Wide views keep a readable size and scroll in their box: shrunk to the
  // column width a 40-touchpoint blueprint would be unreadable. A figure's
  // data-min-scale (journey and flow: 0.8) lets a diagram a little wider than
  // the column shrink that far, and no further; others keep their drawn size.
  function naturalSize() {
    var figures = document.querySelectorAll(".diagram--natural");
    for (var f = 0; f < figures.length; f++) {
      var scale = parseFloat(figures[f].getAttribute("data-min-scale"));
      if (!(scale > 0 && scale <= 1)) scale = 1;
      var svgs = figures[f].querySelectorAll("svg");
      for (var i = 0; i < svgs.length; i++) {
        var max = parseFloat(svgs[i].style.maxWidth);
        if (max > 0 && !svgs[i].style.minWidth) svgs[i].style.minWidth = Math.ceil(max * scale) + "px";
      }
    }
  }

  function scan() {
    var pres = document.querySelectorAll("pre.mermaid[data-links]");
    for (var i = 0; i < pres.length; i++) wire(pres[i]);
    naturalSize();
  }

  function start() {
    scan();
    if (!window.MutationObserver) return;
    // Wait until the drawing settles: mermaid moves nodes while it lays them out.
    var timer = null;
    var observer = new MutationObserver(function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(scan, 60);
    });
    var pres = document.querySelectorAll("pre.mermaid");
    for (var i = 0; i < pres.length; i++) {
      observer.observe(pres[i], { childList: true, subtree: true });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
