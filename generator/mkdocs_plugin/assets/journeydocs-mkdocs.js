/* journeydocs in MkDocs (themes without their own mermaid support): draw the
 * <pre class="mermaid"> diagrams with the vendored mermaid loaded before this file.
 * securityLevel "strict" keeps diagram text from running script; flowchart nodes
 * still link to their touchpoint pages through `click … href`. */
(function () {
  "use strict";
  function draw() {
    if (!window.mermaid || !document.querySelector(".journeydocs pre.mermaid")) return;
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    // Journey maps are wide: natural size, scrolling sideways in their card.
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict",
                                theme: dark ? "dark" : "default",
                                journey: { useMaxWidth: false }, flowchart: { useMaxWidth: false } });
    var run = window.mermaid.run({ querySelector: ".journeydocs pre.mermaid" });
    if (run && typeof run.catch === "function") {
      run.catch(function (err) {
        if (window.console) window.console.error("journeydocs: a diagram could not be drawn", err);
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
