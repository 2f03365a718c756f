"""The one way in: from a settings object to the enriched Site. Build, serve, report, ids, geocode,
the translation check and the tests all call load_site(), so they cannot disagree about what
the data says (the geocode cache included)."""

from __future__ import annotations

from collections.abc import Callable

from ..registry.geocache import load_cache
from ..registry.places import load_places
from ..registry.validate import validate
from ..settings import Settings
from .enrich import enrich
from .records import Site


def load_site(settings: Settings, lap: Callable[[str], None] = lambda stage: None) -> Site:
    """Load, validate and enrich the registries in settings.data_dir. Raises DataError with every
    problem found. `lap` is told when each stage ends (load, validate, enrich), for timings.
    The example coaches are validated always and kept only when settings.examples asks for a preview."""
    places = load_places(settings.data_dir)
    geocoded = load_cache(settings.data_dir, places)
    lap("load")
    registries = validate(settings.data_dir, places, settings.today, settings.published, settings.fiction)
    lap("validate")
    if not settings.examples:  # fictional coaches never reach the public site: no page, list, export or index
        registries.records["coaches"] = [c for c in registries.coaches if not c.get("example")]
    site = enrich(registries, settings, geocoded)
    lap("enrich")
    return site
