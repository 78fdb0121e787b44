/* journeydocs journey page: progressive enhancements of what the build already drew.
 *
 * - Lane-group filters of the journey map (experience, planning, blueprint), kept in
 *   the URL as ?hide=planning,blueprint so a link shows the same map.
 * - Diagram controls: every diagram opens fitted to its box; zoom in/out scrolls it
 *   in that box; "Full screen" shows the figure alone.
 * - "Copy" buttons on the mermaid sources of the views the map replaced.
 *
 * Without this script the map, the diagrams (fitted) and the sources are all there.
 * Plain script, works from file://.
 */
(function () {
  "use strict";

  /* ---------- lane filters ---------- */

  function hiddenGroups() {
    var match = /[?&]hide=([^&#]*)/.exec(window.location.search);
    return match ? decodeURIComponent(match[1]).split(",").filter(Boolean) : [];
  }

  function applyFilter(map, hidden) {
    var rows = map.querySelectorAll("[data-lane-group]");
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = hidden.indexOf(rows[i].getAttribute("data-lane-group")) >= 0;
    }
  }

  function remember(hidden) {
    if (!window.history || !window.history.replaceState) return;
    var search = window.location.search.replace(/([?&])hide=[^&#]*&?/, "$1").replace(/[?&]$/, "");
    if (hidden.length) search += (search ? "&" : "?") + "hide=" + hidden.join(",");
    try {
      window.history.replaceState(null, "", window.location.pathname + search + window.location.hash);
    } catch (e) { /* file:// in some browsers: the filter still works */ }
  }

  function setUpFilter(map) {
    var box = map.querySelector("[data-map-filter]");
    if (!box) return;
    var inputs = box.querySelectorAll("input[type=checkbox]");
    var hidden = hiddenGroups();
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].checked = hidden.indexOf(inputs[i].value) < 0;
      inputs[i].addEventListener("change", function () {
        var now = [];
        for (var j = 0; j < inputs.length; j++) if (!inputs[j].checked) now.push(inputs[j].value);
        applyFilter(map, now);
        remember(now);
      });
    }
    applyFilter(map, hidden);
    box.hidden = false;
  }

  /* ---------- diagram zoom ---------- */

  function naturalWidth(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    return box && box.width ? box.width : svg.getBoundingClientRect().width;
  }

  function zoom(figure, how) {
    var svgs = figure.querySelectorAll(".diagram-scroll svg");
    var level = parseFloat(figure.getAttribute("data-zoom") || "0");
    for (var i = 0; i < svgs.length; i++) {
      var svg = svgs[i];
      if (svg.closest && svg.closest("a")) continue;
      var natural = naturalWidth(svg);
      var box = svg.closest(".diagram-scroll");
      var fitted = Math.min(1, box.clientWidth / natural);
      if (!level) level = fitted;
      if (how === "in") level = Math.min(level * 1.5, 4);
      else if (how === "out") level = Math.max(level / 1.5, fitted / 2);
      else level = 0;
      if (level) {
        svg.style.maxWidth = "none";
        svg.style.minWidth = "0";
        svg.style.width = Math.round(natural * level) + "px";
        svg.style.height = "auto";
      } else {
        svg.style.width = "";
        svg.style.minWidth = "";
        svg.style.maxWidth = natural + "px";
      }
    }
    if (level) figure.setAttribute("data-zoom", String(level));
    else figure.removeAttribute("data-zoom");
  }

  function setUpDiagram(figure) {
    var controls = figure.querySelector("[data-diagram-controls]");
    if (!controls) return;
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-zoom]") : null;
      if (!button) return;
      var how = button.getAttribute("data-zoom");
      if (how === "full") {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (figure.requestFullscreen) figure.requestFullscreen();
        return;
      }
      zoom(figure, how);
    });
  }

  /* ---------- copy mermaid source ---------- */

  function setUpCopy(button) {
    var code = button.closest(".mermaid-source").querySelector("code");
    if (!code || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = button.getAttribute("data-copied") || label;
        setTimeout(function () { button.textContent = label; }, 1500);
      }, function () {});
    });
  }

  function start() {
    var maps = document.querySelectorAll("[data-journey-map]");
    for (var i = 0; i < maps.length; i++) setUpFilter(maps[i]);
    var figures = document.querySelectorAll("figure.diagram--fit");
    for (var f = 0; f < figures.length; f++) setUpDiagram(figures[f]);
    var buttons = document.querySelectorAll("button[data-copy-source]");
    for (var b = 0; b < buttons.length; b++) setUpCopy(buttons[b]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
