// Cut the book's merged stylesheet to the rules its pages and scripts use (PurgeCSS, pinned in
// package.json). Called by sphinx_ext.py:  node purge.cjs MERGED.css '["page.html", "script.js", ...]'
// Prints the purged CSS.
const { PurgeCSS } = require("purgecss");

const [css, content] = [process.argv[2], JSON.parse(process.argv[3])];
new PurgeCSS().purge({
  css: [css],
  content,
  // Unused @keyframes, custom properties and @font-face rules go too.
  keyframes: true,
  variables: true,
  fontFace: true,
  // Set by scripts at run time, so in no page's HTML: the colour mode, Popper's placement.
  dynamicAttributes: ["data-theme", "data-mode", "data-bs-theme", "data-popper-placement"],
  // The course's own classes, some added by twitchcourse.js.
  // Bootstrap's classes for its dropdowns and tooltips, added by bootstrap.js (which is not
  // scanned: it names every Bootstrap component, and the book uses two).
  safelist: { standard: [/^tc-/, "show", "showing", "fade", "collapsing", /^tooltip/, /^bs-tooltip/, /^dropdown-menu-/] },
}).then((results) => process.stdout.write(results.map((r) => r.css).join("\n")))
  .catch((error) => { console.error(error); process.exit(1); });
