/* On a phone the theme shows the page's contents (and the site menu) as a modal panel.
 * Choosing a section on the same page scrolls the page behind the panel but leaves the panel
 * open over it; close it, so the reader sees the section they chose. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("dialog[open] a[href^='#']");
  if (link) { link.closest("dialog").close(); }
});
