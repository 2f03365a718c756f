"""Approved issue-form requests become validated YAML edits, or the problems their author must fix, in the
words of the form; every line outside the edited entry stays byte-identical, and hostile answers stay data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator.app.build import build
from generator.app.cli import main
from generator.app.intake import Issue, RequestError, Result, apply, comment
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
    return Settings(data_dir=tmp_path / "data", today=TODAY)


def body(fixture: str, *swaps: tuple[str, str]) -> str:
    text = (FIXTURES / fixture).read_bytes().decode("utf-8")  # as GitHub sends it, with CRLF line endings
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    return text


def edit(kind: str, fixture: str, settings: Settings, *swaps: tuple[str, str]) -> Result:
    return apply(kind, body(fixture, *swaps), settings, 7, ISSUE_URL)


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
    validate(settings.data_dir, load_places(settings.data_dir), TODAY)


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
    assert changed["sources"] == was["sources"] + [{
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
    result = edit("listing", "coach-listing.md", settings)
    after = result.files["data/coaches.yaml"]
    assert after.startswith(before)
    assert entries(after, "coaches")["jordan-fixture"] == {
        "id": "jordan-fixture", "name": "Jordan Fixture",
        "summary": "I coach parents in recovery in the Pioneer Valley.",
        "employer": "Fixture Recovery Services", "languages": ["en", "es"],
        "carc": {"status": "certified", "expires": dt.date(2027, 6, 30)}, "masshealth": True,
        "specialties": ["opioids"], "tracks": ["pregnant-parenting"], "modes": ["in_person", "video"],
        "serves": {"towns": ["Springfield", "Chicopee"], "regions": ["western"]}, "email": "jordan@example.org",
        "consent": {"date": TODAY, "how": ISSUE_URL}, "last_verified": TODAY}
    assert "CARC-12345" not in after  # the certificate number is for the maintainer's check only
    assert result.title == "List coach jordan-fixture (issue #7)"
    still_valid(result, settings)


def test_a_second_coach_of_the_same_name_gets_a_new_id(settings):
    first = edit("listing", "coach-listing.md", settings)
    still_valid(first, settings)
    second = edit("listing", "coach-listing.md", settings)
    assert "jordan-fixture-2" in entries(second.files["data/coaches.yaml"], "coaches")


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


def test_a_certified_coach_gives_a_certificate_number_and_someone_in_progress_need_not(settings):
    assert problems("listing", "coach-listing.md", settings, ("CARC-12345", "_No response_")) == [
        "CARC certificate number: give your certificate number, so a maintainer can check it"]
    result = edit("listing", "coach-listing.md", settings, ("\r\n\r\nCertified\r\n", "\r\n\r\nIn progress\r\n"))
    assert entries(result.files["data/coaches.yaml"], "coaches")["jordan-fixture"]["carc"] == {"status": "in_progress"}


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
    coach = entries(result.files["data/coaches.yaml"], "coaches")["jordan-fixture"]
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
    text = comment([Issue("Town", "'@org/maintainers [x](https://evil.example) **b**' is not a town")])
    assert "- **Town**: '\\@org/maintainers \\[x\\]\\(https\\://evil.example\\) \\*\\*b\\*\\*' is not a town" in text


# --- the command and the pages ------------------------------------------------------------------------------------

def test_the_command_writes_the_files_or_a_comment_with_its_own_exit_code(settings, tmp_path):
    out = tmp_path / "out"
    args = ["intake", "--data", str(settings.data_dir), "--as-of", TODAY.isoformat(), "--issue", "7", "--out"]
    assert main([*args, str(out), "--kind", "correction", "--body", str(FIXTURES / "correction-phone.md")]) == 0
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["centers.yaml", "pr-body.md", "pr-title.txt"]
    assert (out / "pr-title.txt").read_text() == "Correct living-in-recovery-pittsfield (issue #7)\n"
    bad = tmp_path / "bad"
    assert main([*args, str(bad), "--kind", "correction", "--body", str(FIXTURES / "correction-bad-phone.md")]) == 3
    assert [p.name for p in bad.iterdir()] == ["comment.md"]
    assert "- **New phone number**: '413-55' is not a valid US phone number" in (bad / "comment.md").read_text()


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
