"""Text analysis for the kit: small, pure functions that take any text and return positions.

One module per job:

- :mod:`.text` — turn a string or a :class:`~medialit.text.case.Document` into sentences to scan.
- :mod:`.lexicons` — load and validate the word lists in ``medialit/data/lexicons/*.yml``.
- :mod:`.stance` — hedges and boosters (lexicon hits with positions, counts per paragraph).
- :mod:`.attributions` — attribution cues ("says", "according to") and the source named.
- :mod:`.quotes` — phrases in quotation marks (quotation, scare quote, name, mention) and who is quoted.
- :mod:`.numbers` — numbers in the text and whose numbers they are (nearest attribution).
- :mod:`.agentless` — passive constructions with and without a "by" agent.

Every function accepts a plain string as well as a ``Document``, so the same tools run on any
text. Results are frozen dataclasses with the sentence id and character offsets into
``document.text``. The heuristics are documented in each module; they find candidates for a
reader to check, and a count is never a verdict on a text.
"""

from .agentless import Passive, find_passives
from .attributions import Attribution, find_attributions
from .lexicons import Lexicon, LexiconError, load_lexicon
from .numbers import NumberMention, find_numbers, quantities
from .quotes import QuotedPhrase, find_quoted_phrases, who_is_quoted
from .stance import ParagraphCounts, StanceMarker, count_by_paragraph, find_stance_markers
from .text import as_document

__all__ = [
    "Attribution",
    "Lexicon",
    "LexiconError",
    "NumberMention",
    "ParagraphCounts",
    "Passive",
    "QuotedPhrase",
    "StanceMarker",
    "as_document",
    "count_by_paragraph",
    "find_attributions",
    "find_numbers",
    "find_passives",
    "find_quoted_phrases",
    "find_stance_markers",
    "load_lexicon",
    "quantities",
    "who_is_quoted",
]
