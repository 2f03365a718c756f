"""What the pages compute: CARC status as of the build date, phone links, addresses."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.enrich import carc_status, tel_href

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
    assert (status.state, status.label) == (state, label)


@pytest.mark.parametrize("number, href", [("(800) 327-5050", "tel:+18003275050"), ("988", "tel:988"),
                                          ("2-1-1", "tel:211")])
def test_phone_links_dial_the_right_digits(number, href):
    assert tel_href(number) == href
