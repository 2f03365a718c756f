"""A maintainer's bad edit is reported at its file, line and column, with a way to fix it."""

from __future__ import annotations

import pytest

from generator.registry.problems import Problem
from tests.conftest import TODAY


def test_the_minimal_registry_is_valid(registry):
    assert registry.problems() == []


def test_a_misspelt_language_is_reported_at_its_line_with_the_code_to_use(registry):
    registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh, en]")
    assert registry.problems() == [
        "data/coaches.yaml:5:17: coaches[0].languages[0]: 'spansh' is not a language code "
        "(did you mean 'es'?); use ISO 639-1, like 'en' or 'es'"
    ]


def test_an_unknown_field_suggests_the_field_meant(registry):
    registry.replace("coaches.yaml", "languages:", "langauges:")
    assert registry.problems() == [
        "data/coaches.yaml:2:5: coaches[0]: missing required field 'languages' "
        "(Languages the coach works in, as ISO 639-1 codes)",
        "data/coaches.yaml:5:5: coaches[0].langauges: unknown field 'langauges' (did you mean 'languages'?)",
    ]


def test_yes_is_not_a_boolean_so_a_wrong_type_is_named(registry):
    registry.replace("coaches.yaml", "masshealth: true", "masshealth: yes")
    assert registry.problems() == ["data/coaches.yaml:9:17: coaches[0].masshealth: must be true or false, not 'yes'"]


def test_a_missing_required_field_is_reported_at_its_record(registry):
    registry.replace("coaches.yaml", "    name: Rosa Example\n", "")
    assert registry.problems() == [
        "data/coaches.yaml:2:5: coaches[0]: missing required field 'name' (Name the coach works under)"
    ]


def test_an_id_must_be_a_url_slug(registry):
    registry.replace("coaches.yaml", "id: rosa-example", "id: Rosa_Example")
    assert registry.problems() == [
        "data/coaches.yaml:2:9: coaches[0].id: 'Rosa_Example' is not an id (lowercase letters, digits and "
        "single hyphens); write it like 'everyday-miracles-worcester'"
    ]


def test_an_id_cannot_take_the_address_of_a_list_page(registry):
    registry.replace("coaches.yaml", "id: rosa-example", "id: page-2")
    assert registry.problems() == [
        "data/coaches.yaml:2:9: coaches[0].id: 'page-2' is the address of a page of a long list; "
        "choose another id, like 'page-2-worcester'"
    ]


def test_a_duplicate_id_names_the_line_of_the_first(registry):
    text = (registry.dir / "coaches.yaml").read_text()
    entry = text.split("coaches:\n", 1)[1].replace("(413) 555-0101", "(413) 555-0102")
    registry.write("coaches.yaml", text + entry)
    assert registry.problems() == [
        "data/coaches.yaml:16:9: coaches[1].id: duplicate id 'rosa-example' (first used at line 2); "
        "ids must be unique"
    ]


def test_a_reference_to_a_track_that_does_not_exist(registry):
    registry.replace("coaches.yaml", "tracks: [older-adults]", "tracks: [older-adult]")
    assert registry.problems() == [
        "data/coaches.yaml:10:14: coaches[0].tracks[0]: 'older-adult' is not an id in tracks "
        "(did you mean 'older-adults'?)"
    ]


def test_a_malformed_phone_number(registry):
    registry.replace("centers.yaml", '"(413) 570-8243"', '"413-570-82"')
    assert registry.problems() == [
        "data/centers.yaml:8:12: centers[0].phone: '413-570-82' is not a valid US phone number; "
        "write it like '(617) 555-0100'"
    ]


DIAL_INSTEAD = "write a landline, mobile or toll-free number, like '(617) 555-0100'"
ABROAD = ("not in the United States: a call to it costs the caller and reaches no Massachusetts service; write the US "
          "number the source gives, like '(617) 555-0100'")


