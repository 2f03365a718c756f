"""The confirmation loop (issue 23): a listing reads "confirmed" only while its phone and address were
confirmed with the centre within Limits.confirmed_months; an older confirmation falls back to "sourced"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest

from generator.model.freshness import months_before, verification
from generator.model.records import Confirmation
from generator.settings import Limits

TODAY = dt.date(2026, 12, 4)


def _both(on: dt.date) -> dict[str, Confirmation]:
    return {name: Confirmation(on, "phone", "maintainer") for name in ("phone", "address")}


@pytest.mark.parametrize("on, level", [
    (dt.date(2025, 12, 4), "confirmed"),  # exactly twelve months
    (dt.date(2025, 12, 3), "sourced"),  # a day over
])
def test_a_confirmation_falls_back_to_sourced_after_twelve_months(on, level):
    assert verification("state-list", None, _both(on), TODAY, Limits()) == (
        level, on if level == "confirmed" else None)


def test_phone_and_address_both_make_a_listing_confirmed():
    phone_only = {"phone": Confirmation(TODAY, "phone", "maintainer")}
    assert verification("state-list", None, phone_only, TODAY, Limits()) == ("sourced", None)
    assert verification("state-list", None, {}, TODAY, Limits()) == ("state-list", None)
    mixed = {"phone": Confirmation(TODAY, "phone", "m"), "address": Confirmation(dt.date(2026, 3, 1), "visit", "m")}
    assert verification("sourced", None, mixed, TODAY, Limits()) == ("confirmed", dt.date(2026, 3, 1))


def test_a_declared_confirmation_ages_the_same_way():
    assert verification("confirmed", dt.date(2025, 12, 4), {}, TODAY, Limits()) == ("confirmed", dt.date(2025, 12, 4))
    assert verification("confirmed", dt.date(2025, 12, 3), {}, TODAY, Limits()) == ("sourced", None)


@pytest.mark.parametrize("day, months, before", [
    (dt.date(2026, 12, 31), 6, dt.date(2026, 6, 30)),
    (dt.date(2028, 2, 29), 12, dt.date(2027, 2, 28)),
    (dt.date(2026, 1, 15), 12, dt.date(2025, 1, 15)),
])
def test_months_before(day, months, before):
    assert months_before(day, months) == before


# --- the call sheet ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    from generator.model.site import load_site
    from generator.settings import Settings
    from tests.conftest import DATA
    from tests.conftest import TODAY as DATA_TODAY
    return load_site(Settings(data_dir=DATA, today=DATA_TODAY))


def test_the_call_sheet_orders_listings_by_the_declared_risks(site):
    from dataclasses import replace

    from generator.model.records import Source
    from generator.outputs.callsheet import STATE_LIST_TITLE, rows
    base = next(c for c in site.centers if c.id == "steprox-roxbury")
    state = Source("https://example.org/list", STATE_LIST_TITLE + " (copy)", "2026-02", ("phone",))
    own = Source("https://example.org/own", "Own page", "2026-06", ("phone",))
    old = Source("https://example.org/old", "Old article", "2019", ("hours",))
    made = [
        replace(base, id="quiet", name="Quiet", verification="sourced", sources=(own,), provenance={"phone": own},
                changed_facts=(), conflicts=None, standing="current"),
        replace(base, id="ended", name="Ended", verification="sourced", sources=(own, old),
                provenance={"phone": own, "hours": old}, changed_facts=(), conflicts=None, standing="may-have-ended"),
        replace(base, id="disagree", name="Disagree", verification="sourced", sources=(own,),
                provenance={"phone": own}, changed_facts=(), conflicts="31 or 35", standing="current"),
        replace(base, id="old", name="Old", verification="sourced", sources=(own, old),
                provenance={"phone": own, "hours": old}, changed_facts=("hours",), conflicts=None),
        replace(base, id="state-b", name="B", verification="sourced", sources=(state,), provenance={"phone": state},
                changed_facts=(), conflicts=None),
        replace(base, id="state-a", name="A", verification="state-list", sources=(state,),
                provenance={"phone": state}, changed_facts=(), conflicts=None),
        replace(base, id="state-old", name="Z", verification="state-list", sources=(state, old),
                provenance={"phone": state, "hours": old}, changed_facts=("hours",), conflicts=None),
        replace(base, id="no-number", name="No number", phone=None, verification="sourced", sources=(own,),
                provenance={}, changed_facts=(), conflicts=None, standing="moved"),
    ]
    sheet = rows(replace(site, centers=tuple(made)))
    assert [r.center.id for r in sheet] == ["state-old", "state-a", "state-b", "old", "disagree", "no-number",
                                            "ended", "quiet"]
    assert sheet[0].risks == ("number only on the state's list", "some facts may have changed (their sources are old)")
    assert (sheet[5].number, sheet[5].helpline, sheet[5].script[0]) == (
        "(800) 327-5050", True, "Ask the Helpline for the number of No number, then call it.")


def test_call_sheet_rows_of_the_bundled_data(site):
    from generator.outputs.callsheet import as_csv, rows
    sheet = rows(site)
    assert len(sheet) == len(site.centers)
    by_id = {r.center.id: r for r in sheet}
    red = by_id["red-house-oak-bluffs"]
    assert (red.number, red.helpline) == ("(800) 327-5050", True)
    assert red.risks == ("some facts may have changed (their sources are old)", "sources disagree",
                         "may have ended, moved or closed")
    steprox = by_id["steprox-roxbury"]
    assert steprox.script == (
        "Is this the number for STEPRox Recovery Support Center?",
        "Is the address still right? (we list: 153 Blue Hill Ave, Roxbury (Boston), MA 02119)",
        "When are you open? (we list nothing)", "Who can come? (we list nothing)",
        "Which languages do you speak with visitors? (we list nothing)",
        "Can people walk in, or do they need an appointment?")
    line = next(line for line in as_csv(sheet).splitlines() if ",steprox-roxbury," in line)
    assert line == (f"{steprox.rank},steprox-roxbury,STEPRox Recovery Support Center,(617) 442-7837,listing,"
                    "number only on the state's list,2026-02,\"153 Blue Hill Ave, Roxbury (Boston), MA 02119\""
                    + "," * 13)
    hostile = dataclasses.replace(steprox, center=dataclasses.replace(steprox.center, name="=HYPERLINK(\"x\")"))
    assert ",steprox-roxbury,\"'=HYPERLINK(\"\"x\"\")\"," in as_csv((hostile,)), "a formula is shown as text"
    # every listing on the state list alone comes before every listing that is not
    flags = ["number only on the state's list" in r.risks for r in sheet]
    assert flags == sorted(flags, reverse=True)


def test_the_printable_call_sheet_has_no_interactive_parts(site, capsys):
    from generator.app.cli import main
    assert main(["callsheet", "--data", "data", "--as-of", "2026-11-30", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "@page { size: auto;" in page and "break-inside: avoid" in page
    for tag in ("<script", "<a ", "<input", "<button", "<form", "<link"):
        assert tag not in page
    assert page.count("<section>") == len(site.centers)
    assert main(["callsheet", "--as-of", "2026-11-30", "--format", "markdown", "--limit", "10"]) == 0
    summary = capsys.readouterr().out.splitlines()
    assert summary[0] == "## Call sheet as of 30 November 2026: the 10 riskiest listings"
    assert len([line for line in summary if line.startswith("| ") and line[2].isdigit()]) == 10


# --- what a listing's page says of its confirmation, and the link to the confirmation form --------------

CONFIRMED_SENTENCE = {"en": "Confirmed with the centre by phone on 20 November 2026.",
                      "es": "Confirmado con el centro por teléfono el 20 de noviembre de 2026.",
                      "pt": "Confirmado com o centro por telefone em 20 de novembro de 2026."}
CALL_BEFORE = {"en": "Call before you go.", "es": "Llame antes de ir.", "pt": "Ligue antes de ir."}


@pytest.fixture(scope="module")
def confirmed_site(tmp_path_factory):
    """The bundled data with STEPRox's phone and address confirmed by phone, as `intake --kind confirmation`
    writes it, built as the deploy passes the repository."""
    import shutil

    from generator.model.site import load_site
    from generator.settings import Settings
    from tests.conftest import DATA
    from tests.conftest import TODAY as DATA_TODAY
    data = tmp_path_factory.mktemp("confirmed") / "data"
    shutil.copytree(DATA, data)
    centers = data / "centers.yaml"
    text = centers.read_text(encoding="utf-8")
    entry = '    phone: "(617) 442-7837"\n'
    assert text.count(entry) == 1
    centers.write_text(text.replace(entry, entry + "    confirmed:\n"
                                    "      phone: {on: 2026-11-20, how: phone, by: maintainer-login}\n"
                                    "      address: {on: 2026-11-20, how: phone, by: maintainer-login}\n"),
                       encoding="utf-8")
    return load_site(Settings(data_dir=data, today=DATA_TODAY, repo_url="https://github.com/o/r"))


@pytest.fixture(scope="module", params=["en", "es", "pt"])
def center_bodies(request, confirmed_site):
    """(language, {centre id: its page's body}) with the confirmation above."""
    from generator.outputs import render
    from generator.outputs.translations import ENGLISH, translator
    code = request.param
    tr = ENGLISH if code == "en" else translator(code, confirmed_site.settings.translations_dir)
    return code, {p.context["c"].id: p.body() for p in render.pages(confirmed_site, tr)
                  if p.path.startswith("centers/") and "c" in p.context}


def test_a_confirmed_listing_says_how_and_when_in_its_freshness_line(center_bodies):
    lang, bodies = center_bodies
    page = bodies["steprox-roxbury"]
    newest = re.search(r'<p class="prn-newest">.*?</p>', page)
    assert newest and CONFIRMED_SENTENCE[lang] in newest[0]
    assert CALL_BEFORE[lang] not in page  # confirmed: no longer "call before you go"


def test_a_listing_without_a_confirmation_says_nothing_of_one_and_asks_to_call_first(center_bodies):
    lang, bodies = center_bodies
    page = bodies["have-hope-north-adams"]
    assert 'class="prn-confirmed"' not in page and CONFIRMED_SENTENCE[lang][:20] not in page
    assert CALL_BEFORE[lang] in page


def test_every_listing_page_links_to_the_confirmation_form_with_its_id(center_bodies, confirmed_site):
    from urllib.parse import parse_qs, urlsplit
    _lang, bodies = center_bodies
    assert len(bodies) == len(confirmed_site.centers)
    for center in confirmed_site.centers:
        confirm = [html.unescape(link) for link in re.findall(r'<a href="([^"]*template=confirm\.yml[^"]*)"',
                                                              bodies[center.id])]
        assert len(confirm) == 1, center.id
        url = urlsplit(confirm[0])
        assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/o/r/issues/new")
        assert parse_qs(url.query, strict_parsing=True) == {
            "template": ["confirm.yml"], "title": [f"Confirm: {center.name}"], "listing": [center.id]}


def test_the_confirmation_form_reads_the_listing_field_the_link_fills_in():
    from pathlib import Path

    import yaml
    form = yaml.safe_load((Path(__file__).parent.parent / ".github/ISSUE_TEMPLATE/confirm.yml").read_text())
    assert "listing" in [item.get("id") for item in form["body"]]


def test_every_way_of_confirming_has_its_sentence():
    from generator.labels import CONFIRMED_HOW, CONFIRMED_SENTENCES
    assert set(CONFIRMED_SENTENCES) == set(CONFIRMED_HOW)


def test_the_script_drawn_cards_say_how_and_when_a_listing_was_confirmed(confirmed_site):
    """/find/ and the planner draw a card from find.json and the page's template: the index carries the day and
    the way, and each language's template has the sentence for each way around the day's slot."""
    from generator.labels import CONFIRMED_SENTENCES
    from generator.outputs.cards import PARTS
    from generator.outputs.find_index import find_index
    from generator.outputs.render import card_context, environment
    from generator.outputs.translations import ENGLISH, translator
    centers = {c["id"]: c for c in find_index(confirmed_site)["centers"]}
    assert (centers["steprox-roxbury"]["confirmed_on"], centers["steprox-roxbury"]["confirmed_how"]) == \
        ("2026-11-20", "phone")
    assert (centers["have-hope-north-adams"]["confirmed_on"], centers["have-hope-north-adams"]["confirmed_how"]) == \
        ("", "")
    for code in ("en", "es", "pt"):
        tr = ENGLISH if code == "en" else translator(code, confirmed_site.settings.translations_dir)
        cards = environment(tr).get_template(PARTS["find-cards"]).render(part="find-cards", root="../",
                                                                          **card_context(confirmed_site))
        day = '<span data-slot="confirmed_on"></span>'
        phone = CONFIRMED_SENTENCE[code].replace("20 November 2026", day).replace("20 de noviembre de 2026", day) \
            .replace("20 de novembro de 2026", day)
        assert f'<span class="prn-confirmed" data-if="confirmed_phone"> {phone}</span>' in cards
        assert cards.count('class="prn-confirmed"') == len(CONFIRMED_SENTENCES)  # one sentence a way
