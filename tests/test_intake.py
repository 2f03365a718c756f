"""Approved issue-form requests become validated YAML edits, or the problems their author must fix, in the
words of the form; every line outside the edited entry stays byte-identical, and hostile answers stay data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.app.build import build
from generator.app.cli import main
from generator.app.intake import Context, Issue, RequestError, Result, apply, comment, timestamp
from generator.registry.places import load_places
from generator.registry.validate import validate
from generator.settings import Settings
from tests.conftest import DATA, TODAY

FIXTURES = Path(__file__).parent / "fixtures" / "issues"
ISSUE_URL = "https://github.com/o/r/issues/7"


@pytest.fixture
def settings(tmp_path) -> Settings:
    """A copy of the bundled data, so a test can look at the files an edit writes."""
    shutil.copytree(DATA, tmp_path / "data")
    return Settings(data_dir=tmp_path / "data", today=TODAY, fiction=True)


def body(fixture: str, *swaps: tuple[str, str]) -> str:
    text = (FIXTURES / fixture).read_bytes().decode("utf-8")  # as GitHub sends it, with CRLF line endings
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    return text


def edit(kind: str, fixture: str, settings: Settings, *swaps: tuple[str, str],
         context: Context | None = None) -> Result:
    return apply(kind, body(fixture, *swaps), settings, 7, ISSUE_URL, context or Context())


def problems(kind: str, fixture: str, settings: Settings, *swaps: tuple[str, str]) -> list[str]:
    with pytest.raises(RequestError) as err:
        edit(kind, fixture, settings, *swaps)
    return [str(issue) for issue in err.value.issues]


def entries(text: str, key: str) -> dict[str, dict]:
    return {record["id"]: record for record in yaml.safe_load(text)[key]}


def outside(text: str, record_id: str) -> list[str]:
    """The file's lines other than those of one entry."""
    lines = text.split("\n")
    start = lines.index(f"  - id: {record_id}")
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith(("  - ", "  #")))
    return lines[:start] + lines[end:]


def still_valid(result: Result, settings: Settings) -> None:
    for rel, text in result.files.items():
        (settings.data_dir / Path(rel).name).write_text(text, encoding="utf-8")
    validate(settings.data_dir, load_places(settings.data_dir), TODAY, fiction=settings.fiction)


# --- corrections --------------------------------------------------------------------------------------

def test_a_phone_correction_changes_that_entry_only_with_a_dated_source_for_the_phone(settings):
    before = (settings.data_dir / "centers.yaml").read_text(encoding="utf-8")
    result = edit("correction", "correction-phone.md", settings)
    after = result.files["data/centers.yaml"]
    assert list(result.files) == ["data/centers.yaml"]
    assert outside(after, "living-in-recovery-pittsfield") == outside(before, "living-in-recovery-pittsfield")
    old, new = (entries(t, "centers") for t in (before, after))
    changed = new.pop("living-in-recovery-pittsfield")
    was = old.pop("living-in-recovery-pittsfield")
    assert new == old
    assert changed["phone"] == "(413) 555-0199"
    older = [{**source, "supports": [n for n in source["supports"] if n != "phone"]} for source in was["sources"]
             if source["supports"] != ["phone"]]  # attribution follows the value: no older page gives the new number
    assert [s for s in was["sources"] if "phone" in s["supports"]]
    assert changed["sources"] == older + [{
        "url": "https://www.example.org/living-in-recovery/contact", "title": "Living in Recovery: Contact us",
        "date": "2026-11-12", "supports": ["phone"]}]
    assert changed["last_verified"] == TODAY
    assert {k: v for k, v in changed.items() if k not in ("phone", "sources", "last_verified")} == \
           {k: v for k, v in was.items() if k not in ("phone", "sources", "last_verified")}
    assert result.title == "Correct living-in-recovery-pittsfield (issue #7)"
    assert "Closes #7." in result.body
    still_valid(result, settings)


def test_a_field_the_entry_lacks_goes_in_the_schema_order_and_the_source_supports_each_change(settings):
    result = edit("correction", "correction-phone.md", settings,
                  ("### New opening hours\r\n\r\n_No response_", "### New opening hours\r\n\r\nMon-Fri 10am-4pm"),
                  ("### New ZIP code\r\n\r\n_No response_", "### New ZIP code\r\n\r\n01201"))
    entry = entries(result.files["data/centers.yaml"], "centers")["living-in-recovery-pittsfield"]
    assert list(entry).index("hours") == list(entry).index("phone") + 1
    assert entry["hours"] == "Mon-Fri 10am-4pm"
    assert entry["sources"][-1]["supports"] == ["zip", "phone", "hours"]
    still_valid(result, settings)


