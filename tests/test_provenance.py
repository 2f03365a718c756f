"""Every fact about a real centre carries a dated source that gives it; the validator says where one is missing."""

from __future__ import annotations

DATED = """\
    sources:
      - url: https://www.wamc.org/news/2024-01-15/example
        title: "WAMC: Living in Recovery settles into its new downtown headquarters"
        date: 2024-01-15
        supports: [street, host]
      - url: https://github.com/example/state-list.csv
        title: "The state's list of Peer Recovery Support Centers (public copy)"
        date: "2026-02"
        supports: [name, street, phone]
"""


def dated(registry, sources: str = DATED) -> None:
    """The minimal centre with its old list of addresses replaced by dated sources."""
    registry.replace("centers.yaml", "    source: [https://www.wamc.org/news/2024-01-15/example]\n", sources)


def test_a_centre_whose_facts_all_have_dated_sources_is_valid(registry):
    dated(registry)
    assert registry.problems() == []


def test_a_phone_that_no_source_gives_is_refused_at_its_line(registry):
    dated(registry, DATED.replace("supports: [name, street, phone]", "supports: [name, street]"))
    assert registry.problems() == [
        "data/centers.yaml:8:12: centers[0].phone: no source supports the phone shown here; add 'phone' to the "
        "supports of the dated source that gives it, or remove the field"
    ]


def test_a_street_that_no_source_gives_is_refused_at_the_street(registry):
    dated(registry, DATED.replace("supports: [street, host]", "supports: [host]")
          .replace("supports: [name, street, phone]", "supports: [name, phone]"))
    assert registry.problems() == [
        "data/centers.yaml:6:15: centers[0].address.street: no source supports the street shown here; add "
        "'street' to the supports of the dated source that gives it, or remove the field"
    ]


def test_a_source_without_a_date_is_refused(registry):
    dated(registry, DATED.replace("        date: 2024-01-15\n", ""))
    assert registry.problems() == [
        "data/centers.yaml:11:9: centers[0].sources[0]: missing required field 'date' (The page's own date "
        "(published or updated): YYYY-MM-DD, or \"YYYY-MM\" or YYYY)"
    ]


def test_a_month_or_a_year_is_a_date_but_a_made_up_day_is_not(registry):
    dated(registry, DATED.replace("date: 2024-01-15", "date: 2016").replace('date: "2026-02"', 'date: "2026-02-30"'))
    assert registry.problems() == [
        "data/centers.yaml:17:15: centers[0].sources[1].date: '2026-02-30' is not a date; write the source's date "
        "as YYYY-MM-DD, or \"YYYY-MM\" or YYYY when the page gives no day"
    ]


def test_an_unknown_field_in_supports_suggests_the_one_meant(registry):
    dated(registry, DATED.replace("supports: [name, street, phone]", "supports: [name, street, phnoe]"))
    problems = registry.problems()
    assert problems[0].startswith("data/centers.yaml:18:34: centers[0].sources[1].supports[2]: 'phnoe' is not one "
                                  "of: name, type, host,")
    assert problems[0].endswith("(did you mean 'phone'?)")


def test_the_old_list_of_addresses_and_dated_sources_cannot_both_be_given(registry):
    dated(registry, DATED + "    source: [https://www.wamc.org/news/2024-01-15/example]\n")
    assert registry.problems() == [
        "data/centers.yaml:2:5: centers[0]: give 'sources:' (each with url, title, date and supports), not the "
        "old 'source:' list"
    ]


def test_a_confirmed_listing_says_when_it_was_confirmed(registry):
    dated(registry)
    registry.replace("centers.yaml", "verification: sourced", "verification: confirmed")
    assert registry.problems() == [
        "data/centers.yaml:9:19: centers[0].verification: a confirmed entry needs 'confirmed_on: YYYY-MM-DD', the "
        "day a maintainer confirmed it with the centre"
    ]
    registry.replace("centers.yaml", "verification: confirmed", "verification: confirmed\n    confirmed_on: 2026-11-20")
    assert registry.problems() == []


