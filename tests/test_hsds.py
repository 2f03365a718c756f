"""The Open Referral HSDS export validates against the official HSDS 3.0 schemas and says what a
211-style directory needs: who runs each centre, where it is, how to call, when it was checked."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.model.site import load_site
from generator.outputs.exports import exports
from generator.outputs.hsds import hsds_exports
from generator.settings import Settings
from tests.conftest import DATA, MINIMAL_CENTER_SOURCES, TODAY

SCHEMAS = Path(__file__).parent / "fixtures" / "hsds-3.0"
REGISTRY = Registry().with_resources(
    (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
    for path in SCHEMAS.glob("*.json"))
PAGES = {"services.json": "service.json", "organizations.json": "organization.json",
         "taxonomies.json": "taxonomy.json", "taxonomy_terms.json": "taxonomy_term.json"}


def hsds(data_dir: Path) -> dict[str, dict]:
    site = load_site(Settings(data_dir=data_dir, today=TODAY))
    files = hsds_exports(site)
    return {path.removeprefix("api/v1/hsds/"): json.loads(json.dumps(payload)) for path, payload in files.items()}


def errors(item: dict, schema_file: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(REGISTRY[schema_file].contents, registry=REGISTRY,
                                                format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(item)]


@pytest.fixture(scope="module")
def bundled():
    return hsds(DATA)


def services_by_name(files: dict) -> dict[str, dict]:
    return {s["name"]: s for s in files["services.json"]["contents"]}


@pytest.mark.parametrize("page", PAGES)
def test_every_exported_object_validates_against_the_hsds_schema(bundled, page):
    contents = bundled[page]["contents"]
    assert contents
    for item in contents:
        assert errors(item, PAGES[page]) == [], item["name"]


def test_the_schemas_reject_what_hsds_forbids():
    """The validation can fail: a wrong status, a missing name and a non-UUID id are caught."""
    problems = errors({"id": "centre-1", "status": "open", "service_at_locations": [
        {"id": "00000000-0000-0000-0000-000000000000", "location": {"id": "00000000-0000-0000-0000-000000000001"}}]},
        "service.json")
    assert "status: 'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']" in problems
    assert ": 'name' is a required property" in problems
    assert "id: 'centre-1' is not a 'uuid'" in problems
    assert "service_at_locations/0/location: 'location_type' is a required property" in problems


def test_a_service_whose_organization_id_is_not_a_uuid_is_refused(bundled):
    """The official schemas declare `format: uuid` on every id; the check is on, so a bad id cannot pass."""
    service = dict(services_by_name(bundled)["Living in Recovery"], organization_id="living-in-recovery")
    assert errors(service, "service.json") == ["organization_id: 'living-in-recovery' is not a 'uuid'"]


def test_the_files_are_single_page_api_lists_and_declare_the_version_and_licence(bundled):
    assert bundled["index.json"]["version"] == "3.0.1"
    assert bundled["index.json"]["license"]["id"] == "CC-BY-4.0"
    assert bundled["index.json"]["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    services = bundled["services.json"]
    listed = (DATA / "centers.yaml").read_text().count("\n  - id: ")
    assert services["total_items"] == services["size"] == len(services["contents"]) == listed
    assert (services["page_number"], services["total_pages"], services["empty"]) == (1, 1, False)


def test_a_centre_becomes_an_active_service_run_by_its_host_with_its_checked_date(registry):
    registry.replace("centers.yaml", "    phone:",
                     "    host: ServiceNet\n    hours: Monday to Friday, 9am to 4pm\n    phone:")
    registry.replace("centers.yaml", "phone]", "phone, host, hours]")
    service = services_by_name(hsds(registry.dir))["Living in Recovery"]
    assert service["status"] == "active"
    assert service["assured_date"] == "2026-01-01"
    assert service["organization"]["name"] == "ServiceNet"
    assert service["organization_id"] == service["organization"]["id"]
    assert [p["number"] for p in service["phones"]] == ["(413) 570-8243"]
    assert [s["description"] for s in service["schedules"]] == ["Monday to Friday, 9am to 4pm"]
    assert service["alert"].startswith("Call before you go: this listing comes from cited public pages")
    assert "confirmed with the centre. Newest information: 2024-01-15. May have changed: call to check." in \
        service["alert"]


def test_an_extension_is_its_own_field_never_digits_of_the_number(registry):
    registry.replace("centers.yaml", '"(413) 570-8243"', '"(413) 570-8243 ext. 12"')
    service = services_by_name(hsds(registry.dir))["Living in Recovery"]
    assert [(p["number"], p["extension"]) for p in service["phones"]] == [("(413) 570-8243", 12)]
    assert errors(service, "service.json") == []


def test_centres_sharing_a_host_share_one_organization(bundled):
    gandara = [s for s in bundled["services.json"]["contents"] if s["organization"]["name"] == "Gándara Center"]
    assert len(gandara) == 4
    assert len({s["organization_id"] for s in gandara}) == 1
    names = [o["name"] for o in bundled["organizations.json"]["contents"]]
    assert names.count("Gándara Center") == 1
    assert len(names) == len(set(names))


def test_a_centre_without_a_host_is_its_own_organization(bundled):
    service = services_by_name(bundled)["Living in Recovery"]
    assert service["organization"]["name"] == "Living in Recovery"


def test_a_town_level_location_has_no_coordinates_and_says_so(bundled):
    location = services_by_name(bundled)["Have Hope Peer Recovery Center"]["service_at_locations"][0]["location"]
    assert "latitude" not in location and "longitude" not in location
    assert location["description"] == ("37 Main St., second floor, North Adams, MA 01247. The exact "
                                       "position is not known; maps show the centre of the town.")


def test_four_in_five_physical_locations_have_a_structured_address(bundled):
    """Issue 23: programme sites at hospitals and RLC sites got their dated streets and ZIP codes; the rest are
    known only by their town (the Red House, which moved; courts and wards whose page gives no ZIP code)."""
    locations = {at["location"]["id"]: at["location"] for service in bundled["services.json"]["contents"]
                 for at in service["service_at_locations"] if at["location"]["location_type"] == "physical"}
    addressed = [location for location in locations.values() if location.get("addresses")]
    assert len(locations) == 51 and len(addressed) / len(locations) >= 0.8, (len(addressed), len(locations))


def test_the_languages_a_source_gives_are_exported_with_their_names(registry):
    registry.replace("centers.yaml", "    verification: sourced\n",
                     "    languages: [en, es]\n    verification: sourced\n")
    registry.replace("centers.yaml", "phone]", "phone, languages]")
    service = services_by_name(hsds(registry.dir))["Living in Recovery"]
    assert [(lang["code"], lang["name"]) for lang in service["languages"]] == [("en", "English"), ("es", "Spanish")]


def test_exact_coordinates_and_a_full_address_are_exported(registry):
    registry.replace("centers.yaml", "      town: Pittsfield\n",
                     "      town: Pittsfield\n      zip: '01201'\n    location: {lat: 42.4501, lon: -73.2454}\n")
    registry.replace("centers.yaml", "phone]", "phone, zip]")
    location = services_by_name(hsds(registry.dir))["Living in Recovery"]["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (42.4501, -73.2454)
    assert location["location_type"] == "physical"
    address = location["addresses"][0]
    assert {k: address[k] for k in ("address_1", "city", "state_province", "postal_code", "country")} == {
        "address_1": "75 North St.", "city": "Pittsfield", "state_province": "MA", "postal_code": "01201",
        "country": "US"}
    assert address["location_id"] == location["id"]


def test_an_rlc_lists_its_region_and_its_sites(bundled):
    services = services_by_name(bundled)
    nerlc = services["Northeast Recovery Learning Community (NERLC)"]
    assert [a["name"] for a in nerlc["service_areas"]] == ["Northeast Massachusetts"]
    western = services["Western Mass Recovery Learning Community"]
    assert [a["name"] for a in western["service_areas"]] == ["Western Massachusetts"]
    assert len(western["service_at_locations"]) == 3


def test_kind_and_tracks_are_taxonomy_terms(bundled):
    moms = services_by_name(bundled)["Moms Do Care EMPOWER"]
    codes = [a["taxonomy_term"]["code"] for a in moms["attributes"]]
    assert codes == ["program", "track:pregnant-parenting"]
    assert all(a["link_id"] == moms["id"] for a in moms["attributes"])
    term_ids = {t["id"] for t in bundled["taxonomy_terms.json"]["contents"]}
    assert {a["taxonomy_term_id"] for a in moms["attributes"]} <= term_ids


def test_ids_are_stable_between_builds_and_unique(bundled):
    again = hsds(DATA)
    assert again == bundled
    ids = []

    def collect(value):
        if isinstance(value, dict):
            if "id" in value:
                ids.append((value["id"], json.dumps(value, sort_keys=True)))
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
    collect(bundled["services.json"]["contents"])
    distinct: dict[str, str] = {}
    for object_id, body in ids:
        assert distinct.setdefault(object_id, body) == body, f"id {object_id} names two different objects"


def test_example_coaches_are_not_exported():
    site = load_site(Settings(data_dir=DATA, today=TODAY, examples=True))  # not even from a preview
    text = json.dumps(hsds_exports(site))
    assert site.coaches
    assert [c.name for c in site.coaches if c.name in text] == []


def test_the_build_publishes_the_hsds_files_under_api_v1_hsds():
    from generator.outputs.exports import exports
    site = load_site(Settings(data_dir=DATA, today=TODAY))
    published = {path for path in exports(site) if path.startswith("api/v1/hsds/")}
    assert published == {f"api/v1/hsds/{name}" for name in ("index.json", *PAGES)}


def test_machine_readable_hours_become_weekly_schedules_with_the_sources_wording(registry):
    registry.replace("centers.yaml", "    phone:", "    hours: Weekdays 9 to 5, Saturdays 10 to 2\n"
                     "    opening_hours: [Mo-Fr 09:00-17:00, Sa 10:00-14:00]\n    phone:")
    registry.replace("centers.yaml", "supports: [name, street, town, phone]",
                     "supports: [name, street, town, phone, hours, opening_hours]")
    service = services_by_name(hsds(registry.dir))["Living in Recovery"]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]] == [
        ("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00"), ("WEEKLY", "SA", "10:00", "14:00")]
    assert {s["description"] for s in service["schedules"]} == {"Weekdays 9 to 5, Saturdays 10 to 2"}
    assert errors(service, "service.json") == []


def test_each_shown_fact_carries_its_dated_source_in_the_metadata(registry):
    registry.replace("centers.yaml", MINIMAL_CENTER_SOURCES, """\
    sources:
      - url: https://www.wamc.org/news/2024-01-15/example
        title: "WAMC: Living in Recovery settles in"
        date: 2024-01-15
        supports: [street]
      - url: https://github.com/example/state-list.csv
        title: "The state's list of centres"
        date: "2026-02"
        supports: [name, phone]
