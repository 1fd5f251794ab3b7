"""Sphinx extension of the kit: the text page, checked text references, and the kit's assets.

Enable it in ``_config.yml`` (``sphinx: extra_extensions: [medialit.sphinxext]``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .. import __version__
from .alternative import AlternativeAssignmentDirective
from .answer_key import AnswerKeyDirective
from .bibstyle import register as register_bibliography_style
from .chrome import setup_chrome
from .citations_html import use_citation_list_items
from .config import CONFIG_VALUES, use_book_pack
from .contested import ContestedRole, contested_equivalent
from .corrections import CorrectionsDirective
from .directives import AnnotationTableDirective, CaseTextDirective, case_text_node
from .export_mapping import ExportMappingDirective
from .html_face import add_html_node
from .objectives import ObjectivesMapDirective
from .progress import (
    QuizCompareDirective,
    add_progress_assets,
    compare_panel,
    compare_panel_html,
    resolve_panels,
)
from .quiz import (
    QuizDirective,
    add_quiz_assets,
    fail_on_bad_banks,
    merge_bad_banks,
    purge_bad_banks,
    quiz_node,
    stage_type_scripts,
)
from .quotations import fail_on_unchecked_quotations
from .references import (
    ParagraphRole,
    QuoteRole,
    SentenceRole,
    fail_on_bad_references,
    merge_bad_references,
    purge_bad_references,
)
from .reflection import (
    ReflectionDirective,
    ReflectionViewDirective,
    add_reflection_assets,
    merge_boxes,
    purge_boxes,
    reflection_box,
    reflection_view,
    reflection_view_html,
    resolve_views,
)
from .sources import SourceDocumentsDirective
from .timeline import TimelineDirective, timeline_chart
from .weight import add_templates, prune_page_assets, slim_theme

STATIC = Path(__file__).parent / "static"


def add_static_assets(app: Sphinx) -> None:
    """CSS/JS for HTML builds only (other builders get none)."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("medialit.css")
    # Annotation layers on the text page: small, framework-free, inert on other pages.
    app.add_css_file("annotations.css")
    app.add_js_file("annotations.js", loading_method="defer")
    app.add_css_file("timeline.css")


def drop_thebe_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                      doctree) -> None:
    """Remove sphinx-thebe's scripts and stylesheet from every page.

    jupyter-book always loads sphinx-thebe. With Thebe off (``launch_buttons.thebe: false``)
    its assets do nothing useful: they name a CDN URL and, added twice, throw
    "Identifier 'THEBE_JS_URL' has already been declared" on every page.
    """
    def is_thebe(asset) -> bool:
        text = f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}"
        return "thebe" in text.lower()

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def set_theme_default_mode(app: Sphinx, config) -> None:
    """Give pydata-sphinx-theme an explicit colour mode.

    Without one the theme logs "Got invalid theme mode" on a reader's first visit.
    """
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


def _visit_math_as_text(self, node: nodes.Element) -> None:
    self.body.append(f'<code class="math-as-text">{escape(node.astext())}</code>')
    raise nodes.SkipNode


