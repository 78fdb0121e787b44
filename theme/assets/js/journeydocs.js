/* journeydocs: draw the page's mermaid diagrams with the vendored mermaid.
 *
 * Loaded after assets/vendor/mermaid/mermaid.min.js on pages that hold a
 * <pre class="mermaid">. Works from file:// (no fetches, no modules).
 * securityLevel "strict" keeps diagram labels from running script; flowchart
 * nodes that should link to a page get their links either from mermaid's own
 * `click … href` or, when the figure carries data-flow-links (node id → href),
 * from wireFlowLinks below.
 */
(function () {
  "use strict";

  function prefersDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  /* Find the SVG group mermaid drew for a flowchart node id. */
  function findNode(svg, nodeId) {
    var nodes = svg.querySelectorAll("g.node");
    for (var i = 0; i < nodes.length; i++) {
      var id = nodes[i].getAttribute("id") || "";
      var dataId = nodes[i].getAttribute("data-id");
      if (dataId === nodeId || new RegExp("^(.*-)?flowchart-" + nodeId.replace(/[^\w-]/g, "") + "-\\d+$").test(id)) {
        return nodes[i];
      }
    }
    return null;
  }

  function wireFlowLinks(root) {
    var figures = root.querySelectorAll("[data-flow-links]");
    for (var f = 0; f < figures.length; f++) {
      var links;
      try {
        links = JSON.parse(figures[f].getAttribute("data-flow-links"));
      } catch (e) {
        continue;
      }
      var svg = figures[f].querySelector("svg");
      if (!svg || !links) continue;
      Object.keys(links).forEach(function (nodeId) {
        var href = String(links[nodeId]);
        if (/^\s*(javascript|vbscript|data):/i.test(href)) return;
        var node = findNode(svg, nodeId);
        if (!node || node.closest("a")) return;
        var a = document.createElementNS("http://www.w3.org/2000/svg", "a");
        a.setAttribute("href", href);
        a.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", href);
        a.setAttribute("class", "jd-node-link");
        node.parentNode.insertBefore(a, node);
        a.appendChild(node);
      });
    }
  }

  function draw() {
    if (!window.mermaid || !document.querySelector("pre.mermaid")) return;
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: prefersDark() ? "dark" : "default"
    });
    var run = window.mermaid.run({ querySelector: "pre.mermaid" });
    if (run && typeof run.then === "function") {
      run.then(function () { wireFlowLinks(document); }, function (err) {
        if (window.console) window.console.error("journeydocs: a diagram could not be drawn", err);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
