"""A case's data as validated objects: what a content pack's files hold, each loaded and checked
on load, with errors that name the file, the line and the field.

:mod:`.annotations` (the layers and their spans), :mod:`.timeline` (and :mod:`.timeline_svg`,
its drawing), :mod:`.sources` (the documents a fictional case invents), :mod:`.bib` (the
bibliography and its verification status), :mod:`.objectives`, :mod:`.corrections`,
:mod:`.alternative` (the alternative assignment), and the contested terms: :mod:`.voice` (the
one list, and the rule on the kit's own voice) with :mod:`.wording` (the same rule on data
files, which the loaders apply)."""
