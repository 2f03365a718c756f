"""/plan/ as built, before any script runs: a complete printable checklist whose facts match the
reference, with the personalising controls hidden until JavaScript can drive them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_guides import article, audit


@pytest.fixture(scope="module")
def page(bundled_site) -> str:
    return (bundled_site / "plan" / "index.html").read_text(encoding="utf-8")


def test_the_plan_is_a_printable_checklist_without_javascript(page):
    steps = re.findall(r'<input type="checkbox" id="(step-[\w-]+)" class="prn-step__check">', page)
    assert len(steps) == 9 and len(set(steps)) == 9
    for step in steps:
        assert f'<label for="{step}">' in page
    for week in range(1, 5):
        assert f'id="week-{week}"' in page and f'<label for="notes-w{week}">' in page
    # The controls need the script: without it they are not shown; with it they are there from the first paint.
    assert "<noscript><style>#prn-plan-form,#plan-summary{display:none}</style></noscript>" in page
    assert 'data-masshealth="yes"' in page and 'data-masshealth="no"' in page  # both routes printed
    assert ('<script src="../assets/common.js"></script>\n'
            '<script type="module" src="../assets/plan.js"></script>') in page
    assert "?q=" not in page  # mkdocs-material would open its own search box


def test_the_four_weeks_follow_the_reference_plan(page):
    headings = re.findall(r'<h2 id="week-(\d)">(.*?)<', page)
    assert [n for n, _ in headings] == ["1", "2", "3", "4"]
    text = " ".join(page.split())
    for fact in ("Your therapist, your prescriber, your medication",
                 "ask which contracted providers near", "<strong>Recovery Coach Services</strong>",
                 "<strong>H2016-HM</strong>", "one or two coaches", "Walk into a Peer Recovery Support Center",
                 "join an RLC's virtual session", "Write down what works and what does not",
                 "Tell your coach and your clinician", "six to eight sessions"):
        assert fact in text, fact


def test_every_number_on_the_plan_matches_the_reference_facts(tmp_path, page):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "index.html").write_text(page, encoding="utf-8")
    text = article(tmp_path, "plan").text
    text = text[:text.rfind("\nSources:")] if "\nSources:" in text else text
    text = re.sub(r"\b(?:Days? \d+(?: to \d+)?)\b", "", text)  # the step days, replaced by dates in the browser
    text = re.sub(r"\bweek [1-4]\b", "", text, flags=re.I)
    assert audit(text) == []


def test_the_planner_keeps_nothing_but_localstorage():
    assets = Path(__file__).resolve().parent.parent / "content" / "assets"
    script = "\n".join((assets / name).read_text() for name in ("common.js", "places.mjs", "cards.mjs", "plan.js"))
    for sent in ("XMLHttpRequest", "sendBeacon", "document.cookie", "sessionStorage", "indexedDB", "method:"):
        assert sent not in script, sent
    assert script.count("fetch(") == 1 and "loadIndex(new URL(root.dataset.index" in script  # only the site's find.json
    assert "innerHTML" not in script  # data goes in with textContent
