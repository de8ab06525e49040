/*
 * The chapter list is a <details> so that it folds on small screens without script. From 48em up
 * the stylesheet shows it as a sidebar; browsers that cannot style a closed <details>' content
 * (no ::details-content) get it opened here instead. Without script they keep a working toggle.
 */
(function () {
  "use strict";
  var details = document.querySelector(".guide-nav-toggle");
  if (!details || !window.matchMedia) {
    return;
  }
  if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) {
    return;
  }
  var wide = window.matchMedia("(min-width: 48em)");
  function apply() {
    if (wide.matches) {
      details.open = true;
    }
  }
  apply();
  if (wide.addEventListener) {
    wide.addEventListener("change", apply);
  } else if (wide.addListener) {
    wide.addListener(apply);
  }
})();
