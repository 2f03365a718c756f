"""A real coach is listed only with recorded consent, and the record of it never reaches the site."""

from __future__ import annotations

import pytest

from generator.app.build import build
from generator.settings import Settings
from tests.conftest import TODAY

REAL = ("    example: true\n", "")
NUMBER = ('"(413) 555-0101"', '"(413) 570-8243"')
CONSENT = "    consent:\n      date: 2026-11-20\n      how: https://github.com/o/r/issues/41\n"


def real_coach(registry, consent: str = CONSENT) -> None:
    """The minimal example coach made real: no example flag, a real number, and the given consent."""
    registry.replace("coaches.yaml", *REAL)
    registry.replace("coaches.yaml", *NUMBER)
    registry.replace("coaches.yaml", "    last_verified:", consent + "    last_verified:")


def test_a_real_coach_without_consent_is_refused_at_the_entry(registry):
    real_coach(registry, consent="")
    assert registry.problems() == [
        "data/coaches.yaml:2:5: coaches[0]: a real coach is listed only with their consent; add 'consent:' with "
        "its 'date' and 'how' it was given (the address of the listing request, or a reference to a signed form)"
    ]


def test_a_real_coach_with_consent_is_valid_without_a_source(registry):
    real_coach(registry)
    assert registry.problems() == []


def test_consent_cannot_be_dated_in_the_future_nor_say_nothing_of_how(registry):
    real_coach(registry, CONSENT.replace("2026-11-20", "2026-12-24").replace(
        "      how: https://github.com/o/r/issues/41\n", ""))
    assert registry.problems() == [
        "data/coaches.yaml:15:7: coaches[0].consent: missing required field 'how' (How the coach agreed: the address "
        "of their listing request, or a reference to a signed form, e.g. 'signed form 2026-11-12, kept by the "
        "maintainers'. Never published)",
        "data/coaches.yaml:15:13: coaches[0].consent.date: 2026-12-24 is in the future (today is 2026-11-30); "
        "write the date the entry was last checked",
    ]


def test_a_signed_form_is_consent_too(registry):
    real_coach(registry, CONSENT.replace("https://github.com/o/r/issues/41",
                                         '"signed form 2026-11-12, kept by the maintainers"'))
    assert registry.problems() == []


@pytest.mark.slow  # builds a site of its own
def test_the_consent_record_is_not_published(registry, tmp_path):
    real_coach(registry)
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, repo_url="https://github.com/o/r"))
    published = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*")
                          if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".js"))
    assert "(413) 570-8243" in published  # the coach is on the site
    assert "issues/41" not in published
