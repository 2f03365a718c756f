"""Every fact about a real centre carries a dated source that gives it; the validator says where one is missing."""

from __future__ import annotations

from tests.conftest import MINIMAL_CENTER_SOURCES

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
    """The minimal centre with its dated source replaced by these."""
    registry.replace("centers.yaml", MINIMAL_CENTER_SOURCES, sources)


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


def test_a_town_that_no_source_gives_is_refused_when_no_street_or_zip_is_sourced_either(registry):
    registry.replace("centers.yaml", "      street: 75 North St.\n", "")
    registry.replace("centers.yaml", "supports: [name, street, town, phone]", "supports: [name, phone]")
    assert registry.problems() == [
        "data/centers.yaml:6:13: centers[0].address.town: no source supports the town shown here; add 'town' to "
        "the supports of the dated source that gives it, or remove the field"
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


def test_the_old_list_of_addresses_is_no_longer_accepted(registry):
    dated(registry, "    source: [https://www.wamc.org/news/2024-01-15/example]\n")
    assert registry.problems() == [
        "data/centers.yaml:2:5: centers[0]: missing required field 'sources' (The dated pages where the entry's "
        "facts can be checked, each naming the fields it gives)",
        "data/centers.yaml:10:5: centers[0].source: unknown field 'source' (did you mean 'sources'?)",
    ]


def test_a_centre_s_source_names_the_fields_it_gives(registry):
    dated(registry, DATED.replace("        supports: [street, host]\n", ""))
    assert registry.problems() == [
        "data/centers.yaml:11:9: centers[0].sources[0]: missing required field 'supports' (the fields of this "
        "entry that the page gives, e.g. [street, phone])"
    ]


def test_a_track_s_sources_are_dated_and_stand_for_the_whole_track(registry):
    registry.replace("tracks.yaml", '        date: "2022"\n', "")
    assert registry.problems() == [
        "data/tracks.yaml:7:9: tracks[0].sources[0]: missing required field 'date' (The page's own date "
        "(published or updated): YYYY-MM-DD, or \"YYYY-MM\" or YYYY)"
    ]
    registry.replace("tracks.yaml", "training program\"\n", "training program\"\n        date: \"2022\"\n"
                                                             "        supports: [name]\n")
    assert registry.problems() == [
        "data/tracks.yaml:10:19: tracks[0].sources[0].supports: a source here stands for the whole entry; remove "
        "'supports' (only centres name the fields a source gives)"
    ]


def test_a_help_line_without_dated_sources_is_refused(registry):
    registry.replace("help.yaml", "    sources:\n", "    source:\n")
    assert registry.problems() == [
        "data/help.yaml:2:5: help_lines[0]: missing required field 'sources' (The dated pages where the entry's "
        "facts can be checked (each with url, title and date))",
        "data/help.yaml:8:5: help_lines[0].source: unknown field 'source' (did you mean 'sources'?)",
    ]


def test_a_programme_may_name_the_towns_it_serves_and_when_it_began(registry):
    registry.write("centers.yaml", """\
        centers:
          - id: nc8
            name: Connect2Recovery NC-8
            type: program
            towns: [Canton, Dedham]
            since: "2025-07"
            verification: sourced
            sources:
              - url: https://www.riversidecc.org/example
                title: "Riverside Community Care: New program offers free recovery coaching"
                date: 2025-07-17
                supports: [name, towns]
            last_verified: 2026-11-30
        """)
    assert registry.problems() == [
        "data/centers.yaml:6:12: centers[0].since: no source supports the since shown here; add 'since' to the "
        "supports of the dated source that gives it, or remove the field"
    ]
    registry.replace("centers.yaml", "supports: [name, towns]", "supports: [name, towns, since]")
    assert registry.problems() == []


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
    assert "We looked for newer sources on" in body and "Last verified" not in body


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
    nearest = {row["name"]: row["prsc"] for row in index["towns"]}
    centers = {c["id"]: c for c in index["centers"]}
    for town in ("Falmouth", "Taunton", "Quincy", "Lynn"):
        own = centers[nearest[town]]
        address = own["points"][0]["address"]
        assert own["type"] == "prsc" and (f", {town}, MA" in address or f"({town}), MA" in address), (town, address)
        page = (bundled_site / "towns" / town.lower() / "index.html").read_text()
        first = page.split('class="prn-near__item"', 1)[1].split("</h3>", 1)[0]
        assert own["name"].replace("'", "&#39;") in first, town


def test_every_fact_on_every_centre_page_says_where_it_comes_from_and_when(bundled_site):
    """Walks the built pages: each fact in the list, the host and the name carry a 'Source: title, date' line."""
    import re

    date = r"(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)?"
    source = re.compile(r'<small class="prn-from">(?:Source|Name): (?:from )?[^<]+, ' + date + r' ?\d{4}</small>')
    missing = []
    for page in sorted((bundled_site / "centers").glob("*/index.html")):
        if "<article" not in page.read_text():
            continue  # a redirect from a former id
        article = _article(page)
        facts = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", article.split('<dl class="prn-facts">', 1)[1]
                           .split("</dl>", 1)[0], re.S)
        assert facts, page
        missing += [(page.parent.name, name) for name, value in facts if not source.search(value)]
        kind = article.split('<p class="prn-kind">', 1)[1].split("</p>", 1)[0]
        if ", run by" in kind and not source.search(kind):
            missing.append((page.parent.name, "host"))
        if "Name: from" not in article:
            missing.append((page.parent.name, "name"))
    assert missing == []


def test_a_programme_page_shows_its_year_and_the_towns_it_serves(bundled_site):
    everett = _article(bundled_site / "centers" / "cha-everett-recovery-coaches" / "index.html")
    assert "<dt>Since</dt><dd>January 2018<small" in everett
    assert "Winthrop Transcript: North Suffolk Mental Health Association partnering with CHA" in everett
    assert ", 15 February 2018</small>" in everett  # the services as reported in 2018
    nc8 = _article(bundled_site / "centers" / "connect2recovery-nc8" / "index.html")
    assert '<a href="../../towns/canton/">Canton</a>' in nc8
    canton = (bundled_site / "towns" / "canton" / "index.html").read_text()
    assert "Programmes that serve Canton" in canton and "centers/connect2recovery-nc8/" in canton


def test_a_track_page_names_each_source_with_its_date(bundled_site):
    page = (bundled_site / "tracks" / "courts-reentry" / "index.html").read_text()
    assert ('Source: <a href="https://masslawyersweekly.com/2021/02/03/drug-court-gets-2-million-grant/" '
            'rel="nofollow noopener">Associated Press (in Massachusetts Lawyers Weekly): Drug court gets $2 million '
            'grant</a>, 3 February 2021') in page
    assert "We last checked these sources on" in page


def test_a_source_date_written_another_way_is_refused_not_a_crash(registry):
    dated(registry, DATED.replace("date: 2024-01-15", 'date: "15/01/2024"'))
    assert registry.problems() == [
        "data/centers.yaml:13:15: centers[0].sources[0].date: '15/01/2024' is not a date; write the source's date "
        "as YYYY-MM-DD, or \"YYYY-MM\" or YYYY when the page gives no day"
    ]
