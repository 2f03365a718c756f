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
    monkeypatch.setattr(load, "MAX_BYTES", 20_000)  # above municipalities.csv, which goes through the same reader
    registry.write("tracks.yaml", "tracks:\n" + "# padding\n" * 2_000)
    assert registry.problems() == [
        "data/tracks.yaml:1:1: the file is 20,008 bytes, over the limit of 20,000; "
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


def test_a_vertical_tab_pasted_into_a_coachs_name_is_reported_at_its_line_and_column(registry):
    registry.replace("coaches.yaml", "name: Rosa Example", "name: Rosa\v Example")
    assert registry.problems() == [
        "data/coaches.yaml:3:15: U+000B (vertical tab) is not allowed; delete it; it is invisible"
    ]


def test_a_bidi_override_in_centers_yaml_is_refused_at_its_position(registry):
    registry.replace("centers.yaml", "name: Living in Recovery", "name: \u202eLiving in Recovery")
    assert registry.problems() == [
        "data/centers.yaml:3:11: U+202E (right-to-left override, a bidi control that can hide text) is not allowed; "
        "delete it; it is invisible"
    ]


def test_every_invisible_character_is_reported_and_the_file_is_not_parsed_further(registry):
    registry.write("tracks.yaml", "tracks: [\x00\n  - id: a\u2066b\x1b\n  - \x85\rbroken: [\r\n")
    assert registry.problems() == [
        "data/tracks.yaml:1:10: U+0000 (null) is not allowed; delete it; it is invisible",
        "data/tracks.yaml:2:10: U+2066 (left-to-right isolate, a bidi control that can hide text) is not allowed; "
        "delete it; it is invisible",
        "data/tracks.yaml:2:12: U+001B (escape) is not allowed; delete it; it is invisible",
        "data/tracks.yaml:3:5: U+0085 (next line) is not allowed; delete it; it is invisible",
        "data/tracks.yaml:3:6: U+000D (carriage return) without a line feed after it is not allowed; "
        "save the file with Unix (LF) or Windows (CRLF) line endings",
    ]


def test_a_file_full_of_control_characters_lists_the_first_ten_and_counts_the_rest(registry):
    registry.write("help.yaml", "help_lines:\n" + "\x07" * 25 + "\n")
    problems = registry.problems()
    assert len(problems) == load.MAX_INVISIBLE + 1
    assert problems[0] == "data/help.yaml:2:1: U+0007 (bell) is not allowed; delete it; it is invisible"
    assert problems[-1] == "data/help.yaml:2:11: 15 more invisible characters from here on are not allowed; " \
                           "delete them too"


def test_windows_line_endings_and_tabs_in_text_are_fine(registry):
    text = (registry.dir / "tracks.yaml").read_text().replace("Older adults", "Older\tadults")
    registry.write("tracks.yaml", text.replace("\n", "\r\n").encode())
    assert registry.problems() == []


def test_an_invisible_character_written_as_an_escape_is_refused_too(registry):
    registry.replace("centers.yaml", "name: Living in Recovery", 'name: "\\u202eLiving in Recovery"')
    assert registry.problems() == [
        "data/centers.yaml:3:11: centers[0].name: U+202E (right-to-left override, a bidi control that can hide text) "
        "is written here as an escape sequence; delete the escape"
    ]


def test_a_problem_is_one_line_even_when_a_value_holds_a_line_break(registry):
    registry.replace("centers.yaml", "type: prsc", 'type: "prsc\\nrlc"')
    (problem,) = registry.problems()
    assert problem.startswith("data/centers.yaml:4:11: centers[0].type: 'prsc\\nrlc' is not one of: ")
