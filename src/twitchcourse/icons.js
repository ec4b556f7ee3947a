/* The book's header icons, drawn as inline SVG. sphinx_ext.py fills ICONS after each
 * build with the few icons the pages use, copied from the theme's Font Awesome
 * (icons: CC BY 4.0, Fonticons, Inc.), so pages need not load all of Font Awesome.
 */
(function () {
  "use strict";
  var ICONS = /*ICONS*/{};
  var SVG = "http://www.w3.org/2000/svg";

  function draw(root) {
    Array.prototype.forEach.call(root.querySelectorAll("i[class*='fa-']"), function (icon) {
      var name = null;
      icon.classList.forEach(function (c) {
        if (c.indexOf("fa-") === 0 && ICONS[c.slice(3)]) { name = c.slice(3); }
      });
      if (!name) { return; }
      var data = ICONS[name];
      var svg = document.createElementNS(SVG, "svg");
      Array.prototype.forEach.call(icon.attributes, function (a) { svg.setAttribute(a.name, a.value); });
      svg.setAttribute("viewBox", "0 0 " + data[0] + " " + data[1]);
      svg.setAttribute("class", (icon.getAttribute("class") || "") + " svg-inline--fa");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("fill", "currentColor");
      path.setAttribute("d", data[2]);
      svg.appendChild(path);
      icon.parentNode.replaceChild(svg, icon);
    });
  }

  function start() {
    draw(document);
    new MutationObserver(function () { draw(document.body); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
