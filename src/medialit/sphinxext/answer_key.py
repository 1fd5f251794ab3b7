"""The ``{answer-key}`` directive: a practice bank's or a graded set's answer key in a page.

````md
```{answer-key} ../../chapters/questions/framing.yml
```
```{answer-key} ../../solutions/set-a-framing.ipynb
```
````

The path is relative to the page: a ``.yml`` bank or a ``.ipynb`` master. Only the instructor
edition's pages (``instructor/``) use it. The key is :mod:`medialit.grading.answer_keys`' Markdown,
parsed as MyST in place. A bank or master that fails validation stops the build, naming it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ..grading.answer_keys import bank_key_markdown, set_key_markdown
from ..grading.master import MasterError
from ..quiz.errors import BankError


class AnswerKeyDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        path = (Path(self.env.doc2path(self.env.docname)).parent / self.arguments[0]).resolve()
        self.env.note_dependency(str(path))
        source, line = self.get_source_info()
        try:
            if path.suffix == ".ipynb":
                markdown = set_key_markdown(path)
            elif path.suffix in (".yml", ".yaml"):
                markdown = bank_key_markdown(path)
            else:
                raise ValueError("expected a question bank (.yml) or a master notebook (.ipynb)")
        except (BankError, MasterError, OSError, ValueError) as exc:
            raise ExtensionError(f"{source}:{line}: {{answer-key}} {self.arguments[0]}: {exc}"
                                 ) from None
        container = nodes.container(classes=["medialit-answer-key"])
        self.state.nested_parse(StringList(markdown.splitlines(), source=str(path)),
                                self.content_offset, container)
        return [container]