""")
    service = services_by_name(hsds(registry.dir))["Living in Recovery"]
    facts = {m["field_name"]: (m["replacement_value"], m["last_action_date"], m["updated_by"])
             for m in service["metadata"]}
    assert facts == {
        "address": ("75 North St., Pittsfield, MA", "2024-01-15",
                    "WAMC: Living in Recovery settles in <https://www.wamc.org/news/2024-01-15/example>"),
        "phone": ("(413) 570-8243", "2026-02", "The state's list of centres <https://github.com/example/state-list.csv>")}
    assert {m["resource_id"] for m in service["metadata"]} == {service["id"]}
    assert errors(service, "service.json") == []


def test_every_location_with_a_street_and_zip_has_a_structured_address(bundled):
    """What an importer geocodes from: no street with its ZIP is left only in a description."""
    locations = [sal["location"] for s in bundled["services.json"]["contents"] for sal in s["service_at_locations"]]
    site = load_site(Settings(data_dir=DATA, today=TODAY))
    known = sum(1 for c in site.centers for a in [c.address, *(x.address for x in c.sites)] if a and a.street and a.zip)
    assert known and sum(1 for loc in locations if loc.get("addresses")) == known


def test_a_geocoded_street_gives_the_location_its_coordinates(registry):
    """Coordinates from the geocode cache are the street's own, so an importer gets them too."""
    registry.write("geocode-cache.yaml", '"75 North St., Pittsfield, MA":\n  lat: 42.4501\n  lon: -73.2454\n'
                                         "  display_name: 75 North Street, Pittsfield\n  date: 2026-11-20\n")
    location = services_by_name(hsds(registry.dir))["Living in Recovery"]["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (42.4501, -73.2454)
    assert "not known" not in location["description"]


def test_confirmations_and_standing_are_exported_and_stay_valid(registry):
    registry.replace("centers.yaml", "    verification: sourced",
                     "    verification: sourced\n    confirmed:\n"
                     "      phone: {on: 2026-10-02, how: phone, by: maintainer-login}\n"
                     "      address: {on: 2026-10-02, how: visit, by: centre director}")
    site = load_site(Settings(data_dir=registry.dir, today=TODAY))
    service = services_by_name(hsds(registry.dir))["Living in Recovery"]
    assert errors(service, "service.json") == []
    assert [(m["field_name"], m["last_action_date"], m["replacement_value"], m["updated_by"])
            for m in service["metadata"] if m["last_action_type"] == "confirmed"] == [
        ("phone", "2026-10-02", "confirmed by phone", "maintainer-login"),
        ("address", "2026-10-02", "confirmed in person", "centre director")]
    assert not service["alert"].startswith("Call before you go")  # phone and address confirmed: it reads confirmed
    row = next(c for c in exports(site)["api/v1/centers.json"]["centers"] if c["id"] == "living-in-recovery-pittsfield")
    assert (row["verification"], row["newest_source"], row["standing"]) == (
        "confirmed", "2024-01-15", "may-have-changed")
    assert json.loads(json.dumps(row["confirmed"], default=str)) == {
        "phone": {"on": "2026-10-02", "how": "phone", "by": "maintainer-login"},
        "address": {"on": "2026-10-02", "how": "visit", "by": "centre director"}}
