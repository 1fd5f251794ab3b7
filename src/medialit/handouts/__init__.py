"""Printable handouts: self-contained HTML pages printed to PDF by headless Chromium.

One job per module:

- :mod:`.pages` — the HTML shell (print CSS inlined, running head and foot) and the text
  handouts: the numbered text with a ruled margin for notes, and the text with one annotation
  layer plus its notes;
- :mod:`.provenance` — the text page's "Where this text comes from" box, rendered for print;
- :mod:`.worksheets` — one worksheet per released student notebook (``exercises/``);
- :mod:`.answer_key` — the answer key of a set, from its master (``solutions/``, instructors);
- :mod:`.pdf` — Chromium's print-to-PDF through Playwright, one browser for all files, each
  PDF written atomically;
- :mod:`.build` — which handouts ``medialit handouts`` makes, checked before Chromium starts.
"""

from .build import HandoutError, build_handouts, plan_handouts

__all__ = ["HandoutError", "build_handouts", "plan_handouts"]
