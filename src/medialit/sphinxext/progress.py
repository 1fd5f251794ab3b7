"""The ``{quiz-compare}`` directive: a learner's own pre-check and post-check scores, per skill.

````md
```{quiz-compare} questions/precheck.yml questions/postcheck.yml
```
````

The two arguments are banks (paths relative to the page) that are parallel forms
(:mod:`medialit.quiz.forms`; checked here, so a non-parallel pair fails the build). Each bank
must be embedded with ``{quiz}`` on exactly one page of the book: that page's stored progress is
what the panel reads. HTML builds get a table (skills x forms) plus, as JSON, each form's page
link and its question ids per skill; ``medialit-progress.js`` (added only to pages with a panel)
fills the cells from the quiz engine's localStorage entries. Nothing is fetched or sent. Other
builders get a list with blanks to fill in by hand.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..quiz.errors import BankError
from ..quiz.forms import check_parallel, skill_items
from ..quiz.html import script_json
from ..quiz.i18n import catalogue, message, use_language
from ..quiz.loader import load_bank
from .config import quiz_language
from .html_face import html_face
from .quiz import BANKS_KEY, ENV_KEY

logger = logging.getLogger(__name__)
ASSETS = ("medialit-progress.js", "medialit-progress.css")
MARKER = 'class="mlq-compare"'
FORM_LABELS = ("compare_before", "compare_after")


class compare_panel(nodes.General, nodes.Element):
    """Placeholder until every page is read: then the pages of the two banks are known."""


class compare_panel_html(html_face):
    """The resolved panel: table and data for the script (HTML builds; others get the text
    face)."""


class QuizCompareDirective(SphinxDirective):
    required_arguments = 2
    has_content = False

    def run(self) -> list[nodes.Node]:
        here = Path(self.env.doc2path(self.env.docname)).parent
        paths = [(here / rel).resolve() for rel in self.arguments]
        for path in paths:
            self.env.note_dependency(str(path))
        try:
            before, after = (load_bank(p) for p in paths)
            check_parallel(before, after)
        except (BankError, FileNotFoundError) as exc:
            return self.report(str(exc))
        forms = [{"bank": str(bank.path), "items": skill_items(bank)} for bank in (before, after)]
        node = compare_panel()
        node["skills"] = dict(before.skills)
        node["forms"] = forms
        self.set_source_info(node)
        return [node]

    def report(self, text: str) -> list[nodes.Node]:
        source, line = self.get_source_info()
        logger.error(f"bad pre/post-check banks: {text}", location=(self.env.docname, line),
                     type="medialit", subtype="quiz")
        self.env.__dict__.setdefault(ENV_KEY, {}).setdefault(self.env.docname, []).append(
            f"{source}:{line}: {{quiz-compare}} {' '.join(self.arguments)}:\n{text}")
        return [nodes.problematic(self.block_text, self.block_text)]


def page_of_bank(env, bank: str) -> list[str]:
    """The documents that embed ``bank`` with ``{quiz}`` (sorted)."""
    return sorted(doc for doc, banks in env.__dict__.get(BANKS_KEY, {}).items() if bank in banks)


def _label(href: str, text: str) -> str:
    """A column head: a link to the form's page, or plain text on that page itself."""
    return escape(text) if href == "#" else f'<a href="{escape(href)}">{escape(text)}</a>'


def panel_html(skills: dict[str, str], forms: list[dict]) -> str:
    """The table (headers, one row per skill, a total row) and the data the script reads."""
    strings = {k: v for k, v in catalogue().items() if k.startswith("compare_")}
    data = {"strings": strings, "skills": skills,
            "forms": [{"href": f["href"], "items": f["items"]} for f in forms]}
    heads = "".join(f'<th scope="col">{_label(f["href"], message(label))}</th>'
                    for f, label in zip(forms, FORM_LABELS))
    heads += f'<th scope="col">{escape(message("compare_gain_head"))}</th>'
    blank = "".join(f'<td data-mlq-form="{i}">—</td>' for i in range(len(forms)))
    blank += '<td data-mlq-gain="">—</td>'
    rows = "".join(f'<tr data-mlq-skill="{escape(slug)}"><th scope="row">{escape(label)}</th>'
                   f'{blank}</tr>' for slug, label in skills.items())
    rows += (f'<tr class="mlq-compare-total" data-mlq-skill=""><th scope="row">'
             f'{escape(message("compare_all"))}</th>{blank}</tr>')
    return (f'<section class="mlq-compare" aria-label="{escape(message("compare_caption"))}">'
            f'<script type="application/json" class="mlq-compare-data">{script_json(data)}'
            f'</script><table class="table mlq-compare-table"><caption>'
            f'{escape(message("compare_caption"))}</caption><thead><tr><th scope="col">'
            f'{escape(message("compare_skill"))}</th>{heads}</tr></thead><tbody>{rows}</tbody>'
            f'</table><p class="mlq-compare-noscript">{escape(message("compare_no_script"))}</p>'
            f'<p class="mlq-compare-print">{escape(message("compare_print"))}</p></section>')


def text_face(skills: dict[str, str], forms: list[dict]) -> list[nodes.Node]:
    """For print and other builders: one line per skill with blanks to fill in."""
    items = nodes.bullet_list()
    for slug, label in skills.items():
        parts = [f"{message(name)}: ____ of {len(f['items'][slug])}"
                 for f, name in zip(forms, FORM_LABELS)]
        parts.append(f"{message('compare_gain_head')}: ____ "
                     f"({len(forms[-1]['items'][slug])} items)")
        items += nodes.list_item("", nodes.paragraph(text=f"{label} — " + "; ".join(parts)))
    return [nodes.paragraph(text=message("compare_caption")), items]


def resolve_panels(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each panel by its HTML (or text face), now that every bank's page is known."""
    for node in list(doctree.findall(compare_panel)):
        forms = []
        for form in node["forms"]:
            pages = page_of_bank(app.env, form["bank"])
            if len(pages) != 1:
                logger.error(f"{{quiz-compare}}: {form['bank']} must be embedded with {{quiz}} on "
                             f"exactly one page, found {pages or 'none'}", location=node,
                             type="medialit", subtype="quiz")
                node.replace_self([])
                break
            href = (app.builder.get_relative_uri(docname, pages[0])
                    if app.builder.format == "html" else pages[0])
            forms.append({"href": href or "#", "items": form["items"]})
        else:
            with use_language(*quiz_language(app.config, app.srcdir)):  # Sphinx's `language`, as the quizzes
                if app.builder.format == "html":
                    node.replace_self(compare_panel_html("", panel_html(node["skills"], forms)))
                else:
                    node.replace_self(text_face(node["skills"], forms))


def add_progress_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree) -> None:
    """The panel's JS/CSS go only to pages that hold a panel."""
    if app.builder.format != "html" or MARKER not in (context.get("body") or ""):
        return
    app.add_css_file(ASSETS[1])
    app.add_js_file(ASSETS[0], loading_method="defer")