@pytest.mark.parametrize(("number", "message"), [
    ("(900) 555-1234", f"'(900) 555-1234' is a premium-rate number that charges the caller; {DIAL_INSTEAD}"),
    ("(500) 234-5678", f"'(500) 234-5678' is a personal forwarding number (area code 500 or 5xx); {DIAL_INSTEAD}"),
    ("(876) 926-1234", f"'(876) 926-1234' is a number in Jamaica, {ABROAD}"),
    ("(809) 221-2345", f"'(809) 221-2345' is a number in the Dominican Republic, {ABROAD}"),
    ("+44 20 7946 0958", f"'+44 20 7946 0958' is a number in the United Kingdom, {ABROAD}"),
    ("+234 803 123 4567", f"'+234 803 123 4567' is a number in Nigeria, {ABROAD}"),
    ("(413) 911-1234", "'(413) 911-1234' has 911 after the area code, which no US line has (it is the short code "
                       "911); check the digits and write it like '(617) 555-0100'"),
    ("988", "'988' is a short code (the Suicide & Crisis Lifeline), which only a help line in data/help.yaml may "
            "give; write the ten-digit number the source gives, like '(617) 555-0100'"),
    ("(413) 555-0199", "'(413) 555-0199' is a fictional 555-01xx number; write the real number the source gives"),
    ("(\u0664\u0661\u0663) \u0665\u0667\u0660-\u0668\u0662\u0664\u0664",
     "'(\u0664\u0661\u0663) \u0665\u0667\u0660-\u0668\u0662\u0664\u0664' holds U+0664 (arabic-indic digit four); "
     "write it with the digits 0-9 as '(413) 570-8244'"),
    ("\uff08\uff14\uff11\uff13\uff09\uff15\uff17\uff10\uff0d\uff18\uff12\uff14\uff14",
     "'\uff08\uff14\uff11\uff13\uff09\uff15\uff17\uff10\uff0d\uff18\uff12\uff14\uff14' holds U+FF08 (fullwidth "
     "left parenthesis); write it with the digits 0-9 as '(413) 570-8244'"),
    ("413-570-8243", "'413-570-8243' is written in another form; write it as '(413) 570-8243'"),
    ("(413) 570-8243 x12", "'(413) 570-8243 x12' is written in another form; write it as '(413) 570-8243 ext. 12'"),
], ids=lambda v: v.encode("ascii", "backslashreplace").decode() if len(v) < 30 else "")
def test_a_centre_phone_must_be_a_dialable_us_number_in_one_form(registry, number, message):
    registry.replace("centers.yaml", '"(413) 570-8243"', f'"{number}"')
    assert registry.problems() == [f"data/centers.yaml:8:12: centers[0].phone: {message}"]


def test_an_extension_is_kept_apart_from_the_number(registry):
    registry.replace("centers.yaml", '"(413) 570-8243"', '"(413) 570-8243 ext. 12"')
    assert registry.problems() == []


@pytest.mark.parametrize("number", ["988", "2-1-1", "211", "(800) 327-5050"])
def test_a_help_line_may_give_a_short_code_or_a_toll_free_number(registry, number):
    registry.replace("help.yaml", 'call: "988"', f'call: "{number}"')
    assert registry.problems() == []


def test_a_help_line_number_is_checked_as_a_centre_s_is(registry):
    registry.replace("help.yaml", 'call: "988"', 'call: "(900) 555-1234"')
    registry.replace("help.yaml", 'text: "988"', 'text: "(413) 555-0101"')
    assert registry.problems() == [
        f"data/help.yaml:4:11: help_lines[0].call: '(900) 555-1234' is a premium-rate number that charges the "
        f"caller; {DIAL_INSTEAD}",
        "data/help.yaml:5:11: help_lines[0].text: '(413) 555-0101' is a fictional 555-01xx number; write the real "
        "number the source gives",
    ]


def test_every_bundled_number_is_a_dialable_us_number():
    """The bundled registries pass as they are: no real listed number is refused."""
    from generator.registry.places import load_places
    from generator.registry.validate import validate
    from tests.conftest import DATA
    registries = validate(DATA, load_places(DATA), TODAY)
    numbers = [r["phone"] for key in ("centers", "coaches") for r in registries.records[key] if "phone" in r]
    numbers += [r[k] for r in registries.help_lines for k in ("call", "text") if k in r]
    assert len(numbers) > 50


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "ftp://example.org/file", "www.example.org"])
def test_only_web_addresses_are_accepted_as_links(registry, url):
    registry.replace("centers.yaml", "url: https://www.wamc.org/news/2024-01-15/example", f'url: "{url}"')
    assert registry.problems() == [
        f"data/centers.yaml:11:14: centers[0].sources[0].url: '{url}' is not a web address; "
        "links must start with https:// (or http://)"
    ]


HOST_LETTERS = "a host name is written in the letters a-z, so that no look-alike letter can pass for another"


