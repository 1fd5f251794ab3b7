"""Annotations of a pack's text as data: spans in the layers the pack declares, checked on load.

A pack's ``annotations.yml`` holds the layer definitions (id, name, marker letter, description,
allowed labels) and one entry per span::

    - id: p3-613-unattributed
      paragraph: 3
      quote: "613 civilians"            # verbatim, found inside that paragraph
      layer: sources
      label: unattributed number        # one of the layer's labels
      note: One or two plain sentences on what the text does.
      cite: [some_report2021]           # optional references.bib keys

:func:`load_annotations` validates every entry (pydantic) and resolves its quote with
``document.find(quote, paragraph=...)``. A bad entry raises :class:`AnnotationError`
naming the file, the line, the entry id, the field and the problem — for a quote that is not
verbatim, with the closest match in the paragraph. Notes are kit prose: a contested term may
appear in them only inside quotation marks (:mod:`medialit.content.wording`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..io.yamldata import (
    DataError,
    entries,
    known_cite_keys,
    line_of,
    loader_context,
    read_yaml,
    require_version,
    validate_entry,
    validated_entries,
)
from ..text.case import Document, QuoteNotFound, UnknownSentence, load_text
from .bib import default_bib_path, read_bib
from .wording import kit_wording

SCHEMA_VERSION = 1
LAYER_ID = r"^[a-z0-9][a-z0-9-]*$"


def __getattr__(name: str):
    # Deprecated: the layers are the pack's own (AnnotationSet.layers), not a fixed list.
    if name == "LAYER_ORDER":
        from ..pack import current_pack

        return current_pack().layer_ids()
    raise AttributeError(name)


class AnnotationError(DataError):
    """An annotation file or entry that does not follow the schema or the text."""


class Layer(BaseModel):
    """One highlight layer: what it shows and which labels its entries may use."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=LAYER_ID)
    name: str = Field(min_length=1)
    marker: str = Field(pattern=r"^[A-Z]$")
    description: str = Field(min_length=1)
    labels: tuple[str, ...] = Field(min_length=1)


class _Entry(BaseModel):
    """One annotation as written in the file (validated against the text and the layers)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    paragraph: str
    quote: str = Field(min_length=1)
    layer: str
    label: str
    note: str = Field(min_length=1)
    cite: tuple[str, ...] = ()

    @field_validator("paragraph", mode="before")
    @classmethod
    def _paragraph(cls, value, info: ValidationInfo) -> str:
        document: Document = loader_context(info)["document"]
        label = str(value).lstrip("¶")
        try:
            document.paragraph(label)
        except UnknownSentence as exc:
            raise ValueError(str(exc)) from None
        return label

    @field_validator("quote")
    @classmethod
    def _quote_is_verbatim(cls, value: str, info: ValidationInfo) -> str:
        if "paragraph" not in info.data:
            return value  # the paragraph error is reported instead
        document: Document = loader_context(info)["document"]
        paragraph = document.paragraph(info.data["paragraph"])
        try:
            document.find(value, paragraph=paragraph.label)
        except QuoteNotFound as exc:
            raise ValueError(f"{exc} (searched {paragraph.display})") from None
        count = paragraph.text.count(value)
        if count > 1:
            raise ValueError(f"the quote occurs {count} times in {paragraph.display}; quote more "
                             "words so that it is unique")
        return value

    @field_validator("layer")
    @classmethod
    def _declared_layer(cls, value: str, info: ValidationInfo) -> str:
        layers: dict[str, Layer] = loader_context(info)["layers"]
        if value not in layers:
            raise ValueError(f"unknown layer {value!r}: the file declares {list(layers)}")
        return value

    @field_validator("label")
    @classmethod
    def _label_of_layer(cls, value: str, info: ValidationInfo) -> str:
        layers: dict[str, Layer] = loader_context(info)["layers"]
        layer = layers.get(info.data.get("layer", ""))
        if layer and value not in layer.labels:
            raise ValueError(f"label {value!r} is not a label of layer {layer.id!r}; "
                             f"use one of {list(layer.labels)}")
        return value

    @field_validator("note")
    @classmethod
    def _note_wording(cls, value: str) -> str:
        return kit_wording(value)

    @field_validator("cite", mode="before")
    @classmethod
    def _cite_keys(cls, value, info: ValidationInfo):
        return known_cite_keys([value] if isinstance(value, str) else value, info.context)


@dataclass(frozen=True)
class Annotation:
    """A validated annotation with its place in the text (``text[start:end] == quote``)."""

    id: str
    paragraph: str
    quote: str
    layer: str
    label: str
    note: str
    cite: tuple[str, ...]
    start: int
    end: int
    sentence_ids: tuple[str, ...]
    line: int | None


@dataclass(frozen=True)
class AnnotationSet:
    """All annotations of a file, in text order, with the layer definitions."""

    layers: tuple[Layer, ...]
    annotations: tuple[Annotation, ...]
    path: str

    def layer(self, layer_id: str) -> Layer:
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(f"unknown layer {layer_id!r}; layers are {[la.id for la in self.layers]}")

    def in_layer(self, layer_id: str, paragraphs: list[str] | None = None) -> list[Annotation]:
        self.layer(layer_id)
        return [a for a in self.annotations if a.layer == layer_id
                and (paragraphs is None or a.paragraph in paragraphs)]

    def __iter__(self):
        return iter(self.annotations)

    def __len__(self) -> int:
        return len(self.annotations)


def annotations_path() -> Path:
    """The current pack's annotation file."""
    from ..pack import current_pack

    return current_pack().require("annotations")