@pytest.mark.parametrize(("fixture", "expected"), [
    ("correction-unknown-town.md", ["New city or town: 'Pittsfeld' is not a Massachusetts city or town (did you "
                                    "mean 'Pittsfield'?)"]),
    ("correction-bad-phone.md", ["New phone number: '413-55' is not a valid US phone number; write it like "
                                 "'(617) 555-0100'"]),
    ("correction-no-source.md", ["Where can we check it?: missing; give the address of a public page that gives "
                                 "the change",
                                 "Title of that page: missing; give the page's title or who published it"]),
    ("correction-source-without-date.md", ["Date of that page: missing; give the page's date, as YYYY-MM-DD, or "
                                           "YYYY-MM or YYYY"]),
    ("correction-unknown-listing.md", ["Which listing?: 'living-in-recovery-pitsfield' is not the id of a listing "
                                       "in the centers directory (did you mean 'living-in-recovery-pittsfield'?); "
                                       "copy it from the listing's page address (…/centers/<id>/)"]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_bad_correction_gets_each_problem_named_by_its_question(settings, fixture, expected):
    assert problems("correction", fixture, settings) == expected


@pytest.mark.parametrize(("number", "message"), [
    ("(900) 555-1234", "'(900) 555-1234' is a premium-rate number that charges the caller; write a landline, mobile "
                       "or toll-free number, like '(617) 555-0100'"),
    ("876-926-1234", "'876-926-1234' is a number in Jamaica, not in the United States: a call to it costs the caller "
                     "and reaches no Massachusetts service; write the US number the source gives, like "
                     "'(617) 555-0100'"),
    ("(413) 555-0199", "'(413) 555-0199' is a fictional 555-01xx number; write the real number the source gives"),
    ("(\u0664\u0661\u0663) \u0665\u0667\u0660-\u0668\u0662\u0664\u0664",
     "'(\u0664\u0661\u0663) \u0665\u0667\u0660-\u0668\u0662\u0664\u0664' holds U+0664 (arabic-indic digit four); "
     "write it with the digits 0-9 as '(413) 570-8244'"),
], ids=["premium", "jamaica", "fiction", "arabic-indic"])
def test_a_scam_number_is_refused_under_its_question(settings, number, message):
    real = dataclasses.replace(settings, fiction=False)
    assert problems("correction", "correction-phone.md", real, ("(413) 555-0199", number)) == [
        f"New phone number: {message}"]


def test_a_number_answered_in_any_us_form_is_written_in_the_one_stored_form(settings):
    result = edit("correction", "correction-phone.md", settings, ("(413) 555-0199", "+1 413.555.0199 x 7"))
    entry = entries(result.files["data/centers.yaml"], "centers")["living-in-recovery-pittsfield"]
    assert entry["phone"] == "(413) 555-0199 ext. 7"


def test_only_web_addresses_can_become_links(settings):
    assert problems("correction", "correction-phone.md", settings,
                    ("### New website\r\n\r\n_No response_", "### New website\r\n\r\njavascript:alert(1)"),
                    ("https://www.example.org/living-in-recovery/contact", "data:text/html,hi")) == [
        "New website: 'javascript:alert(1)' is not a web address; links must start with https:// (or http://)",
        "Where can we check it?: 'data:text/html,hi' is not a web address; links must start with https:// "
        "(or http://)",
    ]


def test_a_source_date_that_is_not_a_date_is_named_by_its_question(settings):
    assert problems("correction", "correction-phone.md", settings, ("2026-11-12", "12/11/2026")) == [
        "Date of that page: '12/11/2026' is not a date; write the source's date as YYYY-MM-DD, or \"YYYY-MM\" or "
        "YYYY when the page gives no day"]


# --- coach listing requests -----------------------------------------------------------------------------

def test_a_listing_request_adds_a_consented_coach_at_the_end_of_the_file(settings):
    before = (settings.data_dir / "coaches.yaml").read_text(encoding="utf-8")
    result = edit("listing", "coach-listing.md", settings, context=Context("jordan-gh"))
    after = result.files["data/coaches.yaml"]
    assert after.startswith(before)
    (coach_id,) = set(entries(after, "coaches")) - set(entries(before, "coaches"))
    assert re.fullmatch(r"coach-[a-z2-9]{8}", coach_id)  # says nothing of the person, now or once they leave
    assert entries(after, "coaches")[coach_id] == {
        "id": coach_id, "name": "Jordan Fixture",
        "summary": "I coach parents in recovery in the Pioneer Valley.",
        "employer": "Fixture Recovery Services", "languages": ["en", "es"],
        "carc": {"status": "certified", "expires": dt.date(2027, 6, 30)}, "masshealth": True,
        "specialties": ["opioids"], "tracks": ["pregnant-parenting"], "modes": ["in_person", "video"],
        "serves": {"towns": ["Springfield", "Chicopee"], "regions": ["western"]}, "email": "jordan@example.org",
        "consent": {"date": TODAY, "how": ISSUE_URL, "by": "jordan-gh"}, "last_verified": TODAY}
    assert result.title == f"List coach {coach_id} (issue #7)"
    still_valid(result, settings)


def test_a_second_coach_of_the_same_name_gets_another_id(settings):
    first = edit("listing", "coach-listing.md", settings)
    still_valid(first, settings)
    second = edit("listing", "coach-listing.md", settings)
    coaches = entries(second.files["data/coaches.yaml"], "coaches").values()
    assert len({c["id"] for c in coaches if c["name"] == "Jordan Fixture"}) == 2


@pytest.mark.parametrize(("fixture", "expected"), [
    ("coach-listing-no-consent.md", ["Consent: not ticked: 'I agree to be contacted by the public at the phone or "
                                     "e-mail above.'; we list a coach only with all three agreements"]),
    ("coach-listing-expired-carc.md", ["CARC expiry date: your CARC expired on 1 October 2026; a coach is listed "
                                       "with a current CARC, or as in progress while working toward it"]),
    ("coach-listing-unknown-town.md", ["Towns you serve: 'Chicopie' is not a Massachusetts city or town (did you "
                                       "mean 'Chicopee'?)"]),
    ("coach-listing-bad-phone.md", ["Work phone: '(413) 12-345' is not a valid US phone number; write it like "
                                    "'(617) 555-0100'"]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_bad_listing_request_gets_each_problem_named_by_its_question(settings, fixture, expected):
    assert problems("listing", fixture, settings) == expected


def test_a_choice_that_is_not_on_the_form_and_an_unknown_language_are_problems(settings):
    assert problems("listing", "coach-listing.md", settings, ("- [X] Video", "- [X] Carrier pigeon"),
                    ("English, Spanish", "English, Klingon")) == [
        "Languages: 'Klingon' is not a language we know; write its English name, like Spanish or Portuguese",
        "Ways of meeting: 'Carrier pigeon' is not one of the choices: In person, Phone, Video, Text message",
    ]


def test_the_public_form_never_asks_for_the_certificate_number_and_says_how_it_is_given(settings):
    form = yaml.safe_load((settings.root / ".github" / "ISSUE_TEMPLATE" / "coach-listing.yml").read_text())
    asked = [q["attributes"]["label"] for q in form["body"] if "id" in q]
    assert [label for label in asked if "number" in label.lower()] == []
    said = " ".join(q["attributes"]["value"] for q in form["body"] if q["type"] == "markdown")
    assert "Do not write your CARC certificate number here" in said and "asks you for the number there" in said
    result = edit("listing", "coach-listing.md", settings, ("\r\n\r\nCertified\r\n", "\r\n\r\nIn progress\r\n"))
    (coach,) = [c for c in entries(result.files["data/coaches.yaml"], "coaches").values() if "consent" in c]
    assert coach["carc"] == {"status": "in_progress"}
    assert "ask the coach for their CARC certificate number privately" in result.body


# --- removals -----------------------------------------------------------------------------------------------

def test_a_removal_takes_the_coach_out_and_keeps_only_a_neutral_retired_entry(settings):
    coaches = (settings.data_dir / "coaches.yaml").read_text(encoding="utf-8")
    retired = (settings.data_dir / "retired.yaml").read_text(encoding="utf-8")
    result = edit("removal", "coach-removal.md", settings)
    after = result.files["data/coaches.yaml"]
    assert "sam-sample" not in entries(after, "coaches")
    assert after.split("\n") == [line for line in outside(coaches, "sam-sample")]
    assert result.files["data/retired.yaml"].startswith(retired.split("retired: []")[0])
    (gone,) = yaml.safe_load(result.files["data/retired.yaml"])["retired"]
    assert (gone["id"], gone["registry"], gone["retired_on"]) == ("sam-sample", "coaches", TODAY)
    assert "Sam" not in result.files["data/retired.yaml"]
    assert result.title == "Remove coach sam-sample (issue #7)"
    still_valid(result, settings)


def test_removing_the_last_coach_leaves_the_file_as_if_it_had_never_been_added(settings):
    text = (settings.data_dir / "coaches.yaml").read_text(encoding="utf-8")
    last = text.split("\n  - id: ")[-1].split("\n")[0]
    result = edit("removal", "coach-removal.md", settings, ("sam-sample", last))
    assert result.files["data/coaches.yaml"] == text[:text.index(f"\n\n  - id: {last}\n")] + "\n"
    still_valid(result, settings)


def test_removing_the_only_coach_leaves_an_empty_list(registry):
    settings = Settings(data_dir=registry.dir, today=TODAY)
    result = edit("removal", "coach-removal.md", settings, ("sam-sample", "rosa-example"))
    assert result.files["data/coaches.yaml"] == "coaches: []\n"
    assert result.files["data/retired.yaml"].startswith("retired:\n  - id: rosa-example\n    registry: coaches\n")
    still_valid(result, settings)


def test_a_removal_of_an_unknown_coach_or_without_confirmation_is_refused(settings):
    assert problems("removal", "coach-removal-unknown.md", settings) == [
        "Which listing?: 'sam-sampel' is not the id of a listing in the coaches directory (did you mean "
        "'sam-sample'?); copy it from the listing's page address (…/coaches/<id>/)"]
    assert problems("removal", "coach-removal.md", settings, ("- [X]", "- [ ]")) == [
        "Confirmation: not ticked; a listing is removed only when its coach asks"]


# --- hostile answers --------------------------------------------------------------------------------------------

def test_an_answer_cannot_add_lines_or_keys_to_the_yaml(settings):
    assert problems("listing", "coach-listing-injection.md", settings) == ["Name to show: must be a single line"]
    result = edit("listing", "coach-listing-injection.md", settings,
                  ("Jordan Fixture\r\n  - id: injected\r\n    example: true", "Jordan Fixture"))
    (coach,) = [c for c in entries(result.files["data/coaches.yaml"], "coaches").values() if "consent" in c]
    assert coach["employer"] == 'Acme", example: true, x: "'
    assert "example" not in coach and "x" not in coach
    still_valid(result, settings)


def test_invisible_characters_and_very_long_answers_are_refused_before_anything_is_written(settings):
    assert problems("listing", "coach-listing.md", settings, ("Jordan Fixture", "Jordan\x1b[2J Fixture")) == [
        "Name to show: U+001B (escape) is not allowed; delete it; it is invisible"]
    assert problems("listing", "coach-listing.md", settings, ("Jordan Fixture", "J" * 5000)) == [
        "Name to show: is 5,000 characters long; keep it under 1,000"]
    assert problems("listing", "coach-listing.md", settings, ("Jordan Fixture", "J" * 101)) == [
        "Name to show: is 101 characters long; keep it under 100"]


def test_a_question_answered_twice_is_a_problem(settings):
    twice = body("coach-listing.md") + "\r\n### Name to show\r\n\r\nSomeone Else\r\n"
    with pytest.raises(RequestError) as err:
        apply("listing", twice, settings, 7, ISSUE_URL)
    assert [str(i) for i in err.value.issues] == [
        "Name to show: this question is answered twice; edit the issue so it appears once"]


def test_the_comment_cannot_mention_link_or_format(settings):
    text = comment([Issue("Town", "'@org/maintainers #12 www.evil.example a@evil.example [x](https://evil.example) "
                                  "`**b**` | c' is not a town")])
    assert ("- **Town**: `` '@org/maintainers #12 www.evil.example a@evil.example [x](https://evil.example) `**b**` "
            "| c' is not a town ``") in text.split("\n")


# --- attacks: a fixture body for each, refused with its message, or flagged for the approver ---------------------

ABROAD = ("not in the United States: a call to it costs the caller and reaches no Massachusetts service; write the US "
          "number the source gives, like '(617) 555-0100'")
HOST_LETTERS = "a host name is written in the letters a-z, so that no look-alike letter can pass for another"


@pytest.mark.parametrize(("fixture", "expected"), [
    ("attack-premium-phone.md", "New phone number: '1-900-555-0175' is a premium-rate number that charges the caller; "
                                "write a landline, mobile or toll-free number, like '(617) 555-0100'"),
    ("attack-jamaica-phone.md", f"New phone number: '(876) 926-1234' is a number in Jamaica, {ABROAD}"),
    ("attack-dominican-phone.md", f"New phone number: '809-221-2345' is a number in the Dominican Republic, {ABROAD}"),
    ("attack-uk-phone.md", f"New phone number: '+44 20 7946 0958' is a number in the United Kingdom, {ABROAD}"),
    ("attack-nigeria-phone.md", f"New phone number: '+234 803 123 4567' is a number in Nigeria, {ABROAD}"),
    ("attack-n11-phone.md", "New phone number: '(413) 911-4357' has 911 after the area code, which no US line has (it "
                            "is the short code 911); check the digits and write it like '(617) 555-0100'"),
    ("attack-fiction-phone.md", "New phone number: '(413) 555-0142' is a fictional 555-01xx number; write the real "
                                "number the source gives"),
    ("attack-arabic-digits.md", "New phone number: '(\u0664\u0661\u0663) \u0665\u0667\u0660-\u0668\u0662\u0664\u0664' "
                                "holds U+0664 (arabic-indic digit four); write it with the digits 0-9 as "
                                "'(413) 570-8244'"),
    ("attack-notes-phone.md", "Closed or moved?: '413-570-8244' looks like a phone number; a number goes in the "
                              "entry's phone field, with the dated source that gives it (text may quote only a help "
                              "line's number from data/help.yaml)"),
    ("attack-userinfo-website.md", "New website: 'https://www.mass.gov@evil.example/recovery' has 'www.mass.gov@' "
                                   "before its host, so it leads to evil.example; write the page's own address, "
                                   "without a user name"),
    ("attack-cyrillic-website.md", "New website: 'https://www.m\u0430ss.gov/recovery' has U+0430 (cyrillic small "
                                   "letter a) in its host name 'www.m\u0430ss.gov'; " + HOST_LETTERS + "; if it is an "
                                   "international address, write it as 'https://www.xn--mss-6cd.gov/recovery'"),
    ("attack-backslash-website.md", "New website: 'https://www.mass.gov\\@evil.example/' holds a backslash (\\), which "
                                    "browsers read as '/'; write the address with '/' only"),
    ("attack-unreadable-source.md", "Where can we check it?: 'https://[::1/x' cannot be read as a web address (Invalid "
                                    "IPv6 URL); copy it from the browser's address bar"),
    ("attack-zero-width-name.md", "New name: U+200B (zero width space) is not allowed; delete it; it is invisible"),
    ("attack-bidi-mark-name.md", "New name: U+200F (right-to-left mark) is not allowed; delete it; it is invisible"),
    ("attack-tag-characters.md", "New opening hours: U+E0049 (tag latin capital letter i) is not allowed; delete it; "
                                 "it is invisible"),
    ("attack-mixed-script-name.md", "New name: the word 'R\u0435\u0441\u043every' mixes Latin and Cyrillic letters: "
                                    "U+0435 (cyrillic small letter ie) can pass for a Latin one; retype the word in "
                                    "one alphabet"),
], ids=lambda v: v.removeprefix("attack-").removesuffix(".md") if v.startswith("attack-") else "_")
def test_each_attack_is_refused_under_its_question_and_nothing_is_written(settings, tmp_path, fixture, expected):
    real = dataclasses.replace(settings, fiction=False)
    before = {p.name: p.read_bytes() for p in settings.data_dir.glob("*.*")}
    assert problems("correction", fixture, real) == [expected]
    out = tmp_path / "out"
    args = ["intake", "--data", str(settings.data_dir), "--as-of", TODAY.isoformat(), "--issue", "7", "--out"]
    assert main([*args, str(out), "--kind", "correction", "--body", str(FIXTURES / fixture)]) == 3
    assert [p.name for p in out.iterdir()] == ["comment.md"]
    assert {p.name: p.read_bytes() for p in settings.data_dir.glob("*.*")} == before


def test_the_approver_sees_before_and_after_a_call_first_warning_who_asked_and_which_text(settings):
    context = Context("some-user", timestamp("2026-11-29T10:00:00Z"), timestamp("2026-11-29T12:00:00Z"))
    result = edit("correction", "correction-phone.md", settings, context=context)
    digest = hashlib.sha256(body("correction-phone.md").encode()).hexdigest()
    lines = result.body.split("\n")
    assert lines[:4] == [
        "| field | before | after |", "|---|---|---|",
        "| ` phone ` | ` (413) 570-8243 ` | ` (413) 555-0199 ` |",
        "| ` source https://github.com/timspit/ccb_foundation/blob/6d42b5ecacb43248687213e260677a97d485ddad/"
        "ma_recovery_directory/data/peer_recovery_centers.csv ` | ` The state's list of Peer Recovery Support Centers "
        "(public copy, data as of February 2026 from mass.gov) (2026-02), supports: name, street, zip, phone ` | "
        "` The state's list of Peer Recovery Support Centers (public copy, data as of February 2026 from mass.gov) "
        "(2026-02), supports: name, street, zip ` |"]
    assert ("> This request changes the phone of a listing people in crisis use. Call the old number and the new one "
            "(` (413) 570-8243 ` and ` (413) 555-0199 `) before merging") in result.body
    assert "- Requested by: `some-user`" in lines
    assert "- From the organisation that runs it: yes, they say they work or volunteer there (not checked)" in lines
    assert (f"- Issue text converted: sha256 `{digest}`, last edited 2026-11-29 10:00 UTC; last maintainer comment or "
            "label before approval: 2026-11-29 12:00 UTC") in lines
    assert "[!CAUTION]" not in result.body and result.notice == ""


def test_a_text_edited_after_the_last_review_is_flagged_in_the_pull_request_and_on_the_issue(settings, tmp_path):
    out = tmp_path / "out"
    assert main(["intake", "--data", str(settings.data_dir), "--as-of", TODAY.isoformat(), "--issue", "7", "--out",
                 str(out), "--kind", "correction", "--body", str(FIXTURES / "correction-hours.md"),
                 "--requester", "someone", "--body-updated-at", "2026-11-30T09:30:00Z",
                 "--last-review-at", "2026-11-29T16:00:00Z"]) == 0
    digest = hashlib.sha256((FIXTURES / "correction-hours.md").read_bytes()).hexdigest()
    assert ("> [!CAUTION]\n> The request's text was edited after the last maintainer comment or label. Read the issue "
            "again: this pull request was made from the edited text.") in (out / "pr-body.md").read_text()
    assert (out / "notice.md").read_text() == (
        "The text of this request was edited on 2026-11-30 09:30 UTC, after the last maintainer comment or label "
        f"(2026-11-29 16:00 UTC). The pull request was made from the edited text (sha256 `{digest}`): please read "
        "the request again before merging.\n")
    assert "- From the organisation that runs it: no" in (out / "pr-body.md").read_text()
    assert "WARNING" not in (out / "pr-body.md").read_text()  # hours only: nothing to call


def test_quoted_answers_cannot_mention_reference_or_link(settings):
    result = edit("correction", "attack-mentions.md", settings)
    row = next(line for line in result.body.split("\n") if line.startswith("| ` hours `"))
    assert row == ("| ` hours ` | — | `` Mon-Fri 9-5 @org/maintainers #12 https://evil.example/x "
                   "[x](https://evil.example) `a\\|b` `` |")
    outside = result.body.replace(row, "")
    assert not re.search(r"@org|#12|evil", outside)


def test_attribution_follows_the_value_and_a_new_number_is_no_longer_confirmed(settings):
    path = settings.data_dir / "centers.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: living-in-recovery-pittsfield")
    entry = text[start:text.index("\n\n", start)]
    confirmed = entry.replace("    verification: sourced", "    verification: confirmed\n    confirmed_on: 2026-11-01")
    confirmed = confirmed.replace("        supports: [name, street, town]\n      - url: \"https://exbulletin",
                                  "        supports: [name, street, town]\n      - url: \"https://old.example/2019\"\n"
                                  "        title: \"An old page\"\n        date: 2019\n        supports: [phone]\n"
                                  "      - url: \"https://exbulletin")
    path.write_text(text.replace(entry, confirmed), encoding="utf-8")
    result = edit("correction", "correction-phone.md", settings)
    changed = entries(result.files["data/centers.yaml"], "centers")["living-in-recovery-pittsfield"]
    assert (changed["verification"], "confirmed_on" in changed) == ("sourced", False)
    assert "https://old.example/2019" not in [s["url"] for s in changed["sources"]]  # it gave only the old number
    assert [s["url"] for s in changed["sources"] if "phone" in s["supports"]] == [
        "https://www.example.org/living-in-recovery/contact"]
    assert "| ` verification ` | ` confirmed ` | ` sourced ` |" in result.body
    still_valid(result, settings)


def test_a_removal_is_shown_beside_the_consent_and_one_from_another_account_is_checked(settings):
    path = settings.data_dir / "coaches.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - id: sam-sample\n", "  - id: sam-sample\n    consent: {date: 2026-11-01, how: 'https://github.com/o/r/"
        "issues/3', by: sam-gh}\n", 1), encoding="utf-8")
    same = edit("removal", "coach-removal.md", settings, context=Context("Sam-GH"))
    assert "- Consent record: given 2026-11-01 by `sam-gh`" in same.body.split("\n")
    assert "- Requested by: `Sam-GH`" in same.body.split("\n")
    assert "WARNING" not in same.body and "Sam Sample" not in same.body
    other = edit("removal", "coach-removal.md", settings, context=Context("stranger"))
    assert ("> [!WARNING]\n> This removal is not asked by the account that asked for the listing. Check with the coach "
            "(at the work phone or e-mail on the listing) that they want it removed before merging.") in other.body
    assert other.files == same.files


def test_a_login_that_is_not_a_github_account_name_is_not_shown(settings):
    result = edit("correction", "correction-hours.md", settings, context=Context("@org/maintainers"))
    assert "- Requested by: not known" in result.body.split("\n")


# --- the command and the pages ------------------------------------------------------------------------------------

def test_the_command_writes_the_files_or_a_comment_with_its_own_exit_code(settings, tmp_path):
    out = tmp_path / "out"
    args = ["intake", "--data", str(settings.data_dir), "--as-of", TODAY.isoformat(), "--issue", "7", "--out"]
    assert main([*args, str(out), "--kind", "correction", "--body", str(FIXTURES / "correction-hours.md")]) == 0
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["centers.yaml", "pr-body.md", "pr-title.txt"]
    assert (out / "pr-title.txt").read_text() == "Correct living-in-recovery-pittsfield (issue #7)\n"
    bad = tmp_path / "bad"
    assert main([*args, str(bad), "--kind", "correction", "--body", str(FIXTURES / "correction-bad-phone.md")]) == 3
    assert [p.name for p in bad.iterdir()] == ["comment.md"]
    assert "- **New phone number**: ` '413-55' is not a valid US phone number" in (bad / "comment.md").read_text()


@pytest.mark.slow  # builds a site of its own
def test_a_programme_page_links_to_the_form_prefilled_with_its_id(registry, tmp_path):
    registry.replace("centers.yaml", "type: prsc", "type: program")
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, repo_url="https://github.com/o/r"))
    page = (site / "centers" / "living-in-recovery-pittsfield" / "index.html").read_text()
    assert ('href="https://github.com/o/r/issues/new?template=listing.yml&amp;title=Listing%3A+Living+in+Recovery'
            '&amp;listing=living-in-recovery-pittsfield"') in page


def test_without_a_repository_no_page_links_to_a_form(bundled_site):
    pages = [p for folder in ("centers", "coaches") for p in (bundled_site / folder).glob("*/index.html")]
    assert len(pages) > 40
    assert [p for p in pages if "issues/new" in p.read_text()] == []


# --- confirmations (issue 23) ------------------------------------------------------------------------------
# `on:` is read as the registries read it (YAML 1.2: only true/false are booleans), not as PyYAML's YAML 1.1 True.

def confirmed_entry(result: Result) -> dict:
    from generator.registry.load import parse
    return {r["id"]: r for r in parse(result.files["data/centers.yaml"])["centers"]}["living-in-recovery-pittsfield"]

def _center_after(result: Result, settings: Settings):
    from generator.model.site import load_site
    still_valid(result, settings)
    return next(c for c in load_site(settings).centers if c.id == "living-in-recovery-pittsfield")


def test_a_confirmation_records_each_field_and_makes_the_listing_confirmed(settings):
    before = (settings.data_dir / "centers.yaml").read_text(encoding="utf-8")
    result = edit("confirmation", "confirmation.md", settings, context=Context("maintainer-login"))
    after = result.files["data/centers.yaml"]
    assert outside(after, "living-in-recovery-pittsfield") == outside(before, "living-in-recovery-pittsfield")
    entry = confirmed_entry(result)
    stamp = {"on": dt.date(2026, 11, 28), "how": "phone", "by": "maintainer-login"}
    assert entry["confirmed"] == {name: stamp for name in ("phone", "address", "hours", "opening_hours",
                                                            "eligibility", "languages")}
    assert (entry["opening_hours"], entry["languages"]) == (["Mo-Fr 09:00-17:00"], ["en", "es"])
    assert entry["sources"][-1] == {"url": "https://www.example.org/living-in-recovery/visit",
                                    "title": "Living in Recovery: Visit us", "date": "2026-11-20",
                                    "supports": ["hours", "opening_hours", "eligibility", "languages"]}
    assert entry["phone"] == "(413) 570-8243" and entry["verification"] == "sourced"  # the model derives the level
    assert result.title == "Confirm living-in-recovery-pittsfield (issue #7)"
    lines = result.body.split("\n")
    assert "| ` confirmed.phone ` | — | ` on 2026-11-28, phone, by maintainer-login ` |" in lines
    assert "| ` reads as ` | ` sourced ` | ` confirmed (since 2026-11-28) ` |" in lines
    assert "WARNING" not in result.body  # nothing a visitor dials changed
    center = _center_after(result, settings)
    assert (center.verification, center.confirmed_on) == ("confirmed", dt.date(2026, 11, 28))


def test_a_partial_confirmation_keeps_the_listing_sourced(settings):
    result = edit("confirmation", "confirmation-partial.md", settings)
    entry = confirmed_entry(result)
    assert entry["confirmed"] == {"phone": {"on": dt.date(2026, 11, 28), "how": "phone", "by": "maintainer-login"}}
    assert "| ` reads as ` | ` sourced ` | ` sourced ` |" in result.body.split("\n")
    assert _center_after(result, settings).verification == "sourced"


def test_a_changed_number_comes_with_its_source_and_a_call_first_warning(settings):
    result = edit("confirmation", "confirmation-changed-number.md", settings)
    entry = entries(result.files["data/centers.yaml"], "centers")["living-in-recovery-pittsfield"]
    assert entry["phone"] == "(413) 555-0199"
    assert [s["url"] for s in entry["sources"] if "phone" in s["supports"]] == [
        "https://www.example.org/living-in-recovery/contact"]  # attribution follows the value
    assert "| ` phone ` | ` (413) 570-8243 ` | ` (413) 555-0199 ` |" in result.body.split("\n")
    assert ("> This request changes the phone of a listing people in crisis use. Call the old number and the new one "
            "(` (413) 570-8243 ` and ` (413) 555-0199 `) before merging") in result.body
    assert _center_after(result, settings).verification == "confirmed"


def test_a_changed_number_without_a_source_is_refused(settings):
    assert problems("confirmation", "confirmation-changed-number.md", settings,
                    ("https://www.example.org/living-in-recovery/contact", "_No response_"),
                    ("Living in Recovery: Contact us", "_No response_"), ("2026-11-12", "_No response_")) == [
        "Where can a new value be checked?: missing; a new phone number needs the address of a public page that "
        "gives the new value",
        "Title of that page: missing; a new phone number needs the page's title or who published it",
        "Date of that page: missing; a new phone number needs the page's date, as YYYY-MM-DD, or YYYY-MM or YYYY"]


@pytest.mark.parametrize(("swap", "expected"), [
    (None, "On which date was it confirmed?: '28/11/2026' is not a date; write the day it was confirmed as "
           "YYYY-MM-DD"),
    ("2026-12-01", "On which date was it confirmed?: 2026-12-01 is in the future (today is 2026-11-30); write the "
                   "day it was confirmed"),
    ("2025-11-29", "On which date was it confirmed?: 2025-11-29 is more than 12 months ago; a confirmation that old "
                   "no longer counts, so confirm the listing again"),
])
def test_a_bad_confirmation_date_is_named_by_its_question(settings, swap, expected):
    swaps = [("28/11/2026", swap)] if swap else []
    assert problems("confirmation", "confirmation-bad-date.md", settings, *swaps) == [expected]


def test_a_confirmation_twelve_months_old_is_accepted(settings):
    result = edit("confirmation", "confirmation-partial.md", settings, ("2026-11-28", "2025-11-30"))
    assert "` on 2025-11-30, phone, by maintainer-login `" in result.body


def test_a_confirmation_by_an_unknown_means_or_of_nothing_is_refused(settings):
    assert problems("confirmation", "confirmation-partial.md", settings, ("\r\nphone\r\n", "\r\nfax\r\n"),
                    ("413-570-8243", "_No response_")) == [
        "How was it confirmed?: 'fax' is not one of: phone, email, visit, own-page",
        "Which listing?: no field is answered; write the value the centre confirmed (or the new value) for each "
        "field you checked"]
