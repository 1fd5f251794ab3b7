"""The ``{timeline}`` directive: the case timeline from ``medialit/data/timeline.yml``.

Options: ``:part: before`` (events up to the text), ``after`` (what happened after it) or
``all`` (default); ``:chart:`` adds the SVG chart (HTML builds only), whose long description
is the numbered list that follows it. List numbers match the chart's marks. ``:part: unchecked``
lists instead the known losses of both peoples that the kit has not yet sourced
(``not_yet_checked`` in the file): what is missing for each, never drawn as an event.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..content.timeline import TimelineError, load_timeline
from ..content.timeline_svg import timeline_svg
from ..text.case import load_text, sentence_anchor
from ..text.typography import in_double_quotes
from .config import pack_bib
from .html_face import html_face
from .references import _xref, label_for


class timeline_chart(html_face):
    """The SVG chart in its figure (inside an ``only`` html node)."""


class TimelineDirective(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict] = {"part": lambda v: directives.choice(
        v, ("before", "after", "all", "unchecked")),
                                   "chart": directives.flag}

    def run(self) -> list[nodes.Node]:
        bib = pack_bib(self.env.srcdir)
        try:
            timeline = load_timeline(bib=bib or False)
        except TimelineError as exc:
            raise self.error(f"timeline: {exc}") from None
        self.env.note_dependency(timeline.path)
        part = self.options.get("part", "all")
        if part == "unchecked":
            return [self._unchecked(timeline)]
        events = {"before": timeline.before, "after": timeline.after}.get(
            part, lambda: list(timeline.events))()
        list_id = f"timeline-events-{part}"
        result: list[nodes.Node] = []
        if "chart" in self.options:
            only = addnodes.only(expr="html")
            svg = timeline_svg(timeline, described_by=list_id)
            only += timeline_chart("", '<figure class="timeline-figure" tabindex="0" aria-label='
                                   '"Timeline chart (on a narrow screen it scrolls sideways)">'
                                   + svg + "</figure>")
            result.append(only)
        items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".",
                                      classes=["timeline-list"], ids=[list_id])
        if events:
            items["start"] = timeline.number(events[0])
        for event in events:
            items += self._item(event)
        result.append(items)
        return result

    def _unchecked(self, timeline) -> nodes.Node:
        if not timeline.unchecked:
            return nodes.paragraph(text="The file lists no known gaps.")
        items = nodes.bullet_list(classes=["timeline-unchecked"])
        for gap in timeline.unchecked:
            entry = nodes.list_item(ids=[f"unchecked-{gap.id}"])
            para = nodes.paragraph()
            para += nodes.strong("", gap.start.label())
            para += nodes.Text(f" — {gap.title} ({gap.losses} losses). Not yet checked: "
                               f"{gap.missing}")
            entry += para
            items += entry
        return items

    def _cites(self, keys) -> list[nodes.Node]:
        cite_nodes, messages = self.state.inline_text("{cite:p}`" + ",".join(keys) + "`",
                                                      self.lineno)
        return [*cite_nodes, *messages]

    def _item(self, event) -> nodes.list_item:
        item = nodes.list_item(ids=[f"event-{event.id}"],
                               classes=["timeline-event"] + (["after-oped"] if event.after_text
                                                             else []))
        head = nodes.paragraph(classes=["timeline-head"])
        head += nodes.strong("", event.date_label)
        head += nodes.Text(" — " + event.title)
        item += head
        text = nodes.paragraph(classes=["timeline-text"])
        text += nodes.Text(event.text + " ")
        text += self._cites(event.cite)
        item += text
        if event.quotes:
            quotes = nodes.bullet_list(classes=["timeline-quotes"])
            for quote in event.quotes:
                entry = nodes.list_item()
                para = nodes.paragraph()
                para += nodes.Text(in_double_quotes(quote.text) + " ")
                para += self._cites([quote.source])
                entry += para
                quotes += entry
            item += quotes
        if not event.verified:
            note = nodes.paragraph(classes=["timeline-unverified"])
            note += nodes.strong("", "Not verified: ")
            note += nodes.Text(event.status_note or "")
            item += note
        if event.text_refs:
            refs = nodes.paragraph(classes=["timeline-oped-refs"])
            refs += nodes.Text(f"In the {load_text().noun}: ")
            for i, ref in enumerate(event.text_refs):
                if i:
                    refs += nodes.Text(", ")
                refs += _xref(label_for(sentence_anchor(ref)),
                              nodes.inline("", f"¶{ref}", classes=["oped-sentence-ref"]))
            item += refs
        return item
