"""How Moodle and Canvas score an exported click-the-phrase question, beside the book.

The book scores the words a learner selects by their overlap with the key (Dice); both
platforms score the passages ticked. Each rule here restates one platform's grading code:

- Moodle, multiple choice with several answers: the fractions of the ticked options added and
  clamped to 0..1 (``qtype_multichoice_multi_question::grade_response``,
  ``question/type/multichoice/question.php``, Moodle 4.5).
- Canvas, multiple answers: (right options ticked - wrong options ticked) / (right options),
  times the points, never below 0 (``Quizzes::QuizQuestion::MultipleAnswersQuestion`` and
  ``UserAnswer#score`` in canvas-lms ``app/models/quizzes/quiz_question/``).

:func:`click_phrase_example` works one partly right answer through all three; the export
report and ``docs/exports.md`` print it, so the numbers come from this code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..quiz.scoring import score
from ..text.case import Document
from . import content
from .moodle_xml import ExportError, click_phrase_grades


def moodle_multichoice_score(grades: list[str], ticked: list[int]) -> float:
    """Moodle's score for ticking options ``ticked`` (indexes) with these percent grades."""
    return min(max(0.0, sum(float(grades[i]) / 100 for i in ticked)), 1.0)


def canvas_multiple_answers_score(right: list[bool], ticked: list[int]) -> float:
    """Canvas's score (share of the points) for ticking options ``ticked``."""
    total = max(sum(right), 1)
    hits = sum(1 for i in ticked if right[i])
    misses = sum(1 for i in ticked if not right[i])
    return max(0.0, hits / total - misses / total)


@dataclass(frozen=True)
class ClickPhraseExample:
    """One partly right answer to a click-the-phrase question, scored three ways."""

    question_id: str
    key_passage: str  # the key passage ticked
    other_passage: str  # the wrong passage ticked with it
    neighbour: str  # "before" or "after": where the wrong passage stands
    keys: int  # key passages in the exported question
    others: int  # other passages
    selected_words: int  # words of the ticked passages, as the book counts them
    key_words: int
    shared_words: int
    book: float
    moodle: float
    canvas: float

    def sentence(self) -> str:
        """The example in one sentence, as the report and the docs print it."""
        missed = (f", and not the other {self.keys - 1} key passage(s),"
                  if self.keys > 1 else ",")
        return (f"{self.question_id}: ticking the key passage “{_short(self.key_passage)}” "
                f"and the passage {self.neighbour} it, “{_short(self.other_passage)}”{missed} "
                f"scores {self.book:.2f} in the book (2 × {self.shared_words} shared words ÷ "
                f"({self.selected_words} selected + {self.key_words} key words)), "
                f"{self.moodle:.2f} in Moodle (+1/{self.keys} per key passage, "
                f"−1/{self.others} per other passage, the sum kept within 0..1) and "
                f"{self.canvas:.2f} in Canvas ((key − other passages ticked) ÷ {self.keys}, "
                f"not below 0).")


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def click_phrase_example(q, document: Document) -> ClickPhraseExample | None:
    """Tick the first key passage and the passage just before it (after it when the key
    passage comes first): a selection too wide and, when the key has several passages, too
    short. None when the paragraph is a single passage (no partly right answer exists) or the
    question has a share Moodle cannot grade."""
    parts = content.passages(q, document)
    try:
        grades = click_phrase_grades(parts)
    except ExportError:  # the question cannot go to Moodle at all (the Moodle export says so)
        return None
    if len(parts) < 2:
        return None
    first_key = next(i for i, p in enumerate(parts) if p.key)
    neighbour = first_key - 1 if first_key > 0 else first_key + 1
    ticked = sorted({first_key, neighbour})
    spans = content.passage_spans(q, document)
    book = score(q, [spans[i] for i in ticked])
    right = [p.key for p in parts]
    selected, key = set(book.details["selected"]), set(book.details["key"])
    return ClickPhraseExample(
        question_id=q.id, key_passage=parts[first_key].text,
        other_passage=parts[neighbour].text,
        neighbour="before" if neighbour < first_key else "after", keys=sum(right),
        others=len(parts) - sum(right), selected_words=len(selected), key_words=len(key),
        shared_words=len(selected & key), book=book.fraction,
        moodle=moodle_multichoice_score(grades, ticked),
        canvas=canvas_multiple_answers_score(right, ticked))


def examples_table_markdown(questions, document: Document) -> str:
    """Every click-the-phrase question with the same partly right answer, as a table."""
    rows = ["| question | key passages | other passages | book | Moodle | Canvas |",
            "|---|---|---|---|---|---|"]
    for q in questions:
        if (e := q.platform_example(document)) is not None:
            rows.append(f"| `{e.question_id}` | {e.keys} | {e.others} | {e.book:.2f} | "
                        f"{e.moodle:.2f} | {e.canvas:.2f} |")
    return "\n".join(rows) + "\n"


def first_click_phrase_example(questions, document: Document) -> ClickPhraseExample | None:
    """The worked example for the first click-the-phrase question that has one."""
    for q in questions:
        if (example := q.platform_example(document)) is not None:
            return example
    return None



def docs_blocks() -> str:
    """The worked example and the table ``docs/exports.md`` carries, for the kit's banks."""
    from ..quiz.loader import load_banks
    from ..text.case import load_text
    from .banks import default_folder

    kit, document = [q for bank in load_banks(default_folder()) for q in bank.questions], load_text()
    example = first_click_phrase_example(kit, document)
    return ((example.sentence() + "\n\n" if example is not None else "")
            + examples_table_markdown(kit, document))
