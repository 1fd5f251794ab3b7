"""The objectives map: the packaged file loads and covers every graded question; a bad chapter,
bank, set or question id fails with the file, the line and the id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.grading.master import load_master
from medialit.objectives import ObjectivesError, load_objectives, toc_docs

ROOT = Path(__file__).resolve().parents[1]

VALID = """\
schema_version: 1
objectives:
  - id: LO1
    objective: Label sentences with the four framing functions.
    level: Apply
    chapters: [chapters/framing, chapters/annotation-tables.md]
    practice:
      framing: [framing-q01, framing-q02]
      precheck: [precheck-q01]
    sets:
      set-a-framing: [q1, q7]
  - id: LO2
    objective: Reflect on your own reading.
    level: Evaluate
    chapters: [chapters/synthesis]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "objectives.yml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, old: str, new: str) -> str:
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(ObjectivesError) as info:
        load_objectives(path, root=ROOT)
    return str(info.value)


def test_a_valid_file_loads_with_its_links(tmp_path):
    objectives = load_objectives(write(tmp_path, VALID), root=ROOT)
    assert [o.id for o in objectives] == ["LO1", "LO2"]
    first = objectives.objectives[0]
    assert first.chapters == ("chapters/framing", "chapters/annotation-tables")  # suffix dropped
    assert first.practice == {"framing": ("framing-q01", "framing-q02"),
                              "precheck": ("precheck-q01",)}
    assert first.sets == {"set-a-framing": ("q1", "q7")} and first.line == 3
    assert objectives.objectives[1].practice == {} and objectives.objectives[1].sets == {}
    assert objectives.bank_pages["framing"] == "chapters/framing"
    assert objectives.bank_pages["practice"] == "chapters/how-quizzes-work"
    assert objectives.set_titles["set-a-framing"] == "Set A — Framing"


def test_unknown_chapter_names_file_line_and_chapter(tmp_path):
    message = error_for(tmp_path, "chapters/annotation-tables.md", "chapters/framin")
    assert message.startswith(f"{tmp_path / 'objectives.yml'}:6: entry 'LO1', field 'chapters[1]'")
    assert "unknown chapter 'chapters/framin': not in _toc.yml" in message
    assert "did you mean 'chapters/framing'" in message


def test_a_page_outside_the_toc_is_unknown(tmp_path):
    assert "instructor/guide" not in toc_docs(ROOT)  # the student toc: instructor pages are extra
    message = error_for(tmp_path, "chapters/synthesis", "instructor/guide")
    assert ":15: entry 'LO2', field 'chapters[0]'" in message
    assert "unknown chapter 'instructor/guide'" in message


def test_unknown_practice_question_id_is_named_with_its_line(tmp_path):
    message = error_for(tmp_path, "framing-q02]", "framing-q99]")
    assert f"{tmp_path / 'objectives.yml'}:8: entry 'LO1', field 'practice.framing[1]'" in message
    assert "unknown question id 'framing-q99' in bank 'framing'" in message


def test_unknown_bank_is_named(tmp_path):
    message = error_for(tmp_path, "      precheck: [precheck-q01]", "      pre-check: [precheck-q01]")
    assert ":9: entry 'LO1', field 'practice.pre-check'" in message
    assert "unknown question bank 'pre-check'" in message and "did you mean 'precheck'" in message


def test_a_question_of_another_bank_is_unknown_in_this_one(tmp_path):
    message = error_for(tmp_path, "[precheck-q01]", "[postcheck-q01]")
    assert "unknown question id 'postcheck-q01' in bank 'precheck'" in message


def test_unknown_set_and_unknown_set_question(tmp_path):
    message = error_for(tmp_path, "set-a-framing:", "set-a:")
    assert ":11: entry 'LO1', field 'sets.set-a'" in message
    assert "unknown graded set 'set-a'" in message and "set-a-framing" in message
    message = error_for(tmp_path, "[q1, q7]", "[q1, q9]")
    assert ":11: entry 'LO1', field 'sets.set-a-framing[1]'" in message
    assert "unknown question id 'q9' in set 'set-a-framing'" in message


