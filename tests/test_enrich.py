"""What the pages compute: CARC status as of the build date, phone links, addresses."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.enrich import carc_status
from generator.model.records import tel_href
from generator.outputs.translations import ENGLISH

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("carc, state, label", [
    ({"status": "certified", "expires": dt.date(2027, 9, 30)}, "current", "CARC current until 30 September 2027"),
    ({"status": "certified", "expires": dt.date(2027, 1, 23)}, "current", "CARC current until 23 January 2027"),
    ({"status": "certified", "expires": dt.date(2027, 1, 22)}, "renewal_due",  # 60 days ahead
     "CARC renewal due by 22 January 2027"),
    ({"status": "certified", "expires": TODAY}, "renewal_due", "CARC renewal due by 23 November 2026"),
    ({"status": "certified", "expires": dt.date(2026, 11, 22)}, "expired", "CARC expired on 22 November 2026"),
    ({"status": "in_progress"}, "in_progress", "Working toward the CARC (in progress)"),
])
def test_carc_status_as_of_the_build_date(carc, state, label):
    status = carc_status(carc, TODAY)
    assert (status.state, ENGLISH.carc(status)) == (state, label)


@pytest.mark.parametrize("number, href", [("(800) 327-5050", "tel:+18003275050"), ("988", "tel:988"),
                                          ("2-1-1", "tel:211"),
                                          ("(413) 570-8243 ext. 12", "tel:+14135708243;ext=12")])
def test_phone_links_dial_the_right_digits(number, href):
    assert tel_href(number) == href


@pytest.mark.parametrize("key, record", [("centers", "Center"), ("coaches", "Coach"), ("tracks", "Track"),
                                         ("help_lines", "HelpLine"), ("retired", "Retired")])
def test_every_declared_field_is_a_field_of_its_typed_record(key, record):
    """The declaration in registry/schema.py and the record templates read stay one shape: a field added to
    the data contract without a place in the record fails here, not on a page. Private fields (a coach's
    consent record) stay out of the record, so no page or export can show them."""
    import dataclasses

    from generator.model import records
    from generator.registry.schema import REGISTRY

    cls = getattr(records, record)
    names = {f.name for f in dataclasses.fields(cls)} | {n for n, v in vars(cls).items() if isinstance(v, property)}
    public = {name for name, spec in REGISTRY[key].record.fields.items() if not spec.private}
    assert public - names == set()


def test_records_are_frozen(places):
    import dataclasses

    from generator.model.site import load_site
    from generator.settings import Settings
    from tests.conftest import DATA
    from tests.conftest import TODAY as BUNDLED_DAY

    site = load_site(Settings(data_dir=DATA, today=BUNDLED_DAY))
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.centers[0].name = "Changed"  # type: ignore[misc]