def _visit_displaymath_as_text(self, node: nodes.Element) -> None:
    self.body.append(f'<pre class="math-as-text">{escape(node.astext())}</pre>')
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    # The extension's settings (medialit_pack, ...), each declared once with type, default,
    # validator and help (sphinxext/config.py).
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types,
                             description=value.help)
    # config-inited (early, priority 300): the book's pack becomes the pack every directive,
    # role and check of this build reads, before any page is read.
    app.connect("config-inited", use_book_pack, priority=300)
    # The Sources page's pybtex style and the {cite:p} reference style, both named "medialit"
    # (_config.yml selects them); registered now, before sphinxcontrib-bibtex looks them up
    # at builder-inited.
    register_bibliography_style()
    # The kit typesets no math. This renderer shows any TeX as written, so no page ever
    # loads MathJax (which jupyter-book would otherwise fetch from a CDN).
    app.add_html_math_renderer("medialit_plain", (_visit_math_as_text, None),
                               (_visit_displaymath_as_text, None))
    # The HTML each directive writes is a node of its own (medialit.sphinxext.html_face): HTML
    # builders write it, text/LaTeX/man/Texinfo skip it and show the directive's fallback.
    for node_class in (case_text_node, timeline_chart, contested_equivalent, quiz_node,
                       compare_panel_html, reflection_box, reflection_view_html):
        add_html_node(app, node_class)
    app.add_directive("case-text", CaseTextDirective)
    app.add_directive("oped-text", CaseTextDirective)  # deprecated alias of case-text
    app.add_directive("annotation-table", AnnotationTableDirective)
    app.add_directive("timeline", TimelineDirective)
    # {source-documents}: a (fictional) pack's invented primary documents, in full.
    app.add_directive("source-documents", SourceDocumentsDirective)
    # {corrections}: the corrections log, newest first (medialit.content.corrections).
    app.add_directive("corrections", CorrectionsDirective)
    # {objectives-map}: the learning objectives with their chapters, practice and set questions.
    app.add_directive("objectives-map", ObjectivesMapDirective)
    # {alternative-assignment}: the alternative assignment and its public analytic rubric.
    app.add_directive("alternative-assignment", AlternativeAssignmentDirective)
    app.add_role("quote", QuoteRole())
    app.add_role("sentence", SentenceRole())
    app.add_role("para", ParagraphRole())
    # {contested}`term`: a contested term shown as a term under study (medialit.content.voice exempts it).
    app.add_role("contested", ContestedRole())
    app.add_directive("quiz", QuizDirective)
    # {answer-key}: a bank's or a graded set's key; used only by the instructor edition's pages.
    app.add_directive("answer-key", AnswerKeyDirective)
    # {export-mapping}: the quiz-type table of `medialit export` (medialit.export.mapping).
    app.add_directive("export-mapping", ExportMappingDirective)
    # {quiz-compare}: a learner's pre-check and post-check scores per skill (medialit.quiz.forms).
    app.add_node(compare_panel)
    app.add_directive("quiz-compare", QuizCompareDirective)
    # doctree-resolved: every page has been read, so the pages embedding each bank are known.
    app.connect("doctree-resolved", resolve_panels)
    # {reflection}: a learner's note kept in the browser; {reflection-view} shows it read-only
    # elsewhere, joined to its box at doctree-resolved (every page read, wherever the box moved).
    app.add_directive("reflection", ReflectionDirective)
    app.add_node(reflection_view)
    app.add_directive("reflection-view", ReflectionViewDirective)
    app.connect("doctree-resolved", resolve_views)
    app.connect("env-purge-doc", purge_boxes)
    app.connect("env-merge-info", merge_boxes)
    # builder-inited: the builder exists, so we know whether it writes HTML.
    app.connect("builder-inited", add_static_assets)
    # builder-inited: each question type's script, from beside its module, among the static files.
    app.connect("builder-inited", stage_type_scripts)
    app.connect("config-inited", set_theme_default_mode)
    # Light pages (medialit.sphinxext.weight): the kit's layout.html (no icon script, no search
    # index outside the search page), each page's assets by its content, the theme's stylesheet
    # and icon font cut to what the pages use.
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", prune_page_assets, priority=600)
    app.connect("build-finished", slim_theme)
    # The header (medialit.sphinxext.chrome): theme options jupyter-book drops, the download
    # menu without prose pages' .md, a title that is not doubled.
    setup_chrome(app)
    # builder-inited, late (priority 900): pydata-sphinx-theme sets its translator at the default
    # priority; the citation-list fix wraps whichever translator is then in place.
    app.connect("builder-inited", use_citation_list_items, priority=900)
    # html-page-context, priority 400 (before drop_thebe_assets, which copies the asset lists):
    # the page body is known, so only pages holding a quiz get its JS/CSS.
    app.connect("html-page-context", add_quiz_assets, priority=400)
    # Same event and priority: the progress panel's JS/CSS only on pages that hold a panel.
    app.connect("html-page-context", add_progress_assets, priority=400)
    # Same event and priority: the reflection script/style only on pages with a box or a view.
    app.connect("html-page-context", add_reflection_assets, priority=400)
    # html-page-context: the page's asset lists are final here, just before the template runs.
    app.connect("html-page-context", drop_thebe_assets)
    # Bad references are kept in the environment so an incremental build still fails
    # until the page is fixed; purge/merge keep them right per document and in parallel reads.
    app.connect("env-purge-doc", purge_bad_references)
    app.connect("env-merge-info", merge_bad_references)
    # build-finished: after every page is written, fail the build if any reference was bad.
    app.connect("build-finished", fail_on_bad_references)
    # Bad question banks: kept per document the same way, and fail the build at the end.
    app.connect("env-purge-doc", purge_bad_banks)
    app.connect("env-merge-info", merge_bad_banks)
    app.connect("build-finished", fail_on_bad_banks)
    # build-finished, too: a quotation that cites an entry whose words were never checked
    # (status unverified or none in references.bib) fails the build (medialit.checks.quotations).
    app.connect("build-finished", fail_on_unchecked_quotations)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
