"""A person in recovery makes their 30-day plan at /plan/ in a real browser: dates from a start
date, the nearest centre and the area's RLC for their town (as on the town page), the week-2 step
for MassHealth members or not, ticks and notes kept on the device until "Clear my data", a
calendar file that any RFC 5545 reader accepts, and a print view on two pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

from generator.model.site import load_site
from generator.outputs.translations import in_place
from generator.settings import Settings
from tests.conftest import DATA, TODAY

START = dt.date(2026, 12, 7)
STEP_DAYS = {"w1-care": 1, "w1-naloxone": 2, "w1-contacts": 3, "w2-call": 8, "w2-coaches": 10, "w3-prsc": 15,
             "w3-rlc": 18, "w4-write": 24, "w4-tell": 28}


@pytest.fixture(scope="module")
def towns(places):
    site = load_site(Settings(data_dir=DATA, today=TODAY))
    return {t.name: t for t in site.towns}


def open_plan(visit):
    page = visit.open("plan/")
    page.wait_for_selector("#prn-plan-form:not([hidden])")
    page.locator("#plan-places option").nth(1).wait_for(state="attached")  # find.json loaded
    return page


def set_start(page, day: dt.date) -> None:
    page.fill("#plan-start", day.isoformat())
    page.dispatch_event("#plan-start", "change")


def set_town(page, text: str) -> None:
    page.fill("#plan-town", text)
    page.dispatch_event("#plan-town", "change")


def stored(page) -> dict:
    """What the site keeps in localStorage (the palette is stored only when a visitor chooses one)."""
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def assert_clean(visit) -> None:
    own_blobs = "blob:" + visit.base_url.rstrip("/")
    assert [u for u in visit.foreign_requests() if not u.startswith(own_blobs)] == []
    assert visit.errors == []


@pytest.mark.parametrize("typed, town", [("Pittsfield", "Pittsfield"), ("01201", "Pittsfield"),
                                         ("Hyannis", "Barnstable"), ("worcester", "Worcester"),
                                         ("Whitinsville", "Northbridge"), ("Boston", "Boston")])
def test_a_town_fills_in_the_nearest_centre_and_the_areas_rlc_as_on_the_town_page(visit, towns, typed, town):
    page = open_plan(visit)
    set_town(page, typed)
    expected = towns[town]
    prsc = expected.centers[0]
    card = page.locator("#plan-prsc .prn-slot__card")
    assert card.get_attribute("data-center") == prsc.center.id
    assert prsc.center.name in card.inner_text()
    assert f"{prsc.miles:.1f} mi from {town}" in card.inner_text()
    if prsc.center.address:
        assert prsc.center.address.line in card.inner_text()
    if prsc.center.phone:
        assert prsc.center.phone in card.inner_text()
    rlc = expected.rlcs[0]
    rlc_card = page.locator("#plan-rlc .prn-slot__card")
    assert rlc_card.get_attribute("data-center") == rlc.center.id
    if rlc.site:
        assert rlc.site.address.line in rlc_card.inner_text()
        if in_place(rlc.miles, rlc.site.position.precision):  # a site placed at the town's centre: no distance
            assert " mi from " not in rlc_card.inner_text()
        else:
            assert f"{rlc.miles:.1f} mi from {town}" in rlc_card.inner_text()
    assert town in page.inner_text("#plan-town-status")
    summary = page.inner_text("#plan-summary")
    assert (town if typed.lower() == town.lower() else f"{typed} ({town})") in summary
    assert_clean(visit)


def test_the_planner_uses_the_same_row_of_find_json_as_the_town_page(visit):
    page = open_plan(visit)
    row = page.evaluate("fetch('../api/v1/find.json').then(r => r.json())"
                        ".then(d => d.towns.find(t => t.name === 'Gardner'))")
    set_town(page, "Gardner")
    assert page.get_attribute("#plan-prsc .prn-slot__card", "data-center") == row["prsc"]
    assert page.get_attribute("#plan-rlc .prn-slot__card", "data-center") == row["rlc"]


def test_an_unknown_town_says_so_and_keeps_the_general_advice(visit):
    page = open_plan(visit)
    set_town(page, "Atlantis")
    assert "No Massachusetts town" in page.inner_text("#plan-town-status")
    assert page.locator("#plan-prsc .prn-slot__card").count() == 0
    assert "search by town" in page.inner_text("#plan-prsc")


def test_every_step_gets_a_date_from_the_start_date(visit):
    page = open_plan(visit)
    set_start(page, START)
    for step, day in STEP_DAYS.items():
        date = page.get_attribute(f"[data-step={step}] .prn-step__date", "data-date")
        assert date == (START + dt.timedelta(days=day - 1)).isoformat(), step
    assert page.inner_text("[data-step=w1-care] .prn-step__date") == "Mon 7 Dec"
    assert page.inner_text(".prn-week__dates[data-week='4']") == "Mon 28 Dec to Tue 5 Jan"
    assert "Monday 7 December 2026" in page.inner_text("#plan-summary").replace(",", "")


def test_masshealth_members_and_others_get_their_own_week_two_step(visit):
    page = open_plan(visit)
    call = page.locator("[data-step=w2-call]")
    assert call.locator("[data-masshealth=yes]").is_visible() and call.locator("[data-masshealth=no]").is_visible()
    page.check("input[name=masshealth][value=yes]")
    assert call.locator("[data-masshealth=no]").is_hidden()
    text = call.inner_text()
    assert "Recovery Coach Services" in text and "H2016-HM" in text and "MCO or ACPP" in text
    assert call.locator("a[href='tel:+18008412900']").is_visible()  # MassHealth Customer Service, one tap
    title = call.locator(".prn-step__title").inner_text()
    assert title == "Call MassHealth or your health plan about Recovery Coach Services"
    page.check("input[name=masshealth][value=no]")
    assert call.locator("[data-masshealth=yes]").is_hidden()
    text = call.inner_text()
    assert "(800) 327-5050" in text and "H2016-HM" not in text and "free and need no insurance" in text
    page.check("input[name=masshealth][value=unsure]")
    assert call.locator("[data-masshealth=yes]").is_visible() and call.locator("[data-masshealth=no]").is_visible()


def test_the_language_and_town_link_to_coaches_on_find(preview):
    visit = preview  # coaches' languages: the preview with the example coaches
    page = open_plan(visit)
    set_town(page, "Pittsfield")
    page.select_option("#plan-lang", "es")
    link = page.locator("#plan-coach-link")
    assert link.get_attribute("href") == "../find/?q=Pittsfield&type=coach&lang=es"
    assert link.inner_text() == "Find coaches who speak Spanish who work in Pittsfield"
    with page.expect_navigation():
        link.click()
    visit.settle()
    assert page.input_value("#prn-q") == "Pittsfield"
    assert page.locator("select[name=lang]").input_value() == "es"
    assert_clean(visit)


def test_nothing_is_stored_until_the_visitor_changes_something(visit):
    page = open_plan(visit)
    assert stored(page) == {}


def test_a_ticked_step_and_a_note_survive_a_reload_and_clear_my_data_removes_them(visit):
    page = open_plan(visit)
    set_start(page, START)
    set_town(page, "Pittsfield")
    page.check("input[name=masshealth][value=yes]")
    page.check("#step-w2-call")
    page.fill("#notes-w2", "Called on Monday, call back Thursday")
    assert list(stored(page)) == ["prn-plan"]

    page = open_plan(visit)
    assert page.is_checked("#step-w2-call") and not page.is_checked("#step-w1-care")
    assert page.input_value("#notes-w2") == "Called on Monday, call back Thursday"
    assert page.input_value("#plan-town") == "Pittsfield" and page.input_value("#plan-start") == START.isoformat()
    assert page.is_checked("input[name=masshealth][value=yes]")

    page.click("#plan-clear")
    assert stored(page) == {}
    assert not page.is_checked("#step-w2-call") and page.input_value("#notes-w2") == ""
    assert page.input_value("#plan-town") == "" and not page.is_checked("input[name=masshealth][value=yes]")
    assert "removed" in page.inner_text("#plan-status")
    page = open_plan(visit)
    assert not page.is_checked("#step-w2-call") and stored(page) == {}
    assert_clean(visit)


def download_calendar(page) -> bytes:
    with page.expect_download() as info:
        page.click("#plan-ics")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    return Path(download.path()).read_bytes()


def test_add_to_calendar_downloads_an_rfc5545_file_with_one_dated_event_per_step(visit, towns):
    page = open_plan(visit)
    set_start(page, START)
    set_town(page, "Pittsfield")
    page.check("input[name=masshealth][value=yes]")
    raw = download_calendar(page)

    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line  # folded at 75 octets
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == len(STEP_DAYS)
    uids = set()
    for event, (step, day) in zip(events, STEP_DAYS.items(), strict=True):
        assert event["DTSTART"].dt == START + dt.timedelta(days=day - 1), step
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert event["DTEND"].dt == event["DTSTART"].dt + dt.timedelta(days=1)
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert str(event["SUMMARY"]) == page.inner_text(f"[data-step={step}] .prn-step__title")
        assert "check a centre's number on its page on this site before you call or go" in str(event["DESCRIPTION"])
        uids.add(str(event["UID"]))
    assert len(uids) == len(STEP_DAYS)

    by_summary = {str(e["SUMMARY"]): e for e in events}
    prsc = towns["Pittsfield"].centers[0].center
    walk_in = str(by_summary["Walk into a Peer Recovery Support Center"]["DESCRIPTION"])
    assert prsc.name in walk_in and prsc.address.line in walk_in  # commas escaped and read back
    assert "\n" in walk_in  # newlines escaped as \n and read back
    call = str(by_summary["Call MassHealth or your health plan about Recovery Coach Services"]["DESCRIPTION"])
    assert "H2016-HM" in call and "(800) 327-5050" not in call  # only the member's route
    assert rb"\," in raw and rb"\n" in raw
    assert_clean(visit)


def test_calendar_events_keep_their_links_and_remind_at_nine_on_their_day(visit):
    page = open_plan(visit)
    set_start(page, START)
    events = icalendar.Calendar.from_ical(download_calendar(page)).walk("VEVENT")
    for event, step in zip(events, STEP_DAYS, strict=True):
        assert str(event["URL"]).endswith(f"/plan/#step-{step}")
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and alarm["TRIGGER"].dt == dt.timedelta(hours=9)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    naloxone = str(events[list(STEP_DAYS).index("w1-naloxone")]["DESCRIPTION"])
    assert "naloxone (Narcan)" in naloxone and "without a prescription" in naloxone
    # A link keeps its address: "words (https://...)", and the source's date in words.
    assert ("Frequently asked questions about naloxone "
            "(https://www.mass.gov/info-details/frequently-asked-questions-faqs-about-naloxone)") in naloxone
    assert "dated 7 June 2018" in naloxone
    coach = str(events[list(STEP_DAYS).index("w2-call")]["DESCRIPTION"])
    assert re.search(r"Does MassHealth pay for a coach\? \(http://127\.0\.0\.1:\d+/guides/masshealth/\)", coach)
    assert "tel:" not in naloxone  # a phone number is already in the words
    assert "reminder at 9 in the morning" in page.inner_text("#plan-status")


def test_two_plans_starting_the_same_day_never_share_an_event_uid(browser, base_url):
    uids = []
    for _ in range(2):  # two people, two browsers
        context = browser.new_context()
        from tests.browser.conftest import Visit

        page = open_plan(Visit(context, base_url))
        set_start(page, START)
        first = icalendar.Calendar.from_ical(download_calendar(page)).walk("VEVENT")
        again = icalendar.Calendar.from_ical(download_calendar(page)).walk("VEVENT")
        assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in first]  # a new download updates
        uids.append({str(e["UID"]) for e in first})
        context.close()
    assert len(uids[0]) == len(STEP_DAYS) and not uids[0] & uids[1]


def test_the_calendar_follows_a_new_start_date(visit):
    page = open_plan(visit)
    set_start(page, dt.date(2027, 2, 26))
    events = icalendar.Calendar.from_ical(download_calendar(page)).walk("VEVENT")
    assert [e["DTSTART"].dt for e in events][:3] == [dt.date(2027, 2, 26), dt.date(2027, 2, 27), dt.date(2027, 2, 28)]


def test_long_multibyte_lines_are_folded_between_characters(visit):
    page = open_plan(visit)
    page.evaluate("""document.querySelector('[data-step=w4-write] .prn-step__body p').textContent =
                     'Écrire ce qui marche — ' + 'ça va très bien, merci; '.repeat(12)""")
    raw = download_calendar(page)
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a character
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    text = str(next(e for e in events if "what works" in str(e["SUMMARY"]))["DESCRIPTION"])
    assert text.startswith("Écrire ce qui marche — ça va très bien, merci; ")


def test_the_print_view_hides_the_site_chrome_and_fits_on_two_pages(visit):
    page = open_plan(visit)
    set_town(page, "Pittsfield")
    page.check("input[name=masshealth][value=unsure]")  # both week-2 routes: the longest plan
    page.emulate_media(media="print")
    for selector in (".md-header", ".prn-help__bar", ".md-tabs", "#prn-plan-form", "#plan-ics", ".md-footer"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("#plan-summary").is_visible()
    assert "988" in page.locator(".md-banner .prn-help__full").inner_text()  # the help lines, on paper too
    for size in ("Letter", "A4"):
        pdf = page.pdf(format=size)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 2, size


def test_without_javascript_the_plan_is_a_checklist_that_prints_on_two_pages(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "plan/")
    assert page.locator("#prn-plan-form").is_hidden()
    assert page.locator(".prn-step__check").count() == len(STEP_DAYS)
    assert page.inner_text("[data-step=w1-care] .prn-step__date") == "Day 1"
    page.check("#step-w1-care")  # still a working checkbox
    page.emulate_media(media="print")
    assert len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="Letter"))) <= 2
    context.close()
