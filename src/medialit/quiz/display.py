"""``Quiz``: the object a notebook displays. One bank (or part of one), three faces.

In a notebook, one line shows a chapter's questions::

    from medialit.quiz import Quiz
    Quiz.from_bank("practice")            # or Quiz.from_bank("practice")["practice-q03"]

``_repr_mimebundle_`` returns the static HTML face (``text/html``), the text face
(``text/plain`` and ``text/markdown``) and, in a live kernel, the ipywidgets view. JupyterLab
shows the widgets; the book prefers the HTML face (``nb_mime_priority_overrides`` in
``_config.yml``), so the same cell works with no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .html import quiz_html
from .i18n import current_language, normal
from .loader import Bank, load_bank
from .schema import QuestionBase
from .text import quiz_markdown

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def find_bank(name: str, start: Path | None = None) -> Path:
    """``<name>.yml`` in the current pack's banks folder, at its place in the book at or above
    ``start`` (default: the working folder): ``chapters/questions`` in the kit's book, so a
    chapter notebook finds its bank wherever it runs. A path to a ``.yml`` file is taken as it
    is."""
    from ..pack import current_pack, find_book

    candidate = Path(name)
    if candidate.suffix == ".yml" and candidate.is_file():
        return candidate
    start = (start or Path.cwd()).resolve()
    pack = current_pack()
    folder = pack.in_book("banks", find_book(start))
    if folder is None:
        raise FileNotFoundError(f"no question bank {name!r}: the pack {pack.name!r} declares no "
                                f"banks ({pack.manifest_path})")
    path = folder / f"{name}.yml"
    if not path.is_file():
        raise FileNotFoundError(f"no question bank {name!r}: no {path.name} in the pack's banks "
                                f"folder {folder}")
    return path


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class Quiz:
    """Questions shown together. Index by id or position to get a one-question quiz."""

    def __init__(self, questions: Sequence[QuestionBase], name: str = "quiz", *,
                 language: str | None = None):
        self.questions = list(questions)
        self.name = name
        self.language = normal(language) if language else current_language()
        self._widget = None

    @classmethod
    def from_bank(cls, name: str | Path, *, language: str | None = None) -> Quiz:
        """A bank's quiz; ``language``: the interface strings' language (default English,
        with English for any string the language's catalogue lacks)."""
        bank: Bank = load_bank(find_bank(str(name)))
        return cls(bank.questions, bank.chapter, language=language)

    def __getitem__(self, key: int | str) -> Quiz:
        if isinstance(key, int):
            return self._one(self.questions[key])
        found = next((q for q in self.questions if q.id == key), None)
        if found is None:
            raise KeyError(f"no question {key!r} in quiz {self.name!r}")
        return self._one(found)

    def _one(self, question: QuestionBase) -> Quiz:
        return Quiz([question], f"{self.name}-{question.id}", language=self.language)

    def __len__(self) -> int:
        return len(self.questions)

    def text(self, *, key: bool = False) -> str:
        return quiz_markdown(self.questions, key=key, language=self.language)

    def answer_key(self) -> str:
        return quiz_markdown(self.questions, key=True, title=self.name, language=self.language)

    def html(self) -> str:
        return quiz_html(self.questions, name=self.name, language=self.language)

    def widget(self):
        from .widgets import quiz_widget

        if self._widget is None:
            self._widget = quiz_widget(self.questions, language=self.language)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        text = self.text()
        bundle = {"text/plain": text, "text/markdown": text, "text/html": self.html()}
        if _in_kernel():
            view = self.widget()._repr_mimebundle_()
            if WIDGET_MIME in view:
                bundle[WIDGET_MIME] = view[WIDGET_MIME]
        return bundle

    def __repr__(self) -> str:
        return f"<Quiz {self.name!r}: {len(self.questions)} question(s)>"
