"""A small Sphinx extension for the book, listed in _config.yml: fixes to what the
tools put on each page.

The theme's Font Awesome script is 1.5 MB (543 KB gzipped), over half of what a
phone downloads for a page, to draw about twenty header icons. After the build,
the icons the pages use are copied from it into a small script of our own;
book/_templates/static/webpack-macros.html loads the pages without Font Awesome.

Jupyter Book 1 always loads sphinx-thebe, even with thebe off. It then puts the
same inline script on a page twice, which stops the page with "Identifier
'THEBE_JS_URL' has already been declared" and names a script on another site.
The course runs no live code in the book, so thebe's files are dropped.
"""
import json
import re
from pathlib import Path

ICONS_JS = "twitchcourse-icons.js"


def _without_thebe(assets):
    def text(asset):
        return f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}"
    return [asset for asset in assets if "thebe" not in text(asset).lower()]


def _drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = _without_thebe(context[key])


# Icons the theme's own scripts add after the page loads.
ADDED_BY_SCRIPTS = {"xmark"}


def _write_icon_subset(app, exception):
    """Copy the icons the built pages use out of Font Awesome into ICONS_JS."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    source = (out / "_static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    names = set(ADDED_BY_SCRIPTS)
    for page in out.rglob("*.html"):
        names.update(re.findall(r"\bfa-([a-z0-9-]+)", page.read_text(encoding="utf-8")))
    icons = {}
    for name in sorted(names):
        # Font Awesome stores an icon as  name:[width,height,[aliases],"code","svg path"]
        found = re.search(r'(?:"%s"|\b%s):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]'
                          % (re.escape(name), re.escape(name)), source)
        if found:
            icons[name] = [int(found.group(1)), int(found.group(2)), found.group(3)]
    template = (Path(__file__).with_name("icons.js")).read_text(encoding="utf-8")
    (out / "_static" / ICONS_JS).write_text(template.replace("/*ICONS*/{}", json.dumps(icons)), encoding="utf-8")


def _listitem_references(app, pagename, templatename, context, doctree):
    # docutils marks each reference with role="doc-biblioentry", which ARIA 1.2
    # deprecates; inside the reference list's role="list" each one is a list item.
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _no_canonical_link(app, pagename, templatename, context, doctree):
    # html_baseurl (needed for the sitemap) would add <link rel="canonical"> to the
    # published site's host on every page; the book links to no other host.
    context["pageurl"] = None


def setup(app):
    app.connect("html-page-context", _no_canonical_link)
    app.connect("html-page-context", _listitem_references)
    # Priority 900: after sphinx-thebe has added its files to the page.
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("build-finished", _write_icon_subset)
    app.add_js_file(ICONS_JS, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
