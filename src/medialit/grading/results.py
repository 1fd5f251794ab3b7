"""The result of grading one submission, as plain data that round-trips through JSON.

``records/<id>.json`` in the output folder holds exactly :meth:`StudentResult.to_dict`; every
other output (gradebook, feedback, Gradescope JSON, summary) is rendered from these records,
so merging manual scores later rewrites every output without grading again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

QuestionStatus = Literal["correct", "partial", "wrong", "unanswered", "missing", "invalid",
                         "pending", "manual"]
StudentStatus = Literal["graded", "graded-with-notes", "error"]


@dataclass
class QuestionResult:
    question: str
    type: str
    max_points: float
    points: float | None  # None: waiting for a manual score
    status: QuestionStatus
    lines: list[str] = field(default_factory=list)  # what was right or wrong, and why
    notes: list[str] = field(default_factory=list)  # how the answer was read
    explanation: str = ""
    answer_text: str = ""  # open answers (for manual.csv) and code output
    rubric: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)


@dataclass
class StudentResult:
    student_id: str
    source: str
    status: StudentStatus
    message: str = ""
    name: str = ""
    questions: list[QuestionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    max_total: float = 0.0

    @property
    def total(self) -> float:
        return round(sum(q.points or 0.0 for q in self.questions), 2)

    @property
    def percent(self) -> float:
        return round(100 * self.total / self.max_total, 1) if self.max_total else 0.0

    @property
    def pending(self) -> list[str]:
        return [q.question for q in self.questions if q.points is None]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> StudentResult:
        questions = [QuestionResult(**q) for q in data.get("questions", [])]
        return cls(**{**data, "questions": questions})


def number(value: float | None) -> str:
    """Points as the gradebook writes them: "2.5", "4", "" for none."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"