def _bib_keys(bib: Path | str | None | Literal[False]) -> set[str] | None:
    if bib is False:
        return None
    path = Path(bib) if bib else default_bib_path()
    return set(read_bib(path)) if path is not None and path.exists() else None


def load_annotations(path: Path | str | None = None, *, document: Document | None = None,
                     bib: Path | str | None | Literal[False] = None) -> AnnotationSet:
    """Load and validate an annotation file (default: the current pack's) against ``document``
    (default: the current pack's text).

    ``bib`` is the references.bib to check ``cite`` keys against (default: the pack's, when
    present; ``False`` skips the check).
    """
    path = Path(path) if path else annotations_path()
    document = document or load_text()
    try:
        data = read_yaml(path)
        require_version(data, path, SCHEMA_VERSION)
        layer_seq = entries(data, "layers", path)
        layers = [validate_entry(Layer, node, path, layer_seq, i)
                  for i, node in enumerate(layer_seq)]
        if not layers:
            raise DataError(path, line_of(data, "layers"), "'layers' must declare at least one "
                            "layer", field="layers")
        ids = [la.id for la in layers]
        if len(set(ids)) != len(ids):
            raise DataError(path, line_of(data, "layers"), "layer ids must differ",
                            field="layers")
        markers = [la.marker for la in layers]
        if len(set(markers)) != len(markers):
            raise DataError(path, line_of(data, "layers"), "layer markers must differ",
                            field="layers")
        context = {"document": document, "layers": {la.id: la for la in layers},
                   "bib_keys": _bib_keys(bib)}
        seq = entries(data, "annotations", path)
        result: list[Annotation] = []
        for entry, _node, line in validated_entries(_Entry, seq, path, context=context):
            span = document.find(entry.quote, paragraph=entry.paragraph)
            result.append(Annotation(entry.id, entry.paragraph, entry.quote, entry.layer,
                                     entry.label, entry.note, entry.cite, span.start, span.end,
                                     span.sentence_ids, line))
    except DataError as exc:
        raise AnnotationError.from_error(exc) from None
    # the file's order of layers is the legend's order
    order = {layer.id: i for i, layer in enumerate(layers)}
    result.sort(key=lambda a: (a.start, order[a.layer], -a.end, a.id))
    return AnnotationSet(tuple(layers), tuple(result), str(path))


def paragraph_list(value: str | None) -> list[str] | None:
    """Parse a paragraph filter like ``"3, 5"`` or ``"¶3,byline"`` (``None``: all)."""
    if value is None or not value.strip():
        return None
    return [part.strip().lstrip("¶") for part in re.split(r"[,\s]+", value.strip()) if part]
