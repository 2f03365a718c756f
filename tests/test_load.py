"""Broken or hostile YAML becomes one located problem, never a traceback."""

from __future__ import annotations

from generator.registry import load


def test_a_yaml_syntax_error_is_reported_at_its_line(registry):
    registry.replace("coaches.yaml", "    name: Rosa Example", "    name: Rosa: Example: [")
    (problem,) = registry.problems()
    assert problem.startswith("data/coaches.yaml:3:")
    assert "YAML syntax error" in problem


def test_a_duplicate_key_is_an_error_not_a_silent_overwrite(registry):
    registry.replace("coaches.yaml", "    masshealth: true", "    masshealth: true\n    masshealth: false")
    assert registry.problems() == [
        "data/coaches.yaml:10:5: coaches[0].masshealth: duplicate key 'masshealth' (first given at line 9); keep one"
    ]


def test_aliases_are_refused_so_a_billion_laughs_cannot_expand(registry):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    registry.write("tracks.yaml", bomb)
    assert registry.problems() == [
        "data/tracks.yaml:2:8: anchors and aliases are not allowed; write the value out in full"
    ]


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(registry):
    registry.write("tracks.yaml", "tracks:\n  - id: caf\xe9\n".encode("latin-1"))
    assert registry.problems() == [
        "data/tracks.yaml:2:12: the file is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding"
    ]


def test_an_oversize_file_is_refused_before_parsing(registry, monkeypatch):
    monkeypatch.setattr(load, "MAX_BYTES", 1_800)
    registry.write("tracks.yaml", "tracks:\n" + "# padding\n" * 200)
    assert registry.problems() == [
        "data/tracks.yaml:1:1: the file is 2,008 bytes, over the limit of 1,800; "
        "split it or check it is the right file"
    ]


def test_scalars_follow_yaml_1_2_so_no_and_on_stay_text(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: no\nb: on\nc: true\nd: 1:30\ne: 012\nf: 2026-01-02\n")
    doc, problems = load.load_yaml(path)
    assert problems == []
    assert doc.data["a"] == "no" and doc.data["b"] == "on" and doc.data["c"] is True
    assert doc.data["d"] == "1:30" and doc.data["e"] == "012"
    assert str(doc.data["f"]) == "2026-01-02"


def test_every_value_keeps_its_line_and_column(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("items:\n  - name: A\n    tags: [x, y]\n")
    doc, _ = load.load_yaml(path)
    assert doc.marks[("items", 0, "tags", 1)] == (3, 15)
    assert doc.key_marks[("items", 0, "tags")] == (3, 5)


def test_libyaml_and_the_reporting_parser_agree_on_every_value_and_position(tmp_path):
    """The fast parser reads valid files; the pure-Python one reports errors. Both must see the same file."""
    text = ('tracks:\n  - id: "café-ñandú"  # accents move columns in bytes, not in characters\n'
            '    title: "Older adults: 50+"\n    flags: {on: no, n: 010, f: 1.5, t: True}\n'
            '    list:\n    - &anchor solo\n    - "2026-11-23"\n    - 2026-11-23\n')
    path = tmp_path / "tracks.yaml"
    path.write_text(text, encoding="utf-8")
    fast, fast_problems = load.load_yaml(path)
    assert fast is not None, fast_problems
    slow, slow_problems = load._load_slowly(fast.file, text)
    assert (fast.data, fast.marks, fast.key_marks) == (slow.data, slow.marks, slow.key_marks)
    assert fast_problems == slow_problems == []
    assert fast.data["tracks"][0]["flags"] == {"on": "no", "n": "010", "f": 1.5, "t": True}
