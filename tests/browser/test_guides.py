"""A visitor reads the guides in a real browser: the MassHealth checklist answers every combination,
by mouse or keyboard; the FAQ's JSON-LD says what the page shows; nothing leaves the site."""

from __future__ import annotations

import json

import pytest

GUIDES = ["guides/", "guides/peer-and-clinical/", "guides/masshealth/", "guides/qualified-coach/", "guides/carc/",
          "guides/specialty-tracks/", "guides/faq/"]


def choose(page, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        page.check(f"#prn-eligibility input[name={name}][value={value}]")


@pytest.mark.parametrize("answers, outcome, says", [
    ({"member": "no"}, "not-member", "Peer Recovery Support Center"),
    ({"member": "unsure"}, "unsure-member", "find out first"),
    ({"member": "yes", "sud": "no"}, "not-sud", "Recovery Learning Community"),
    ({"member": "yes", "sud": "yes", "referral": "no"}, "need-referral", "refer you for Recovery Coach Services"),
    ({"member": "yes", "sud": "yes", "referral": "yes"}, "likely", "Recovery Coach Services, procedure code H2016-HM"),
])
def test_the_eligibility_checklist_reaches_each_outcome(visit, answers, outcome, says):
    page = visit.open("guides/masshealth/")
    result = page.locator("#prn-eligibility-result")
    assert result.inner_text().strip() == ""
    choose(page, answers)
    assert result.get_attribute("data-outcome") == outcome
    text = " ".join(result.inner_text().split())
    assert text.startswith("Your answer:") and "Next step:" in text
    assert says.lower() in text.lower()
    matched = page.locator(".prn-outcome--match")
    assert matched.count() == 1 and matched.get_attribute("id") == f"outcome-{outcome}"
    assert visit.errors == [] and visit.foreign_requests() == []


def test_changing_an_answer_changes_the_outcome(visit):
    page = visit.open("guides/masshealth/")
    choose(page, {"member": "yes"})
    assert "answer question 2" in page.inner_text("#prn-eligibility-result")
    choose(page, {"sud": "yes"})
    assert "answer question 3" in page.inner_text("#prn-eligibility-result")
    choose(page, {"referral": "yes"})
    assert page.get_attribute("#prn-eligibility-result", "data-outcome") == "likely"
    choose(page, {"member": "no"})
    assert page.get_attribute("#prn-eligibility-result", "data-outcome") == "not-member"


def test_the_checklist_works_with_the_keyboard_alone(visit):
    page = visit.open("guides/masshealth/")
    page.focus("#prn-eligibility input[name=member][value=yes]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # into question 2
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # into question 3
    page.keyboard.press("Space")
    assert page.get_attribute("#prn-eligibility-result", "data-outcome") == "likely"
    page.keyboard.press("ArrowDown")  # "Not yet, or I am not sure"
    assert page.get_attribute("#prn-eligibility-result", "data-outcome") == "need-referral"
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"


def test_without_javascript_every_outcome_is_on_the_page(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "guides/masshealth/")
    assert page.locator("#prn-eligibility fieldset").count() == 3
    for outcome in ("not-member", "unsure-member", "not-sud", "need-referral", "likely"):
        assert page.locator(f"#outcome-{outcome}").is_visible()
    context.close()


def test_the_faq_json_ld_parses_and_matches_the_visible_questions(visit):
    page = visit.open("guides/faq/")
    raw = page.eval_on_selector("head script[type='application/ld+json']", "s => s.textContent")
    data = json.loads(raw)
    assert data["@type"] == "FAQPage"
    visible = [q.strip() for q in page.locator(".prn-faq__q").all_inner_texts()]
    assert [e["name"] for e in data["mainEntity"]] == visible
    answers = [a.strip() for a in page.locator(".prn-faq__a").all_inner_texts()]
    assert [e["acceptedAnswer"]["text"] for e in data["mainEntity"]] == answers


def test_the_carc_chart_loads_from_the_site(visit):
    page = visit.open("guides/carc/")
    assert page.eval_on_selector(".prn-chart img", "img => img.complete && img.naturalWidth") > 0
    assert "500 hours" in page.inner_text("table")


@pytest.mark.parametrize("path", GUIDES)
def test_guide_pages_load_nothing_from_elsewhere_and_log_no_errors(visit, path):
    visit.open(path)
    assert visit.foreign_requests() == []
    assert visit.errors == []
