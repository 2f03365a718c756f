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
