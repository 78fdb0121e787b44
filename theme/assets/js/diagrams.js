/* journeydocs diagrams: links for diagram types without mermaid `click` (the
 * service blueprint is a block-beta grid).
 *
 * The generator puts {"block id": "relative URL"} into the <pre class="mermaid">
 * element's data-links attribute. When mermaid has drawn the SVG (journeydocs.js
 * runs it), each named node is wrapped in an SVG <a>. Only plain relative URLs made
 * of [A-Za-z0-9/._~%-] are used, so no scheme (javascript:, data:) can get in even
 * if the attribute were tampered with. Plain script, works from file://.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var SAFE_URL = /^[A-Za-z0-9\/._~%-]+$/;

  function readLinks(pre) {
    try {
      var links = JSON.parse(pre.getAttribute("data-links") || "{}");
      return links && typeof links === "object" ? links : {};
    } catch (e) {
      return {};
    }
  }

  function wire(pre) {
    var svg = pre.querySelector("svg");
    if (!svg || pre.getAttribute("data-linked")) return;
    pre.setAttribute("data-linked", "1");
    var links = readLinks(pre);
    Object.keys(links).forEach(function (block) {
      var url = links[block];
      if (typeof url !== "string" || !SAFE_URL.test(url)) return;
      var node = svg.querySelector('[id="' + svg.id + "-" + block.replace(/[^A-Za-z0-9_-]/g, "") + '"]');
      if (!node || !node.parentNode) return;
      var a = document.createElementNS(SVG_NS, "a");
      a.setAttribute("href", url);
      a.setAttribute("class", "diagram-link");
      node.parentNode.insertBefore(a, node);
      a.appendChild(node);
    });
  }

  // Wide views keep their drawn size and scroll in their box: shrunk to the
  // column width a 40-touchpoint blueprint would be unreadable.
  function naturalSize() {
    var svgs = document.querySelectorAll(".diagram--natural svg");
    for (var i = 0; i < svgs.length; i++) {
      var max = svgs[i].style.maxWidth;
      if (max && !svgs[i].style.minWidth) svgs[i].style.minWidth = max;
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
    var observer = new MutationObserver(scan);
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
