"""A small Sphinx extension for the book, listed in _config.yml: fixes to what the
tools put on each page, and the build steps that keep every page fast on a phone.

Jupyter Book 1 always loads sphinx-thebe, even with thebe off. It then puts the
same inline script on a page twice, which stops the page with "Identifier
'THEBE_JS_URL' has already been declared" and names a script on another site.
The course runs no live code in the book, so thebe's files are dropped.

Chapters write their sources and glossary words as Markdown links that JupyterLab can
follow (sources.py); as the book reads a page it turns them into {cite} and {term} roles.

Speed (the budget is in budget.py, checked at the end of every build):
- Each page loads one stylesheet: every stylesheet of the theme and extensions,
  merged and cut by PurgeCSS (npm) to the rules the built pages and scripts use.
- Font Awesome's script (1.5 MB) and webfonts (which hold text back while they
  load) are not used: the twenty-odd icons the pages use are drawn as inline SVG
  at build time, from the theme's own copy of Font Awesome.
- Every script is deferred; the search scripts and index load on the search page
  only (book/_templates/layout.html); scripts for things the page does not show
  (copy buttons, toggles, tabs) are left off.
- Pictures the notebooks embed as data: URIs become files with width and height,
  loaded when the reader scrolls to them; so does the diary summary's iframe.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError

from twitchcourse import budget, sources

ROOT = Path(__file__).resolve().parents[2]
SITE_CSS = "twitchcourse-site.css"
PURGE = Path(__file__).with_name("purge.cjs")
STYLESHEETS: dict = {}  # app: {stylesheet the theme and extensions put on a page: None}, in order
# Scripts a page needs only when it shows the thing they work on.
NEEDED_ONLY_FOR = {"copybutton.js": 'class="highlight', "clipboard.min.js": 'class="highlight',
                   "togglebutton.js": "toggle", "design-tabs.js": "sd-tab-set"}


def _without_thebe(assets):
    def text(asset):
        return f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}"
    return [asset for asset in assets if "thebe" not in text(asset).lower()]


def _drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = _without_thebe(context[key])


def _one_stylesheet_deferred_scripts(app, pagename, templatename, context, doctree):
    """Link the one merged stylesheet; keep only the scripts this page uses, all deferred."""
    if "css_files" not in context:
        return
    # Sphinx's own asset classes; private, so a Sphinx upgrade that moves them fails the build here.
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    # Remembered on the app, not the environment (which is saved before pages are written);
    # search.html is written on every build, with every stylesheet.
    for css in context["css_files"]:
        STYLESHEETS.setdefault(app, {})[css.filename] = None
    context["css_files"] = [_CascadingStyleSheet(f"_static/{SITE_CSS}")]

    body = context.get("body", "")
    scripts = []
    for js in context["script_files"]:
        name = Path(str(js.filename or "")).name
        inline = js.attributes.get("body", "")
        if name in NEEDED_ONLY_FOR and NEEDED_ONLY_FOR[name] not in body:
            continue
        if "toggle" in inline and "toggle" not in body:  # togglebutton.js's settings
            continue
        if name == "documentation_options.js":
            # Inline scripts on the page read DOCUMENTATION_OPTIONS as the page is parsed.
            scripts.append(_JavaScript(None, priority=js.priority, body=app.builder.templates.render_string(
                _documentation_options_template(), context).strip()))
        elif js.filename:
            attributes = {k: v for k, v in js.attributes.items() if k not in ("async", "defer")}
            scripts.append(_JavaScript(js.filename, priority=js.priority, defer="defer", **attributes))
        else:
            scripts.append(js)
    context["script_files"] = scripts


def _documentation_options_template() -> str:
    import sphinx
    return (Path(sphinx.__file__).parent / "themes/basic/static/documentation_options.js.jinja").read_text()


def _listitem_references(app, pagename, templatename, context, doctree):
    # docutils marks each reference with role="doc-biblioentry", which ARIA 1.2
    # deprecates; inside the reference list's role="list" each one is a list item.
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _no_canonical_link(app, pagename, templatename, context, doctree):
    # html_baseurl (needed for the sitemap) would add <link rel="canonical"> to the
    # published site's host on every page; the book links to no other host.
    context["pageurl"] = None


# ---------------------------------------------------------------- after the build

def _icons(out: Path) -> dict:
    """Font Awesome's icons, as {name: (width, height, svg path)}, from the theme's copy."""
    source = (out / "_static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    # Font Awesome stores an icon as  name:[width,height,[aliases],"code","svg path"]
    return {m.group(1).strip('"'): (m.group(2), m.group(3), m.group(4)) for m in re.finditer(
        r'("[a-z0-9-]+"|\b[a-z0-9]+):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]', source)}


ICON_TAG = re.compile(r'<(i|span) class="([^"]*\bfa-[^"]*)"([^>]*)>\s*</\1>')


def _draw_icons(text: str, icons: dict, page: str) -> str:
    def svg(match):
        classes, attributes = match.group(2), match.group(3)
        names = [c[3:] for c in classes.split() if c.startswith("fa-") and c[3:] in icons]
        if not names:
            raise ExtensionError(f"{page}: no Font Awesome icon for <{match.group(1)} class=\"{classes}\">")
        width, height, path = icons[names[-1]]
        attributes = re.sub(r'\s(title|aria-hidden)="[^"]*"', "", attributes)
        return (f'<svg class="{classes} svg-inline--fa"{attributes} viewBox="0 0 {width} {height}" '
                f'aria-hidden="true" focusable="false"><path fill="currentColor" d="{path}"/></svg>')
    return ICON_TAG.sub(svg, text)


def _size(data: bytes, kind: str):
    """Width and height of a PNG or SVG picture, for <img width height> (no layout shift)."""
    if kind == "png":
        return struct.unpack(">II", data[16:24])
    head = data[:2000].decode("utf-8", "replace")
    box = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', head)
    width, height = re.search(r'<svg[^>]*\bwidth="([\d.]+)', head), re.search(r'<svg[^>]*\bheight="([\d.]+)', head)
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    if box:
        return round(float(box.group(1))), round(float(box.group(2)))
    raise ExtensionError("an SVG picture has neither width and height nor a viewBox")


def _pictures_as_files(text: str, page: Path, out: Path) -> str:
    """data: pictures and iframe srcdoc become files in _images, loaded lazily, with their size."""
    folder = out / "_images"
    folder.mkdir(exist_ok=True)
    prefix = "../" * (len(page.relative_to(out).parts) - 1)

    def save(data: bytes, suffix: str) -> str:
        name = f"tc-{hashlib.sha1(data).hexdigest()[:12]}.{suffix}"
        (folder / name).write_bytes(data)
        return f"{prefix}_images/{name}"

    def image(match):
        tag = match.group(0)
        found = re.search(r'src="data:image/(png|svg\+xml);base64,([^"]+)"', tag)
        if found:
            kind = "png" if found.group(1) == "png" else "svg"
            data = base64.b64decode(found.group(2))
            tag = tag.replace(found.group(0), f'src="{save(data, kind)}"')
        elif " width=" not in tag:
            src = re.search(r'src="([^"]+)"', tag).group(1).split("?")[0]
            if "://" in src or src.startswith("//"):
                return tag  # the budget check reports it
            data, kind = (page.parent / src).read_bytes(), Path(src).suffix.lstrip(".")
        if " width=" not in tag:
            width, height = _size(data, kind)
            tag = tag.replace("<img ", f'<img width="{width}" height="{height}" ', 1)
        if " loading=" not in tag:
            tag = tag.replace("<img ", '<img loading="lazy" decoding="async" ', 1)
        return tag

    def frame(match):
        # The document's pictures become files too: the diary summary repeats the page's
        # charts, which the reader's browser then already has.
        document = _pictures_as_files(html.unescape(match.group(1)), folder / "frame.html", out)
        return f'src="{save(document.encode("utf-8"), "html")}" loading="lazy"'

    text = re.sub(r"<img\s[^>]*>", image, text)
    return re.sub(r'srcdoc="([^"]*)"', frame, text)


def _site_stylesheet(app, out: Path) -> None:
    """Merge every stylesheet, cut it to the rules the pages use (PurgeCSS), drop webfonts."""
    static = out / "_static"
    if app not in STYLESHEETS and (static / SITE_CSS).is_file():
        return  # Sphinx wrote no page ("no targets are out of date"): the stylesheet is current
    order = ["styles/theme.css", "styles/pydata-sphinx-theme.css",
             *[s.removeprefix("_static/") for s in STYLESHEETS.get(app, {})]]
    merged = []
    for name in dict.fromkeys(order):
        css = (static / name).read_text(encoding="utf-8")
        # theme.css only @imports basic.css: take the file instead of a second request.
        css = re.sub(r'@import\s+"\.\./basic\.css";?', lambda m: (static / "basic.css").read_text(), css)
        merged.append(f"/* {name} */\n{css}")
    whole = out / "_static" / "twitchcourse-all.css"
    whole.write_text("\n".join(merged), encoding="utf-8")
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "purgecss").is_dir():
        raise ExtensionError("The book build needs Node.js and PurgeCSS: run `npm install` "
                             "(`make book` does it) in " + str(ROOT))
    pages = budget.pages(out)
    # The scripts the pages load add classes too; bootstrap.js is left out (see purge.cjs).
    scripts = {(page.parent / src).resolve() for page in pages
               for src in re.findall(r'<script[^>]*\ssrc="([^"?]+)', page.read_text(encoding="utf-8"))}
    content = [str(p) for p in pages] + [str(p) for p in scripts if p.name != "bootstrap.js"]
    result = subprocess.run([node, str(PURGE), str(whole), json.dumps(content)],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise ExtensionError(f"PurgeCSS failed: {result.stderr[-2000:]}")
    css = re.sub(r"@font-face\s*{[^}]*}", "", result.stdout)  # no webfonts: icons are SVG
    css = re.sub(r"/\*(?!!).*?\*/", "", css, flags=re.S)  # comments, but not /*! licence notices */
    (static / SITE_CSS).write_text(css, encoding="utf-8")
    whole.unlink()


def _finish(app, exception):
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    icons = _icons(out)
    for page in budget.pages(out):
        text = page.read_text(encoding="utf-8")
        text = _pictures_as_files(_draw_icons(text, icons, page.name), page, out)
        page.write_text(text, encoding="utf-8")
    _site_stylesheet(app, out)
    version = hashlib.sha1((out / "_static" / SITE_CSS).read_bytes()).hexdigest()[:8]
    for page in budget.pages(out):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(rf'({SITE_CSS})(\?v=[0-9a-f]+)?"', rf'\1?v={version}"', text), encoding="utf-8")
    problems = budget.check(out)
    if problems:
        raise ExtensionError("The built book breaks its speed budget (see src/twitchcourse/budget.py):\n  "
                             + "\n  ".join(problems))


def _book_roles(app, docname, source):
    source[0] = sources.book_roles(source[0])


def setup(app):
    app.connect("source-read", _book_roles)
    app.connect("html-page-context", _no_canonical_link)
    app.connect("html-page-context", _listitem_references)
    # Priority 900: after sphinx-thebe has added its files to the page.
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _one_stylesheet_deferred_scripts, priority=950)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
