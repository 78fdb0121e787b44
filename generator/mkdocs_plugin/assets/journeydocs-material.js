/* journeydocs in Material for MkDocs: Material draws every <pre class="mermaid"> with
 * the `mermaid` it finds (the vendored one, loaded before this file, so nothing is
 * fetched from a CDN). Material's diagrams fit their column; journey maps are wide,
 * so on playbook pages they keep their natural size and scroll sideways in their
 * card instead (as in journeydocs' own theme). Other pages are left as they are. */
(function () {
  "use strict";
  var m = window.mermaid;
  if (!m || m.__journeydocs || !document.querySelector(".journeydocs")) return;
  var initialize = m.initialize.bind(m);
  m.initialize = function (config) {
    var merged = Object.assign({}, config);
    merged.journey = Object.assign({ useMaxWidth: false }, merged.journey);
    merged.flowchart = Object.assign({ useMaxWidth: false }, merged.flowchart);
    return initialize(merged);
  };
  m.__journeydocs = true;
})();