@pytest.mark.parametrize(("url", "message"), [
    ("https://www.mass.gov@evil.example/", "has 'www.mass.gov@' before its host, so it leads to evil.example; write "
                                           "the page's own address, without a user name"),
    ("https://m\u0430ss.gov/", f"has U+0430 (cyrillic small letter a) in its host name 'm\u0430ss.gov'; "
                               f"{HOST_LETTERS}; if it is an international address, write it as "
                               "'https://xn--mss-6cd.gov/'"),
    ("https://www.example.org\\\\@evil.example/", "holds a backslash (\\), which browsers read as '/'; write the "
                                                  "address with '/' only"),
    ("https://[::1/x", "cannot be read as a web address (Invalid IPv6 URL); copy it from the browser's address bar"),
    ("https://x.org:99999/", "cannot be read as a web address (Port out of range 0-65535); copy it from the "
                             "browser's address bar"),
    ("http://127.0.0.1/", "has no host name a browser can find ('127.0.0.1'); write the page's address as the "
                          "browser's address bar shows it"),
], ids=["userinfo", "cyrillic-host", "backslash", "unreadable", "port", "ip"])
def test_a_link_that_could_lead_elsewhere_is_refused_at_its_line(registry, url, message):
    registry.replace("centers.yaml", "url: https://www.wamc.org/news/2024-01-15/example", f'url: "{url}"')
    shown = url.replace("\\\\", "\\")
    assert registry.problems() == [f"data/centers.yaml:11:14: centers[0].sources[0].url: '{shown}' {message}"]


@pytest.mark.parametrize(("name", "message"), [
    ("Living in R\\u0435\\u0441\\u043every", "the word 'R\u0435\u0441\u043every' mixes Latin and Cyrillic letters: "
                                         "U+0435 (cyrillic small letter ie) can pass for a Latin one; retype the "
                                         "word in one alphabet"),
    ("Casa Nu\\u0303nez", "holds U+0303 (combining tilde) as a separate character; write 'N\u0169nez' with each "
                         "accented letter as one character (Unicode NFC)"),
    ("Call (413) 570-8244 first", "'(413) 570-8244' looks like a phone number; a number goes in the entry's phone "
                                  "field, with the dated source that gives it (text may quote only a help line's "
                                  "number from data/help.yaml)"),
], ids=["mixed-scripts", "not-nfc", "number"])
def test_a_name_that_can_deceive_is_refused_at_its_line(registry, name, message):
    registry.replace("centers.yaml", "name: Living in Recovery", f'name: "{name}"')
    assert registry.problems() == [f"data/centers.yaml:3:11: centers[0].name: {message}"]


@pytest.mark.parametrize(("char", "name"), [("\u200b", "zero width space"), ("\u200f", "right-to-left mark"),
                                            ("\U000e0041", "tag latin capital letter a"), ("\u00ad", "soft hyphen"),
                                            ("\u2060", "word joiner")])
def test_an_invisible_character_in_any_text_is_refused_at_its_place(registry, char, name):
    registry.replace("centers.yaml", "name: Living in Recovery", f"name: Living in {char}Recovery")
    assert registry.problems() == [f"data/centers.yaml:3:21: U+{ord(char):04X} ({name}) is not allowed; delete it; "
                                   "it is invisible"]


def test_text_may_quote_a_help_line_s_number_and_a_virtual_option_its_phone_line(registry):
    registry.replace("centers.yaml", "    verification: sourced\n", "    virtual: Warmline (413) 570-8244, daily\n"
                     "    notes: Call the 988 Lifeline at 988.\n    verification: sourced\n")
    registry.replace("centers.yaml", "supports: [name, street, town, phone]",
                     "supports: [name, street, town, phone, virtual]")
    assert registry.problems() == []


def test_an_unknown_town_suggests_the_nearest_spelling(registry):
    registry.replace("centers.yaml", "town: Pittsfield", "town: Pittsfeld")
    assert registry.problems() == [
        "data/centers.yaml:7:13: centers[0].address.town: 'Pittsfeld' is not a Massachusetts city or town "
        "(did you mean 'Pittsfield'?)"
    ]


def test_a_village_given_as_town_names_its_town(registry):
    registry.replace("centers.yaml", "town: Pittsfield", "town: Hyannis")
    assert registry.problems() == [
        "data/centers.yaml:7:13: centers[0].address.town: 'Hyannis' is a village or neighbourhood of "
        "Barnstable; write 'Barnstable' (and 'Hyannis' as place)"
    ]


def test_coordinates_outside_massachusetts(registry):
    registry.replace("centers.yaml", "    phone:", "    location: {lat: 40.71, lon: -74.0}\n    phone:")
    assert registry.problems() == [
        "data/centers.yaml:8:21: centers[0].location.lat: 40.71 is not inside Massachusetts (41.18 to 42.89)",
        "data/centers.yaml:8:33: centers[0].location.lon: -74.0 is not inside Massachusetts (-73.51 to -69.86)",
    ]