def test_the_centre_page_names_each_source_with_its_date(registry, tmp_path):
    from generator.model.site import load_site
    from generator.outputs.render import pages
    from generator.settings import Settings
    from tests.conftest import TODAY

    dated(registry)
    site = load_site(Settings(data_dir=registry.dir, today=TODAY))
    body = next(p for p in pages(site) if p.path == "centers/living-in-recovery-pittsfield.md").body()
    assert ('<a href="https://github.com/example/state-list.csv" rel="nofollow noopener">The state&#39;s list of '
            'Peer Recovery Support Centers (public copy)</a> (February 2026), ') in body
    assert "Living in Recovery settles into its new downtown headquarters</a> (15 January 2024)" in body


def test_a_mapping_where_a_field_name_belongs_is_a_located_problem(registry):
    """Found by the fuzz test: `supports: [{}]` once ended in a TypeError instead of a message."""
    dated(registry, DATED.replace("supports: [street, host]", "supports: [{}]"))
    assert registry.problems()[0].startswith(
        "data/centers.yaml:14:20: centers[0].sources[0].supports[0]: a mapping is not one of: name, type,")


def test_each_fact_on_a_centre_page_names_its_source_and_the_source_s_date(registry):
    from generator.model.site import load_site
    from generator.outputs.render import pages
    from generator.settings import Settings
    from tests.conftest import TODAY

    dated(registry)
    site = load_site(Settings(data_dir=registry.dir, today=TODAY))
    body = next(p for p in pages(site) if p.path == "centers/living-in-recovery-pittsfield.md").body()
    phone = body.split("<dt>Phone</dt>", 1)[1].split("</dd>", 1)[0]
    assert ('(413) 570-8243</a><small class="prn-from">Source: The state&#39;s list of Peer Recovery Support Centers '
            '(public copy), February 2026</small>') in phone
    address = body.split("<dt>Address</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Source: The state&#39;s list" in address  # the newest source that gives the street
    assert "We last checked these sources on" in body and "Last verified" not in body


def _article(page) -> str:
    return page.read_text().split("<article", 1)[1].split("</article>", 1)[0]


def test_every_centre_page_gives_a_number_to_call_in_its_content(bundled_site):
    pages = sorted((bundled_site / "centers").glob("*/index.html"))
    assert len(pages) > 40
    without = [p.parent.name for p in pages if "<article" in p.read_text() and 'href="tel:' not in _article(p)]
    assert without == []
    falmouth = _article(bundled_site / "centers" / "falmouth-peer-recovery-center" / "index.html")
    assert "No number of its own is listed." in falmouth
    assert '<a href="tel:+18003275050">(800) 327-5050</a>' in falmouth  # the Helpline, from data/help.yaml
    assert "996-8900" not in falmouth  # the number the audit rules out


def test_the_state_list_centres_of_falmouth_taunton_quincy_and_lynn_are_nearest_to_their_towns(bundled_site):
    import json

    index = json.loads((bundled_site / "api" / "v1" / "find.json").read_text())
    nearest = {row[0]: row[5] for row in index["towns"]}
    centers = {c["id"]: c for c in index["centers"]}
    for town in ("Falmouth", "Taunton", "Quincy", "Lynn"):
        own = centers[nearest[town]]
        address = own["points"][0]["address"]
        assert own["type"] == "prsc" and (f", {town}, MA" in address or f"({town}), MA" in address), (town, address)
        page = (bundled_site / "towns" / town.lower() / "index.html").read_text()
        first = page.split('class="prn-near__item"', 1)[1].split("</h3>", 1)[0]
        assert own["name"].replace("'", "&#39;") in first, town


def test_a_source_date_written_another_way_is_refused_not_a_crash(registry):
    dated(registry, DATED.replace("date: 2024-01-15", 'date: "15/01/2024"'))
    assert registry.problems() == [
        "data/centers.yaml:13:15: centers[0].sources[0].date: '15/01/2024' is not a date; write the source's date "
        "as YYYY-MM-DD, or \"YYYY-MM\" or YYYY when the page gives no day"
    ]
