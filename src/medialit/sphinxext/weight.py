"""Light pages (issue 16 §1): each page loads what it uses, and the theme's icons cost kilobytes.

Three steps, all inside the build (``benchmarks/pages.py`` prints what they save):

- **Templates** (``templates/layout.html``): the theme's layout without Font Awesome's 1.49 MB
  "SVG with JavaScript" script (the icons are drawn by the theme's own icon font instead,
  which its stylesheet already declares) and without Sphinx's search scripts and 118 KB
  search index on every page: the theme loads them everywhere only for "search as you
  type", which is off; the search page loads them itself.
- **Per page** (:func:`prune_page_assets`, ``html-page-context``): a stylesheet or script that
  serves one kind of content (sphinx-design, notebook cells, highlighted code and its copy
  button, toggle buttons) is dropped from a page that has none of it.
- **After the build** (:func:`slim_theme`, ``build-finished``): the theme's stylesheets (and
  Sphinx's basic.css, sphinx-design's and Pygments') keep only the rules whose class names
  occur in some built page or script (the rest are Font Awesome's ~2,000 unused icon rules
  and unused Bootstrap components), and its icon font is
  cut to the glyphs the remaining rules can show (fontTools, WOFF). The 1.49 MB script and the
  full fonts are removed from the output. Then the theme's stylesheet drops the custom
  properties nothing reads (:func:`purge_custom_properties`: Bootstrap's ``--bs-pink`` and
  kin, about 15 KB of the 109 KB that every page must load before it can paint).

Conservative by construction: a rule stays when each of its class names appears anywhere, as
a word, in any page or script of the output (so a class a script adds by name is kept), and
classes Bootstrap composes at run time (``bs-tooltip-auto``) are kept by prefix.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
BOOK_CSS = Path("_static/styles/sphinx-book-theme.css")
# Other stylesheets of the theme and of Sphinx's extensions, purged where the build wrote them
# (each is copied afresh on every build). The kit's own stylesheets are left whole: the
# quiz and annotation scripts compose some of their class names.
PURGED_IN_PLACE = (BOOK_CSS, Path("_static/basic.css"), Path("_static/sphinx-design.min.css"),
                   Path("_static/pygments.css"))
FA_DIR = Path("_static/vendor/fontawesome/webfonts")
SOLID_SUBSET = "fa-solid-subset.woff"
REMOVED = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map",
           "_static/scripts/fontawesome.js.LICENSE.txt",
           "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2",
           "_static/vendor/fontawesome/webfonts/fa-solid-900.ttf")
# Classes Bootstrap builds from parts at run time ("bs-" + "tooltip" + "-auto").
KEEP_PREFIXES = ("bs-",)

# asset file name (substring) -> what in the page body needs it
CONTENT_ASSETS = {
    "sphinx-design.min.css": ("sd-",),
    "design-tabs.js": ("sd-tab",),
    "mystnb.": ("cell_output", 'class="cell', "cell_input", "output text_"),
    "pygments.css": ('class="highlight',),
    "copybutton": ('class="highlight',),
    "clipboard.min.js": ('class="highlight',),
    "togglebutton": ('class="toggle', " toggle ", ' toggle"', " dropdown"),
    "annotations.js": ("oped-annotated", '<article class="oped"'),
    "annotations.css": ('class="oped', 'class="ann', " ann-", '"oped ', ' class="oped'),
    "timeline.css": ('class="timeline-', 'class="tl-'),
}
# The quiz scripts (medialit-quiz*.js and anything under a quiz folder): fetched at high
# priority and run first among the deferred scripts, so quizzes start without waiting for the
# rest (issue 16 §1: interactive within 2 s on a 1.6 Mbps link).
QUIZ_SCRIPT = re.compile(r"(^|/)(medialit-quiz[^/]*\.js|quiz/[^/]+\.js)$")
# inline scripts that only configure an asset above (body text -> asset)
INLINE_FOR = {"toggleHint": "togglebutton", "togglebuttonSelector": "togglebutton",
              "toggleOpenOnPrint": "togglebutton"}


def add_templates(app: Sphinx, config) -> None:
    """config-inited: the kit's layout.html overrides the theme's (it extends it)."""
    config.templates_path = [str(TEMPLATES), *list(config.templates_path or [])]


def _asset_name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def prune_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                      doctree) -> None:
    """Drop the stylesheets and scripts of content kinds this page does not have."""
    if app.builder.format != "html":
        return
    body = context.get("body") or ""  # "" on genindex and search: none of these kinds
    unused = {name for name, markers in CONTENT_ASSETS.items()
              if not any(marker in body for marker in markers)}

    def needed(asset) -> bool:
        name = _asset_name(asset)
        if any(key in name for key in unused):
            return False
        text = getattr(asset, "attributes", {}).get("body", "") if not name else ""
        return not any(marker in text and INLINE_FOR[marker] in unused for marker in INLINE_FOR)

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if needed(asset)]
    if "script_files" in context:
        context["script_files"] = quiz_scripts_first(context["script_files"])


def quiz_scripts_first(scripts: list) -> list:
    """The quiz scripts at high fetch priority, ahead of the other deferred scripts (their
    order among themselves kept). Scripts that are not deferred keep their place before them:
    deferred scripts run after parsing whatever their place, so only their order changes."""
    from sphinx.builders.html._assets import _JavaScript

    quiz, rest = [], []
    for asset in scripts:
        name = _asset_name(asset).split("?")[0]
        if QUIZ_SCRIPT.search(name) and isinstance(asset, _JavaScript):
            attributes = {**asset.attributes, "fetchpriority": "high"}
            quiz.append(_JavaScript(asset.filename, priority=asset.priority, **attributes))
        else:
            rest.append(asset)
    if not quiz:
        return scripts
    first_deferred = next((i for i, a in enumerate(rest)
                           if "defer" in getattr(a, "attributes", {})), len(rest))
    return rest[:first_deferred] + quiz + rest[first_deferred:]


# -- the theme's stylesheet ---------------------------------------------------------------
WORD = re.compile(r"[A-Za-z_][\w-]*")
CLASS = re.compile(r"\.(-?[A-Za-z_](?:[\w-]|\\.)*)")
PARENS = re.compile(r"\([^()]*\)")
PUA_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})")


def used_words(outdir: Path) -> set[str]:
    """Every word of every built page and script (the lite/ app aside): class names live here."""
    words: set[str] = set()
    for path in outdir.rglob("*"):
        if path.suffix not in (".html", ".js") or not path.is_file():
            continue
        rel = path.relative_to(outdir).parts
        if rel[0] in ("lite", "_sources") or path.name.startswith("fontawesome"):
            continue
        words.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def split_selectors(prelude: str) -> list[str]:
    """``a, b:is(c, d)`` -> ``["a", "b:is(c, d)"]``: commas at the top level only."""
    parts, depth, start, quote = [], 0, 0, ""
    for i, ch in enumerate(prelude):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def selector_used(selector: str, words: set[str]) -> bool:
    # Classes inside :not(), :is(), :where(), :has() need not match for the selector to match.
    bare = selector
    while PARENS.search(bare):
        bare = PARENS.sub("", bare)
    bare = re.sub(r"\[[^\]]*\]", "", bare)  # attribute selectors: values are not classes
    for name in CLASS.findall(bare):
        if "\\" in name or name.startswith(KEEP_PREFIXES):
            continue
        if name not in words:
            return False
    return True


def purge_css(css: str, words: set[str]) -> str:
    """The stylesheet with only the rules some page can use (see the module docstring)."""
    import tinycss2

    def rules(nodes) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                kept = [s for s in split_selectors(tinycss2.serialize(node.prelude))
                        if selector_used(s, words)]
                if kept:
                    out.append(",".join(kept) + "{" + tinycss2.serialize(node.content).strip()
                               + "}")
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports",
                                                                     "layer", "container"):
                if node.content is None:
                    out.append(tinycss2.serialize([node]))
                    continue
                inner = rules(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                                       skip_whitespace=True))
                if inner:
                    out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}"
                               "{" + "".join(inner) + "}")
            elif node.type == "at-rule":
                out.append(tinycss2.serialize([node]))
        return out

    sheet = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(rules(sheet)) + "\n"


CUSTOM_REF = re.compile(r"var\(\s*(--[A-Za-z_][\w-]*)")
CUSTOM_NAME = re.compile(r"--[A-Za-z_][\w-]*")


def referenced_properties(outdir: Path, skip: Path) -> set[str]:
    """Custom properties something outside ``skip`` can read: a ``var()`` in another built
    stylesheet, or the name written in a page or script (an inline style, a script that sets
    or reads it)."""
    names: set[str] = set()
    for path in outdir.rglob("*"):
        if path.suffix not in (".html", ".js", ".css") or not path.is_file() or path == skip:
            continue
        rel = path.relative_to(outdir).parts
        if rel[0] in ("lite", "_sources") or path.name.startswith("fontawesome"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        names.update(CUSTOM_REF.findall(text) if path.suffix == ".css"
                     else CUSTOM_NAME.findall(text))
    return names


def purge_custom_properties(css: str, referenced: set[str]) -> str:
    """The stylesheet without the custom properties (``--bs-pink: ...``) nothing reads.

    A property is read when ``referenced`` names it (see :func:`referenced_properties`) or a
    declaration this stylesheet keeps uses it in a ``var()``; the values of kept custom
    properties count too, so the set grows until it stops changing. Only ``--`` declarations
    are ever dropped."""
    import tinycss2

    def declarations(nodes):
        for node in nodes:
            if node.type == "qualified-rule":
                yield from (d for d in tinycss2.parse_declaration_list(
                    node.content, skip_comments=True, skip_whitespace=True)
                    if d.type == "declaration")
            elif node.type == "at-rule" and node.content is not None and \
                    node.lower_at_keyword in ("media", "supports", "layer", "container"):
                yield from declarations(tinycss2.parse_rule_list(
                    node.content, skip_comments=True, skip_whitespace=True))

    sheet = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    custom: dict[str, list[str]] = {}
    used = set(referenced)
    for decl in declarations(sheet):
        value = tinycss2.serialize(decl.value)
        if decl.name.startswith("--"):
            custom.setdefault(decl.name, []).append(value)
        else:
            used.update(CUSTOM_REF.findall(value))
    frontier = list(used)
    while frontier:
        name = frontier.pop()
        for value in custom.get(name, ()):
            for ref in CUSTOM_REF.findall(value):
                if ref not in used:
                    used.add(ref)
                    frontier.append(ref)

    def kept(content) -> str:
        parts = []
        for decl in tinycss2.parse_declaration_list(content, skip_comments=True,
                                                    skip_whitespace=True):
            if decl.type != "declaration":
                parts.append(tinycss2.serialize([decl]).strip())
            elif not decl.name.startswith("--") or decl.name in used:
                important = "!important" if decl.important else ""
                parts.append(f"{decl.name}:{tinycss2.serialize(decl.value).strip()}{important}")
        return ";".join(parts)

    def rules(nodes) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                body = kept(node.content)
                if body:
                    out.append(tinycss2.serialize(node.prelude).strip() + "{" + body + "}")
            elif node.type == "at-rule" and node.content is not None and \
                    node.lower_at_keyword in ("media", "supports", "layer", "container"):
                inner = rules(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                                       skip_whitespace=True))
                if inner:
                    out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}"
                               "{" + "".join(inner) + "}")
            else:
                out.append(tinycss2.serialize([node]))
        return out

    return "".join(rules(sheet)) + "\n"


def icon_codepoints(*css_texts: str) -> set[int]:
    """Private-use code points (Font Awesome's glyphs) any of these stylesheets can show."""
    points: set[int] = set()
    for text in css_texts:
        for match in PUA_ESCAPE.finditer(text):
            value = int(match.group(1), 16)
            if 0xE000 <= value <= 0xF8FF:
                points.add(value)
        points.update(ord(ch) for ch in text if 0xE000 <= ord(ch) <= 0xF8FF)
    return points


def subset_font(source: Path, target: Path, codepoints: set[int]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def theme_sources(app: Sphinx) -> tuple[Path, Path]:
    import pydata_sphinx_theme

    static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return static / "styles" / "pydata-sphinx-theme.css", static / "vendor" / "fontawesome" / \
        "webfonts" / "fa-solid-900.ttf"


def slim_theme(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: purge the theme's stylesheet, cut its icon font, drop the icon script."""
    if exception is not None or app.builder.format != "html" or \
            app.config.html_theme != "sphinx_book_theme":
        return
    outdir = Path(app.outdir)
    css_source, font_source = theme_sources(app)
    if not (outdir / THEME_CSS).is_file() or not font_source.is_file():
        return
    words = used_words(outdir)
    css = purge_css(css_source.read_text(encoding="utf-8"), words)
    for rel in PURGED_IN_PLACE:
        if (outdir / rel).is_file():
            path = outdir / rel
            path.write_text(purge_css(path.read_text(encoding="utf-8"), words), encoding="utf-8")
            path.with_suffix(".css.map").unlink(missing_ok=True)
    book_css = (outdir / BOOK_CSS).read_text(encoding="utf-8") if (outdir / BOOK_CSS).is_file() else ""
    points = icon_codepoints(css, book_css)
    font_path = outdir / FA_DIR / SOLID_SUBSET
    subset_font(font_source, font_path, points)
    digest = hashlib.sha256(font_path.read_bytes()).hexdigest()[:12]
    css, count = re.subn(
        r"src:url\(\.\./vendor/fontawesome/webfonts/fa-solid-900\.woff2\) format\(\"woff2\"\),"
        r"url\(\.\./vendor/fontawesome/webfonts/fa-solid-900\.ttf\) format\(\"truetype\"\)",
        f'src:url(../vendor/fontawesome/webfonts/{SOLID_SUBSET}?v={digest}) format("woff")', css)
    if count != 1:
        logger.warning("medialit: the theme's solid icon font was not found in its stylesheet; "
                       "icons keep the full font", type="medialit", subtype="weight")
        return
    css = purge_custom_properties(css, referenced_properties(outdir, outdir / THEME_CSS))
    (outdir / THEME_CSS).write_text(css, encoding="utf-8")
    (outdir / THEME_CSS).with_suffix(".css.map").unlink(missing_ok=True)
    for removed in REMOVED:
        (outdir / removed).unlink(missing_ok=True)
    logger.info(f"medialit: theme stylesheet {css_source.stat().st_size:,} -> {len(css):,} "
                f"bytes; icon font cut to {len(points)} glyphs "
                f"({font_path.stat().st_size:,} bytes)")
