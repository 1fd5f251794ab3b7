"""The size and time limits of grading, declared once with their reasons."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that keep one bad submission from slowing or breaking a batch."""

    # A notebook of this set is ~30 kB; outputs (ignored by the grader) can make it bigger.
    max_notebook_bytes: int = 25 * MB
    # One answer cell: a literal of a few hundred characters; a function of a screen or two.
    max_answer_chars: int = 20_000
    # Entries read from one zip (LMS bulk downloads of large classes stay far below this).
    max_zip_entries: int = 20_000
    # Notebooks read from a zip a student uploaded (a zip of zips is no way to hand in one set).
    max_notebooks_in_student_zip: int = 20
    # Code exercises: wall time for the whole run, CPU time, address space, output kept.
    code_wall_seconds: float = 10.0
    code_test_seconds: float = 2.0
    code_memory_bytes: int = 1024 * MB
    code_output_chars: int = 4_000
    code_file_bytes: int = 1 * MB


DEFAULT_LIMITS = Limits()