def test_last_verified_cannot_be_in_the_future(registry):
    registry.replace("coaches.yaml", "last_verified: 2026-10-14", "last_verified: 2027-01-01")
    assert registry.problems(TODAY) == [
        "data/coaches.yaml:15:20: coaches[0].last_verified: 2027-01-01 is in the future (today is 2026-11-30); "
        "write the date the entry was last checked"
    ]


def test_an_impossible_date_is_reported(registry):
    registry.replace("coaches.yaml", "expires: 2027-09-30", "expires: 2027-02-30")
    assert registry.problems() == [
        "data/coaches.yaml:8:16: coaches[0].carc.expires: '2027-02-30' cannot be read (day is out of range for month)"
    ]


def test_a_certified_carc_needs_an_expiry_date(registry):
    registry.replace("coaches.yaml", "      expires: 2027-09-30\n", "")
    assert registry.problems() == [
        "data/coaches.yaml:7:7: coaches[0].carc: a certified CARC needs its expiry date; add 'expires: YYYY-MM-DD'"
    ]


def test_a_real_coach_needs_a_real_number(registry):
    registry.replace("coaches.yaml", "    example: true\n", "    consent: {date: 2026-11-20, how: signed form}\n")
    assert registry.problems() == [
        "data/coaches.yaml:14:12: coaches[0].phone: '(413) 555-0101' is a fictional number; "
        "only example entries may use it",
    ]


def test_an_example_coach_must_use_a_fictional_number(registry):
    registry.replace("coaches.yaml", "(413) 555-0101", "(413) 570-8243")
    assert registry.problems() == [
        "data/coaches.yaml:14:12: coaches[0].phone: an example coach must use a fictional 555-01xx number, "
        "not '(413) 570-8243'"
    ]


def test_a_centre_needs_a_town_or_regions(registry):
    registry.replace("centers.yaml", "    address:\n      street: 75 North St.\n      town: Pittsfield\n", "")
    assert registry.problems() == [
        "data/centers.yaml:2:5: centers[0]: give an address (with at least a town), the regions the centre serves "
        "or the towns the programme serves"
    ]


def test_an_unknown_choice_lists_the_allowed_values(registry):
    registry.replace("centers.yaml", "type: prsc", "type: prcs")
    assert registry.problems() == [
        "data/centers.yaml:4:11: centers[0].type: 'prcs' is not one of: prsc, rlc, program (did you mean 'prsc'?)"
    ]


def test_every_problem_is_reported_in_one_run_in_file_order(registry):
    registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh, en]")
    registry.replace("coaches.yaml", "masshealth: true", "masshealth: yes")
    registry.replace("centers.yaml", "town: Pittsfield", "town: Pittsfeld")
    problems = registry.problems()
    assert [p.split(":")[0:2] for p in problems] == [
        ["data/centers.yaml", "7"], ["data/coaches.yaml", "5"], ["data/coaches.yaml", "9"]]


def test_a_missing_registry_file_is_reported(registry):
    (registry.dir / "tracks.yaml").unlink()
    assert registry.problems()[0] == "data/tracks.yaml:1:1: the file is missing; it must hold 'tracks:'"


def test_a_file_with_the_wrong_top_level_key(registry):
    registry.write("tracks.yaml", "track:\n  - id: x\n")
    assert registry.problems() == [
        "data/tracks.yaml:1:1: the file must start with 'tracks:' followed by a list of entries",
        "data/tracks.yaml:1:1: track: unknown top-level key 'track'; the file holds only 'tracks:'",
    ]


def test_a_help_line_in_the_banner_needs_a_number(registry):
    registry.replace("help.yaml", '    call: "988"\n', "")
    assert registry.problems() == [
        "data/help.yaml:2:5: help_lines[0]: a line shown in the banner needs a number to call; add 'call:'"
    ]


def test_a_github_annotation_cannot_be_ended_early_by_a_quoted_value():
    """A quoted value's carriage return or line feed would end the workflow command and start another."""
    problem = Problem("data/centers.yaml", 3, 11, "centers[0].name", "'a\r::warning::x\nb 100%' is wrong")
    assert problem.github() == ("::error file=data/centers.yaml,line=3,col=11::centers[0].name: "
                                "'a%0D::warning::x%0Ab 100%25' is wrong")
