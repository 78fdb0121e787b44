/* journeydocs navigation: the sidebar's journey groups (one <details> per status)
 * open on the group that holds the page being read, so collapsing the others
 * never hides where the reader is. Without JavaScript the first group is open. */
(function () {
  "use strict";
  var here = document.querySelector(".site-nav [aria-current='page'], .site-nav .is-parent");
  var group = here && here.closest("[data-nav-group]");
  if (group) group.open = true;
})();
