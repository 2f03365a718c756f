"""The confirmation loop (issue 23): a listing reads "confirmed" only while its phone and address were
confirmed with the centre within Limits.confirmed_months; an older confirmation falls back to "sourced"."""

from __future__ import annotations

import datetime as dt

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
