/*
 * Following the reader down the page (progressive: without script the page works the same, the
 * table of contents just does not mark where you are):
 * - the "On this page" column marks the section in view and scrolls itself to keep it visible;
 * - the back-to-top link hides near the top of the page;
 * - --header-h follows the sticky header's real height (it wraps on narrow screens), so anchors
 *   and the sticky columns land below it.
 */
(function () {
  "use strict";

  var header = document.querySelector(".site-header");
  var top = document.querySelector(".back-to-top");
  var toc = document.getElementById("toc");

  function headerHeight() {
    if (header) {
      // The header's min-height is --header-h itself: measure it under the stylesheet's value, or
      // a header that wrapped on a narrow window would keep that height after widening.
      document.documentElement.style.removeProperty("--header-h");
      document.documentElement.style.setProperty("--header-h", header.offsetHeight + "px");
    }
  }

  var links = [];
  if (toc) {
    var anchors = toc.querySelectorAll("a[href^='#']");
    for (var i = 0; i < anchors.length; i++) {
      var id = decodeURIComponent(anchors[i].getAttribute("href").slice(1));
      var target = document.getElementById(id);
      if (target) {
        links.push({ link: anchors[i], target: target });
      }
    }
  }

  var current = null;
  function mark(entry) {
    if (entry === current) {
      return;
    }
    if (current) {
      current.link.classList.remove("is-current");
      current.link.removeAttribute("aria-current");
    }
    current = entry;
    if (!entry) {
      return;
    }
    entry.link.classList.add("is-current");
    entry.link.setAttribute("aria-current", "location");
    // Keep the marked entry inside the column when the column scrolls (a long TOC on a short screen).
    if (toc.scrollHeight > toc.clientHeight) {
      var box = toc.getBoundingClientRect(), at = entry.link.getBoundingClientRect();
      if (at.top < box.top + 16 || at.bottom > box.bottom - 16) {
        toc.scrollTop += at.top - box.top - toc.clientHeight / 3;
      }
    }
  }

  var pending = false;
  function update() {
    pending = false;
    var line = (header ? header.offsetHeight : 0) + 24;
    var found = null;
    for (var i = 0; i < links.length; i++) {
      if (links[i].target.getBoundingClientRect().top <= line) {
        found = links[i];
      } else {
        break;
      }
    }
    // At the very bottom the last sections may never reach the line: the last one is the one read.
    if (links.length && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
      found = links[links.length - 1];
    }
    mark(found);
    if (top) {
      top.classList.toggle("at-top", window.scrollY < window.innerHeight * 0.75);
    }
  }

  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(update);
    }
  }

  headerHeight();
  if (header && window.ResizeObserver) {
    // The header grows after this script: search.js shows its form there on load.
    new ResizeObserver(headerHeight).observe(header);
  }
  update();
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", function () { headerHeight(); schedule(); });
}());
