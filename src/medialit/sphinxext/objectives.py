"""The ``{objectives-map}`` directive: the kit's learning objectives as a table.

One row per objective of ``medialit/data/objectives.yml`` (or of the file given as the
directive's argument, relative to the page): the objective and its level; the chapters that
teach it, as links with their titles; the practice questions, grouped by bank and linked to the
question on the page that embeds the bank; the graded-set questions, grouped by set. A bad
reference in the file fails the build with the file, the line and the bad id.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..content.objectives import ObjectiveMap, ObjectivesError, load_objectives
from .tables import table_node

HEADERS = ("Objective", "Taught in", "Practice questions (ungraded)", "Graded sets")
WIDTHS = (40, 22, 26, 12)
NBSP = "\u00a0"


def set_label(set_id: str) -> str:
    """``set-a-framing`` -> ``Set A``."""
    parts = set_id.split("-")
    return f"Set {parts[1].upper()}" if len(parts) > 1 and parts[0] == "set" else set_id


class ObjectivesMapDirective(SphinxDirective):
    has_content = False
    optional_arguments = 1
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        path = None
        if self.arguments:
            path = Path(self.env.doc2path(self.env.docname)).parent / self.arguments[0]
        try:
            objectives = load_objectives(path, root=Path(self.env.srcdir))
        except ObjectivesError as exc:
            raise self.error(f"objectives-map: {exc}") from None
        for source in (objectives.path, *objectives.sources):
            self.env.note_dependency(source)
        rows = ([self._objective(objective), self._chapters(objective),
                 self._practice(objective, objectives), self._sets(objective)]
                for objective in objectives)
        return [table_node(HEADERS, WIDTHS, rows, classes=["objectives-map"])]

    def _objective(self, objective) -> nodes.Node:
        para = nodes.paragraph(ids=[f"objective-{objective.id.lower()}"])
        para += nodes.strong("", objective.id)
        para += nodes.Text(" " + objective.objective + " ")
        para += nodes.emphasis("", f"({objective.level})")
        return para

    def _chapters(self, objective) -> list[nodes.Node]:
        paras = []
        for doc in objective.chapters:
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                        reftarget="/" + doc, refdoc=self.env.docname,
                                        refexplicit=False, refwarn=True)
            ref += nodes.inline("", doc)
            paras.append(nodes.paragraph("", "", ref, classes=["objectives-chapter"]))
        return paras

    def _question_link(self, page: str | None, qid: str, shown: str) -> nodes.Node:
        if page is None or page not in self.env.found_docs:
            return nodes.Text(shown)
        uri = self.env.app.builder.get_relative_uri(self.env.docname, page)
        ref = nodes.reference("", shown, refuri=f"{uri}#mlq-{qid}", reftitle=qid)
        return ref

    def _practice(self, objective, objectives: ObjectiveMap) -> list[nodes.Node]:
        """One paragraph per bank: ``framing: q01, q02`` with each number linked."""
        if not objective.practice:
            return [nodes.paragraph("", "—")]
        paras = []
        for bank, ids in objective.practice.items():
            para = nodes.paragraph("", "", nodes.strong("", bank), nodes.Text(": "),
                                   classes=["objectives-practice"])
            for i, qid in enumerate(ids):
                if i:
                    para += nodes.Text(", ")
                para += self._question_link(objectives.bank_pages.get(bank), qid,
                                            qid.removeprefix(f"{bank}-"))
            paras.append(para)
        return paras

    def _sets(self, objective) -> list[nodes.Node]:
        """One paragraph per set: ``Set A: q1, q7``; a question on a text the chapters do not
        study is marked with its material (``q2 (practice case)``, ``q4 (excerpt)``)."""
        if not objective.sets:
            return [nodes.paragraph("", "not graded")]
        from ..pack import current_pack

        masters = current_pack().in_book("masters", Path(self.env.srcdir))
        out = []
        for set_id, ids in objective.sets.items():
            materials = set_materials(masters / f"{set_id}.ipynb") if masters else {}
            shown = [qid + (f" ({UNSEEN_LABELS[materials[qid]]})"
                            if materials.get(qid) in UNSEEN_LABELS else "") for qid in ids]
            out.append(nodes.paragraph("", "", nodes.strong("", set_label(set_id).replace(" ", NBSP)),
                                       nodes.Text(": " + ", ".join(shown)),
                                       classes=["objectives-sets"]))
        return out


UNSEEN_LABELS = {"practice": "practice case", "excerpt": "excerpt"}


def set_materials(master: Path) -> dict[str, str]:
    """Question id -> material (``case``, ``practice``, ``excerpt``) of a graded set's master;
    empty when the book has no such master (the student edition may leave masters out)."""
    if not master.is_file():
        return {}
    from ..grading.master import load_master

    return {q.id: q.spec.get("material") or "case" for q in load_master(master).questions}
