/* Two small things the theme's pages need, in place of Bootstrap's 81 KB script (which the
 * book no longer loads: its set-up of every tooltip held back the first paint on a phone).
 * The buttons' own titles serve as tooltips. */
(function () {
  "use strict";

  /* The header's menus (launch, repository, download): a button opens and closes its menu;
   * Escape or a click elsewhere closes it. */
  function menus() { return document.querySelectorAll("[data-bs-toggle='dropdown']"); }
  function setOpen(button, open) {
    button.setAttribute("aria-expanded", String(open));
    button.parentElement.querySelector(".dropdown-menu").classList.toggle("show", open);
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    var button = target && target.closest("[data-bs-toggle='dropdown']");
    menus().forEach(function (other) {
      if (other !== button) { setOpen(other, false); }
    });
    if (button) { setOpen(button, button.getAttribute("aria-expanded") !== "true"); }

    /* On a phone the theme shows the page's contents (and the site menu) as a modal panel.
     * Choosing a section on the same page scrolls the page behind the panel but leaves the
     * panel open over it; close it, so the reader sees the section they chose. */
    var link = target && target.closest("dialog[open] a[href^='#']");
    if (link) { link.closest("dialog").close(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    menus().forEach(function (button) {
      if (button.getAttribute("aria-expanded") === "true") { setOpen(button, false); button.focus(); }
    });
  });
})();
