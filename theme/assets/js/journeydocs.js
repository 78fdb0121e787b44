/* journeydocs: draw the page's mermaid diagrams with the vendored mermaid.
 *
 * Loaded after assets/vendor/mermaid/mermaid.min.js, only on pages that hold a
 * <pre class="mermaid">. Plain script (no modules, no fetches), so it works from
 * file:// too. securityLevel "strict" keeps diagram text from running script;
 * flowchart nodes still link to their touchpoint pages through `click … href`.
 * Without JavaScript the diagram source stays readable as text.
 */
(function () {
  "use strict";

  function prefersDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  function draw() {
    if (!window.mermaid || !document.querySelector("pre.mermaid")) return;
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: prefersDark() ? "dark" : "default"
    });
    var run = window.mermaid.run({ querySelector: "pre.mermaid" });
    if (run && typeof run.catch === "function") {
      run.catch(function (err) {
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
