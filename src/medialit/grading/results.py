"""The result of grading one submission, as plain data that round-trips through JSON.

``records/<id>.json`` in the output folder holds exactly :meth:`StudentResult.to_dict`; every
other output (gradebook, feedback, Gradescope JSON, summary) is rendered from these records,
so merging manual scores later rewrites every output without grading again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
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
    answer_text: str = ""  # the open answer (for manual.csv)
    rubric: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"question": self.question, "type": self.type, "max_points": self.max_points,
                "points": self.points, "status": self.status, "lines": list(self.lines),
                "notes": list(self.notes), "explanation": self.explanation,
                "answer_text": self.answer_text, "rubric": list(self.rubric),
                "levels": dict(self.levels)}


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
    platform: str = ""  # the LMS whose download named the student ("" for plain files)
    received: str = ""  # the file's date-time as the download records it
    other_attempts: list[str] = field(default_factory=list)  # the student's files not graded

    @property
    def total(self) -> float:
        """Points given so far (pending questions add nothing until a person scores them)."""
        return round(sum(q.points or 0.0 for q in self.questions), 2)

    @property
    def pending(self) -> list[str]:
        return [q.question for q in self.questions if q.points is None]

    @property
    def pending_points(self) -> float:
        return round(sum(q.max_points for q in self.questions if q.points is None), 2)

    @property
    def graded_max(self) -> float:
        """The points that have been decided: the maximum less the pending questions'."""
        return round(self.max_total - self.pending_points, 2)

    @property
    def complete(self) -> bool:
        return self.status != "error" and not self.pending

    @property
    def percent(self) -> float | None:
        """The share of the points graded so far, never counting pending points as zeros;
        None when nothing is graded yet (or the file could not be graded)."""
        if self.status == "error" or not self.graded_max:
            return None
        return round(100 * self.total / self.graded_max, 1)

    def to_dict(self) -> dict:
        return {"student_id": self.student_id, "source": self.source, "status": self.status,
                "message": self.message, "name": self.name,
                "questions": [q.to_dict() for q in self.questions], "notes": list(self.notes),
                "max_total": self.max_total, "platform": self.platform,
                "received": self.received, "other_attempts": list(self.other_attempts)}

    @classmethod
    def from_dict(cls, data: dict) -> StudentResult:
        known = {f.name for f in fields(QuestionResult)}
        questions = [QuestionResult(**{k: v for k, v in q.items() if k in known})
                     for q in data.get("questions", [])]
        own = {f.name for f in fields(cls)} - {"questions"}
        return cls(**{k: v for k, v in data.items() if k in own}, questions=questions)


@lru_cache(maxsize=4096)  # a batch uses few distinct point values, thousands of times
def number(value: float | None) -> str:
    """Points as the gradebook writes them: "2.5", "4", "" for none."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"
