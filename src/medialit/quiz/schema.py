"""The question bank schema, version 1: the bank envelope and the fields every question shares.

Type-specific fields live in each type's module (``medialit.quiz.types``). ``SCHEMA_VERSION``
is the version this code reads; a bank declares its own in ``schema_version``.

Skills (optional): a bank may declare ``skills`` (slug -> label) in its envelope, once; each
question then names one of them in ``skill``. The loader checks that every question of such a
bank has a declared skill, and that no question names a skill in a bank that declares none.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*-q[0-9]{2,}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
PARAGRAPH_REF = re.compile(r"¶\s?(\d+)(?:\.(\d+))?")

NonEmpty = Field(min_length=1)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class QuestionBase(Strict):
    """Fields every question has. Subclasses add ``type`` and their own fields."""

    id: str = Field(pattern=ID_PATTERN)
    type: str
    prompt: str = Field(min_length=1)
    about: list[str] = Field(min_length=1)
    explanation: str = Field(min_length=1)
    hints: list[str] = Field(default_factory=list)
    cite: list[str] = Field(default_factory=list)
    skill: str | None = Field(default=None, pattern=SLUG_PATTERN)  # a slug of the bank's skills
    # The text the question is about: the case's text (default), the unseen practice case,
    # or sourced excerpts printed in the prompt (medialit.quiz.material).
    material: Literal["case", "practice", "excerpt"] = "case"

    @field_validator("explanation")
    @classmethod
    def _cites_a_paragraph(cls, value: str) -> str:
        if not PARAGRAPH_REF.search(value):
            raise ValueError("the explanation must cite a paragraph number such as ¶5 or ¶5.2")
        return value

    # -- the faces: every type implements each (medialit.quiz.types.base.FACES) -------------
    type_name: ClassVar[str] = ""
    label: ClassVar[str] = ""  # the type's name in reports ("single choice")
    position: ClassVar[int] = 1000  # where the type comes in tables and reports
    answer_hint: ClassVar[str] = ""  # the answer's shape, for the student notebook's comment
    moodle: ClassVar[Any] = None  # medialit.quiz.types.base.Target on Moodle
    #: Scored by a person with a rubric: self-checked in practice, manual.csv when graded, a
    #: long answer (the page's width) on a worksheet.
    scored_by_person: ClassVar[bool] = False
    canvas: ClassVar[Any] = None  # ... and on Canvas

    def checks(self, document) -> list:
        """Cross-references against the text (option ids, sentence ids, quotes)."""
        raise NotImplementedError

    def score(self, answer: Any) -> Any:
        """The pure score of ``answer`` (a :class:`medialit.quiz.scoring.Score`)."""
        raise NotImplementedError

    def text_body(self, key: bool) -> list[str]:
        """The print face's lines (with the key when ``key``)."""
        raise NotImplementedError

    def client_data(self, document) -> dict:
        """The JSON the static face's module for this type reads."""
        raise NotImplementedError

    def controls(self) -> Any:
        """The ipywidgets face: a :class:`medialit.quiz.widgets.Controls`."""
        raise NotImplementedError

    def feedback_parts(self, answer: Any, score: Any) -> list[tuple[str, str]]:
        """(message, the author's feedback) per part of a practice answer."""
        raise NotImplementedError

    def answer_problem(self, answer: Any) -> str | None:
        """A practice face's format warning for an answer it cannot read ("about 600" in a
        number field), or None. Such an answer is not an attempt: it is neither scored nor
        kept (the graded path still scores it, as :meth:`score` says)."""
        return None

    def explain(self, answer: Any, result: Any) -> list[str]:
        """The graded report's lines for a scored answer (✓/✗/◐ and the key)."""
        raise NotImplementedError

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        """The fields of the answer's public shape, from a graded spec (never the key)."""
        raise NotImplementedError

    @classmethod
    def normalise(cls, fmt: dict, value: Any) -> tuple[Any, list[str]]:
        """``value`` respelled against ``fmt`` (None: wrong type), and the problems found."""
        raise NotImplementedError

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        """The printed worksheet's space to answer (HTML)."""
        raise NotImplementedError

    def moodle_element(self, el: Any, document) -> None:
        """Fill the Moodle XML ``<question>`` element with this type's own elements."""
        raise NotImplementedError

    def qti_item(self, item: Any, document) -> None:
        """Fill the Canvas QTI item (a :class:`medialit.export.qti._Item`)."""
        raise NotImplementedError

    # -- export faces with a default: a type overrides only what it adds --------------------
    #: Moodle gets the hints in the question text, not as <hint> (its essay keeps none).
    moodle_hints_in_text: ClassVar[bool] = False

    def export_question_html(self, document, fmt: str) -> str:
        """The question text on a platform (``fmt``: ``moodle-xml`` or ``qti``): the prompt,
        plus what the question needs to make sense on its own there (a paragraph to tick in,
        a unit, a rubric)."""
        from ..export import render

        return render.para(self.prompt, document)

    def export_feedback_html(self, document, fmt: str) -> str:
        """What the general feedback adds after the explanation (a model answer, per-part
        feedback the platform cannot show elsewhere); empty by default."""
        return ""

    def export_rows(self, document, fmt: str) -> list:
        """The rows (:class:`medialit.export.content.Row`) of a type exported as matching."""
        raise ValueError(f"{self.type} is not exported as a matching question")

    def export_choices(self, document) -> list[str]:
        """Every right-hand choice of a type exported as matching, in the kit's order."""
        raise ValueError(f"{self.type} is not exported as a matching question")

    def export_distractors(self, document) -> list[str]:
        """Right-hand choices that belong to no row (plain text, in a stable order)."""
        return []

    # -- assessment-quality faces with a default (medialit.quiz.quality), on raw data: a bank's
    # entry or a master's spec ---------------------------------------------------------------

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        """(where, what it is about, the feedback) for each feedback text of a question."""
        return []

    @classmethod
    def unfed_parts(cls, data: dict) -> list[str]:
        """Parts a student can get wrong that carry no feedback of their own."""
        return []

    @classmethod
    def add_quality_figures(cls, data: dict, figures: Any) -> None:
        """Add the type's own figures (a :class:`medialit.quiz.quality.Figures`): the key's
        length and position, the share keyed true. Nothing by default."""

    def platform_example(self, document) -> Any:
        """A worked example of how the platforms score this type differently from the book
        (:mod:`medialit.export.platform_scores`), or None: they score it alike."""
        return None


class BankEnvelope(Strict):
    """The top of a bank file. Questions are validated one by one by their type's model."""

    schema_version: int
    chapter: str = Field(pattern=SLUG_PATTERN)
    skills: dict[str, str] = Field(default_factory=dict)  # slug -> label shown to learners
    questions: list[dict] = Field(min_length=1)

    @field_validator("skills")
    @classmethod
    def _skill_slugs_and_labels(cls, value: dict[str, str]) -> dict[str, str]:
        for slug, label in value.items():
            if not re.fullmatch(SLUG_PATTERN, slug):
                raise ValueError(f"skill slug {slug!r} must match {SLUG_PATTERN}")
            if not label.strip():
                raise ValueError(f"skill {slug!r} needs a label")
        return value

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"unsupported schema_version {value}; this kit reads version "
                             f"{SCHEMA_VERSION}")
        return value
