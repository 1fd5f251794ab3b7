"""The text model: a pack's text as paragraphs and sentences with stable ids, the one resolver
of the text-reference roles, and the text's HTML face.

Light by design: nothing here imports pydantic or a YAML library (the grading sandbox's child
and the live notebooks' first cell load the text). Modules: :mod:`.case` (``Document``,
``load_text``), :mod:`.refs` (``{quote}``, ``{sentence}``, ``{para}``), :mod:`.text_html`
(numbered paragraphs, linkable sentences) and :mod:`.typography` (quotation marks)."""