def test_schema_problems_name_the_field(tmp_path):
    assert "field 'id'" in error_for(tmp_path, "id: LO1", "id: objective-1")
    assert "field 'level': this field is required" in error_for(tmp_path, "    level: Apply\n", "")
    assert "field 'colour': unknown field" in error_for(tmp_path, "    level: Apply\n",
                                                          "    level: Apply\n    colour: red\n")
    assert "duplicate id" in error_for(tmp_path, "id: LO2", "id: LO1")
    assert "listed twice" in error_for(tmp_path, "[q1, q7]", "[q1, q1]")
    assert "schema_version must be 1" in error_for(tmp_path, "schema_version: 1",
                                                   "schema_version: 2")


def test_objective_text_keeps_contested_terms_in_quotation_marks(tmp_path):
    message = error_for(tmp_path, "Reflect on your own reading.",
                        "Explain why the occupation was wrong.")
    assert "contested term(s) ['occupation'] outside quotation marks" in message


def test_the_kits_map_loads_and_maps_every_graded_question():
    objectives = load_objectives()
    assert [o.id for o in objectives] == [f"LO{i}" for i in range(1, len(objectives) + 1)]
    mapped = {(s, q) for o in objectives for s, ids in o.sets.items() for q in ids}
    every = {(m.set_id, q.id) for m in map(load_master, sorted((ROOT / "solutions").glob(
        "set-*.ipynb"))) for q in m.questions}
    assert len(every) == 43 and every <= mapped, sorted(every - mapped)
    for objective in objectives:  # each objective is taught somewhere and practised or graded
        assert objective.chapters and (objective.practice or objective.sets), objective.id


def test_check_data_reports_the_objectives():
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 0, result.output
    assert "12 objectives (mapped to 43 graded-set questions)" in result.output


def test_check_data_fails_with_the_objectives_message(monkeypatch, tmp_path):
    from medialit import objectives

    bad = write(tmp_path, VALID.replace("framing-q02]", "framing-q99]"))
    monkeypatch.setattr(objectives, "objectives_path", lambda: bad)
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 2
    assert f"{bad}:8: entry 'LO1', field 'practice.framing[1]'" in result.output
    assert "'framing-q99'" in result.output


# -- the {objectives-map} directive, in a tiny book ----------------------------------------------

FIXTURE = Path(__file__).parent / "roots" / "objectives-map"


def tiny_book(tmp_path: Path) -> Path:
    """The fixture plus the kit's framing bank, references.bib and the Set A master."""
    import shutil

    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    (root / "chapters" / "questions").mkdir()
    shutil.copy(ROOT / "chapters" / "questions" / "framing.yml", root / "chapters" / "questions")
    shutil.copy(ROOT / "references.bib", root)
    (root / "solutions").mkdir()
    shutil.copy(ROOT / "solutions" / "set-a-framing.ipynb", root / "solutions")
    return root


@pytest.mark.build
def test_directive_renders_the_table_with_links(tmp_path):
    from conftest import build_book

    root = tiny_book(tmp_path)
    data = root / "objectives.yml"  # Set A q6 is on the practice case: the map says so
    data.write_text(data.read_text(encoding="utf-8").replace("[q1, q7]", "[q1, q6, q7]"),
                    encoding="utf-8")
    proc = build_book(root)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    html = (root / "_build" / "html" / "map.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="objectives-map'):html.index("</table>")]
    for header in ("Objective", "Taught in", "Practice questions (ungraded)", "Graded sets"):
        assert f"<p>{header}</p>" in table
    assert 'id="objective-lo1"' in table and "(Understand/Apply)" in table
    # chapters: links with the page's own title
    assert 'href="chapters/framing.html"' in table and ">Framing<" in table
    assert 'href="intro.html"' in table and ">Objectives map fixture<" in table
    # practice questions: linked to the question on the page that embeds the bank
    assert 'href="chapters/framing.html#mlq-framing-q01"' in table
    assert 'href="chapters/framing.html#mlq-framing-q02"' in table
    chapter = (root / "_build" / "html" / "chapters" / "framing.html").read_text(encoding="utf-8")
    assert 'id="mlq-framing-q01"' in chapter  # the anchor the link points to exists
    assert re.search(r"<strong>Set\xa0A</strong>: q1, q6 \(practice case\), q7</p>", table)
    assert "<p>not graded</p>" in table


@pytest.mark.build
def test_directive_fails_the_build_naming_the_bad_id(tmp_path):
    from conftest import build_book

    root = tiny_book(tmp_path)
    data = root / "objectives.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("[q1, q7]", "[q1, q77]"),
                    encoding="utf-8")
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "objectives-map:" in output and f"{data}:10: entry 'LO1'" in output
    assert "unknown question id 'q77' in set 'set-a-framing'" in output


