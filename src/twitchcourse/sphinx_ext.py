"""A small Sphinx extension for the book, listed in _config.yml: fixes to what the
tools put on each page.

Jupyter Book 1 always loads sphinx-thebe, even with thebe off. It then puts the
same inline script on a page twice, which stops the page with "Identifier
'THEBE_JS_URL' has already been declared" and names a script on another site.
The course runs no live code in the book, so thebe's files are dropped.
"""


def _without_thebe(assets):
    def text(asset):
        return f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}"
    return [asset for asset in assets if "thebe" not in text(asset).lower()]


def _drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = _without_thebe(context[key])


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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
