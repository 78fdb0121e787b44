/* journeydocs in MkDocs (themes without their own mermaid support): draw the
 * <pre class="mermaid"> diagrams with the vendored mermaid loaded before this file.
 * securityLevel "strict" keeps diagram text from running script; flowchart nodes
 * still link to their touchpoint pages through `click … href`. In dark, each block's
 * data-palette (generator/diagrams/palette.py) gives the classDef colours and mermaid
 * themeVariables, as journeydocs.js does in the site's own theme. */
(function () {
  "use strict";
  function palette(block, scheme) {
    try {
      var own = JSON.parse(block.getAttribute("data-palette") || "{}")[scheme];
      return own && typeof own === "object" ? own : {};
    } catch (e) {
      return {};
    }
  }
  function themed(source, classDefs) {
    return source.replace(/^(\s*classDef\s+)([A-Za-z][\w-]*)\s.*$/gm, function (line, head, name) {
      var style = Object.prototype.hasOwnProperty.call(classDefs, name) ? classDefs[name] : null;
      return typeof style === "string" && /^[#A-Za-z0-9:,. %-]*$/.test(style)
        ? head + name + " " + style : line;
    });
  }
  function draw() {
    if (!window.mermaid || !document.querySelector(".journeydocs pre.mermaid")) return;
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    var scheme = dark ? "dark" : "light", variables = {};
    var blocks = document.querySelectorAll(".journeydocs pre.mermaid");
    for (var i = 0; i < blocks.length; i++) {
      var own = palette(blocks[i], scheme);
      if (own.themeVariables && i === 0) variables = own.themeVariables;
      if (own.classDefs) blocks[i].textContent = themed(blocks[i].textContent, own.classDefs);
    }
    // Journey maps are wide: natural size, scrolling sideways in their card.
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict",
                                theme: dark ? "dark" : "default", themeVariables: variables,
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