def test_a_student_copy_without_solutions_still_loads(tmp_path):
    # a copy of the kit for students has no solutions/: set ids are not checked there
    import shutil

    root = tmp_path / "kit"
    shutil.copytree(ROOT / "chapters", root / "chapters")
    for name in ("_toc.yml", "intro.md", "references.bib"):
        shutil.copy(ROOT / name, root / name)
    assert len(load_objectives(root=root)) >= 11
    with pytest.raises(ObjectivesError, match="unknown graded set"):  # with solutions/: checked
        load_objectives(write(tmp_path, VALID.replace("set-a-framing", "set-z", 1)), root=ROOT)


def relaid_book(tmp_path: Path):
    """The fixture book with its banks in ``quiz/`` and its masters in ``graded/``, and a copy
    of the kit's pack whose manifest says so (``banks: ../quiz``, ``masters: ../graded``)."""
    import shutil

    from medialit.pack import load_pack

    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    (root / "quiz").mkdir()
    shutil.copy(ROOT / "chapters" / "questions" / "framing.yml", root / "quiz")
    shutil.copy(ROOT / "references.bib", root)
    (root / "graded").mkdir()
    for master in ("set-a-framing", "set-b-sourcing"):
        shutil.copy(ROOT / "solutions" / f"{master}.ipynb", root / "graded")
    shutil.copytree(ROOT / "packs" / "oped-2024", root / "pack")
    manifest = root / "pack" / "pack.yml"
    text = manifest.read_text(encoding="utf-8")
    for old, new in (("bibliography: ../../references.bib", "bibliography: ../references.bib"),
                     ("banks: ../../chapters/questions", "banks: ../quiz"),
                     ("masters: ../../solutions", "masters: ../graded"),
                     ("exercises: ../../exercises\n", "")):
        assert old in text
        text = text.replace(old, new)
    manifest.write_text(text, encoding="utf-8")
    return root, load_pack(root / "pack", book=root)


def test_banks_and_masters_are_where_the_pack_says(tmp_path):
    """No chapters/questions or solutions/ in the engine: the objectives find the banks and
    masters in the folders the pack's manifest names, and say those folders in errors."""
    from medialit.pack import using_pack

    root, pack = relaid_book(tmp_path)
    with using_pack(pack):
        objectives = load_objectives(root / "objectives.yml", root=root)
        assert objectives.set_titles["set-a-framing"]  # the master in graded/ was read
        bad = write(tmp_path, (root / "objectives.yml").read_text(encoding="utf-8")
                    .replace("framing: [", "framings: [", 1))
        with pytest.raises(ObjectivesError, match=r"unknown question bank 'framings': no "
                                                  r"quiz/framings\.yml"):
            load_objectives(bad, root=root)
        bad.write_text((root / "objectives.yml").read_text(encoding="utf-8")
                       .replace("set-a-framing:", "set-z:", 1), encoding="utf-8")
        with pytest.raises(ObjectivesError, match=r"unknown graded set 'set-z': not in graded/"):
            load_objectives(bad, root=root)


def test_quotations_read_the_masters_where_the_pack_keeps_them(tmp_path):
    from medialit.pack import using_pack
    from medialit.quotations import find_quotations

    root, pack = relaid_book(tmp_path)
    with using_pack(pack):
        places = {Path(q.where.split(" ")[0]).relative_to(root).as_posix()
                  for q in find_quotations(root, with_data=False)}
    assert {"graded/set-b-sourcing.ipynb", "quiz/framing.yml"} <= places
