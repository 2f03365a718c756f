"""Issue 15's stories on a phone (375x812, touch) in a real browser: a mother in a Cape Cod village, a Spanish
speaker in Lawrence, someone at the foot of a long page who needs 988 now, a misspelt town, a place outside
Massachusetts, a visitor who shares their location, and the theme's search box. Each checks what the
visitor sees and can tap, not how the page is built."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visit
from tests.browser.test_accessibility import audit
from tests.conftest import DATA

PHONE = {"width": 375, "height": 812}
HYANNIS_MAIN_STREET = {"latitude": 41.6525, "longitude": -70.2881}  # 400 Main St., Hyannis
# Layout shift, as browsers report it to a PerformanceObserver: shifts not caused by the visitor's own input.
CLS = """() => new Promise(resolve => {
    let score = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { score += entry.value; } }
    }).observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(score)));
})"""


def phone_context(browser, **options):
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options)


@pytest.fixture
def phone(browser, base_url):
    context = phone_context(browser)
    yield Visit(context, base_url)
    context.close()


def on_screen(page, selector: str) -> bool:
    """The element lies wholly inside the viewport, above the fixed help bar."""
    box = page.locator(selector).first.bounding_box()
    bar = page.locator(".prn-help__bar").bounding_box()
    return bool(box and bar) and box["y"] >= 0 and box["y"] + box["height"] <= bar["y"]


def search(page, text: str) -> None:
    page.locator("#prn-q").tap()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def national_line() -> dict:
    import yaml

    lines = yaml.safe_load((DATA / "help.yaml").read_text(encoding="utf-8"))["help_lines"]
    return next(line for line in lines if line["id"] == "samhsa-helpline")


# ---- a mother in a Cape Cod village ----


def test_hyannis_answers_with_the_summary_focused_and_the_first_number_on_screen(phone):
    page = phone.open("find/")
    search(page, "Hyannis")
    assert page.evaluate("document.activeElement.id") == "prn-status"
    assert "within 25 miles of Hyannis (Barnstable)" in page.inner_text("#prn-status")
    assert on_screen(page, "#prn-status")
    first = "section[aria-labelledby=prn-places] li"
    assert page.locator(first).first.get_attribute("data-id") == "pier-recovery-center-barnstable"
    assert on_screen(page, f"{first} h3") and on_screen(page, f"{first} a[href^='tel:']")
    assert phone.errors == [] and phone.foreign_requests() == []


def test_filters_fold_behind_a_button_that_counts_them(phone):
    page = phone.open("find/?q=Boston&lang=es&masshealth=1")
    toggle = page.locator("#prn-filters-toggle")
    assert toggle.inner_text() == "Filters (2)" and toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#prn-filters").is_hidden()
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("select[name=lang]").is_visible()
    page.select_option("select[name=lang]", "")
    assert toggle.inner_text() == "Filters (1)"


def test_wide_screens_show_the_filters_without_the_button(visit):
    page = visit.open("find/")
    assert page.locator("#prn-filters").is_visible() and page.locator("#prn-filters-toggle").is_hidden()


@pytest.mark.parametrize("path", ["find/", "find/?q=Hyannis", "find/?q=Boston&within=any", "es/find/?q=Lawrence",
                                  "plan/"])
def test_nothing_moves_while_the_scripts_start(phone, path):
    page = phone.open(path)
    page.wait_for_timeout(300)  # the theme's own scripts have run (find.js waits for them)
    assert page.evaluate(CLS) <= 0.02


# ---- a Spanish speaker in Lawrence ----


def test_a_centre_whose_languages_are_not_listed_stays_under_the_spanish_filter_marked(phone):
    page = phone.open("es/find/?lang=es")
    search(page, "Lawrence")
    index = page.evaluate("fetch('../../api/v1/find.json').then(r => r.json())")
    unstated = {c["id"] for c in index["centers"] if not c["languages"]}
    other = {c["id"] for c in index["centers"] if c["languages"] and "es" not in c["languages"]}
    items = page.locator("section[aria-labelledby=prn-places] li")
    shown = items.evaluate_all("items => items.map(i => i.dataset.id)")
    in_lawrence = {c["id"] for c in index["centers"] if any(", Lawrence, MA" in p["address"] for p in c["points"])}
    first = items.first
    assert shown[0] in in_lawrence & unstated
    assert not set(shown) & other
    assert "Idiomas no indicados: llame para preguntar" in first.inner_text()
    assert page.locator("#prn-filters-toggle").inner_text() == "Filtros (1)"
    assert on_screen(page, "#prn-status")


# ---- someone at the foot of a long page who needs 988 now ----


@pytest.mark.parametrize("path", ["guides/faq/", "es/guides/faq/", "pt/towns/boston/"])
def test_988_is_one_tap_away_at_the_foot_of_a_long_page(phone, path):
    page = phone.open(path)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    call = page.locator(".prn-help__bar > a[href='tel:988']")
    assert call.is_visible() and on_screen(page, ".md-footer")  # the bar covers nothing: the page is padded
    box = call.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    page.locator(".prn-help__more > summary").tap()
    for href in ("tel:988", "sms:988", "tel:+18003275050", "tel:911"):
        assert page.locator(f".prn-help__list a[href='{href}']").is_visible()
    assert page.locator(".prn-help__list").bounding_box()["y"] >= 0


@pytest.mark.parametrize("lang", ["", "es/", "pt/"])
def test_the_help_bar_is_one_row_of_large_well_spaced_targets(phone, lang):
    page = phone.open(lang)
    boxes = page.locator(".prn-help__bar > a, .prn-help__bar summary").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().toJSON())")
    assert len(boxes) == 3
    assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes)
    assert len({round(b["top"]) for b in boxes}) == 1  # one row
    assert all(right["left"] - left["right"] >= 8 for left, right in zip(boxes, boxes[1:], strict=False))
    assert page.locator(".prn-help__bar").bounding_box()["height"] <= 56
    assert page.locator(".prn-help__full").is_hidden()


def test_the_menu_drawer_has_the_numbers(phone):
    page = phone.open("")
    page.locator("label.md-header__button[for=__drawer]").tap()
    call = page.locator(".prn-drawer-help a[href='tel:988']")
    call.wait_for(state="visible")
    assert call.bounding_box()["height"] >= 44


# ---- a misspelt town ----


@pytest.mark.parametrize("typed, meant", [("Worchester", "Worcester"), ("Pittsfeild", "Pittsfield"),
                                          ("Hyanis", "Hyannis"), ("02610", "02601")])
def test_a_misspelt_place_gets_a_suggestion_that_works(phone, typed, meant):
    page = phone.open("find/")
    search(page, typed)
    assert "Did you mean" in page.inner_text("#prn-message") and on_screen(page, "#prn-message")
    choice = page.locator("#prn-message button.prn-choice").filter(has_text=meant).first
    box = choice.bounding_box()
    assert box["height"] >= 44
    choice.tap()
    assert page.input_value("#prn-q") == meant
    assert page.evaluate("document.activeElement.id") == "prn-status"
    assert page.locator("section[aria-labelledby=prn-places] li").count() >= 1


def test_the_planner_suggests_a_town_for_a_misspelling(phone):
    page = phone.open("plan/")
    page.locator("#plan-lang option").nth(1).wait_for(state="attached")
    page.fill("#plan-town", "Pittsfeild")
    page.dispatch_event("#plan-town", "change")
    choice = page.locator(".prn-plan__advice button.prn-choice").first
    assert choice.inner_text() == "Pittsfield"
    choice.tap()
    assert page.input_value("#plan-town") == "Pittsfield"
    assert "Pittsfield" in page.inner_text("#plan-town-status")


def test_the_town_index_box_suggests_and_opens_the_town_page(phone):
    page = phone.open("towns/")
    page.locator("#prn-townbox-q").tap()
    page.keyboard.type("Worchester")
    page.keyboard.press("Enter")
    choice = page.locator("#prn-townbox-message button.prn-choice").first
    assert choice.inner_text() == "Worcester"
    with page.expect_navigation():
        choice.tap()
    assert page.url.endswith("/towns/worcester/")


def test_the_town_index_box_goes_straight_to_a_villages_town(phone):
    page = phone.open("towns/")
    page.fill("#prn-townbox-q", "02601")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/towns/barnstable/")


# ---- a place outside Massachusetts ----


@pytest.mark.parametrize("typed", ["03060", "Providence"])
def test_a_place_outside_massachusetts_gets_the_national_helpline(phone, typed):
    line = national_line()
    page = phone.open("find/")
    search(page, typed)
    message = page.locator("#prn-message")
    assert "outside Massachusetts" in message.inner_text()
    call = message.locator("a[href^='tel:']")
    assert call.inner_text() == line["call"] and call.get_attribute("href") == "tel:+18006624357"
    assert message.locator("a[href='https://findtreatment.gov/']").is_visible()
    assert line["sources"][0]["title"] in message.inner_text()  # where the number comes from
    assert on_screen(page, "#prn-message a[href^='tel:']")
    assert phone.foreign_requests() == []  # nothing typed left the browser


def test_the_planner_and_town_index_send_an_out_of_state_zip_to_the_national_helpline(phone):
    page = phone.open("plan/")
    page.locator("#plan-lang option").nth(1).wait_for(state="attached")
    page.fill("#plan-town", "02860")
    page.dispatch_event("#plan-town", "change")
    page.wait_for_selector(".prn-plan__advice a[href='tel:+18006624357']", state="visible")
    page = phone.open("towns/")
    page.fill("#prn-townbox-q", "06103")
    page.keyboard.press("Enter")
    page.wait_for_selector("#prn-townbox-message a[href='tel:+18006624357']", state="visible")  # index loads lazily


# ---- a visitor who shares their location ----


def test_my_location_measures_from_the_visitor_and_names_the_nearest_village(browser, base_url):
    context = phone_context(browser, geolocation=HYANNIS_MAIN_STREET, permissions=["geolocation"])
    tab = Visit(context, base_url)
    page = tab.open("find/")
    page.locator("#prn-locate").tap()
    expect(page.locator("#prn-status")).to_be_focused()  # not wait_for_function: the page's CSP forbids eval
    assert "of you, near Hyannis (Barnstable)" in page.inner_text("#prn-status")
    assert on_screen(page, "#prn-status")
    first = page.locator("section[aria-labelledby=prn-places] li").first
    shown = first.locator(".prn-distance").inner_text().strip()
    expected = page.evaluate("""async ([lat, lon, id]) => {
        const places = await import('../assets/places.mjs');
        const index = await places.loadIndex(new URL('../api/v1/find.json', location.href));
        const c = index.centers.find(c => c.id === id);
        return places.nearest(index, c, {lat, lon}).miles.toFixed(1) + " mi"; }""",
                             [*HYANNIS_MAIN_STREET.values(), first.get_attribute("data-id")])
    assert shown == expected
    town_centre = page.evaluate("""async () => {
        const places = await import('../assets/places.mjs');
        const index = await places.loadIndex(new URL('../api/v1/find.json', location.href));
        const t = index.towns.find(t => t.name === 'Barnstable');
        return places.miles(41.6525, -70.2881, t.lat, t.lon); }""")
    assert town_centre > 1  # so measuring from the town centre would have shown another distance
    assert tab.foreign_requests() == [] and tab.errors == []
    context.close()


# ---- the theme's search box ----


@pytest.mark.parametrize("lang, typed, says, query", [
    ("", "Hyannis", "Find help near Hyannis (Barnstable)", "find/?q=Hyannis"),
    ("es/", "Lawrence", "Buscar ayuda cerca de Lawrence", "es/find/?q=Lawrence"),
    ("pt/", "02601", "Buscar ajuda perto de 02601 (Barnstable)", "pt/find/?q=02601"),
    ("", "Worchester", "Find help near Worcester", "find/?q=Worcester"),
])
def test_the_search_box_offers_help_near_a_place_first(phone, lang, typed, says, query):
    page = phone.open(lang)
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill(typed)
    link = page.locator(".prn-search-place__link")
    link.wait_for(state="visible")
    assert link.inner_text() == says
    assert link.get_attribute("href") == phone.base_url + query
    first = page.locator(".md-search__scrollwrap a").first
    assert first.inner_text() == says  # above the theme's own results
    assert link.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16  # as large as a result's title
    with page.expect_navigation():
        link.tap()
    phone.settle()
    assert page.locator("section[aria-labelledby=prn-places] li").count() >= 1


# ---- accessibility at 375 px, light and dark ----


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path, action", [
    ("find/", "Hyannis"), ("find/", "Worchester"), ("find/", "03060"), ("find/?q=Boston", "filters"),
    ("guides/faq/", "help"), ("es/", "help"), ("towns/", None), ("plan/", None), ("", "drawer"),
])
def test_no_axe_violations_on_a_phone_in_each_state(browser, base_url, axe_source, scheme, path, action):
    context = phone_context(browser, color_scheme=scheme, bypass_csp=True)
    page = Visit(context, base_url).open(path)
    if action == "filters":
        page.locator("#prn-filters-toggle").tap()
    elif action == "help":
        page.locator(".prn-help__more > summary").tap()
    elif action == "drawer":
        page.locator("label.md-header__button[for=__drawer]").tap()
    elif action:
        search(page, action)
    assert audit(page, axe_source) == []
    context.close()


# ---- a man planning in the Berkshires ----

@pytest.mark.parametrize("town", ["Pittsfield", "Great Barrington", "North Adams"])
def test_a_plan_in_the_berkshires_gives_a_number_to_tap_at_every_step_that_names_a_place(phone, town):
    """Week 1 warns of overdose risk and names naloxone; week 2 gives MassHealth's number; week 3's centre
    and RLC each give their own number or the Helpline to call to check: never a dead end."""
    page = phone.open("plan/")
    page.locator("#plan-places option").nth(1).wait_for(state="attached")
    page.locator("#plan-town").tap()
    page.keyboard.type(town)
    page.dispatch_event("#plan-town", "change")
    page.locator("input[name=masshealth][value=yes]").check()
    assert "naloxone" in page.inner_text("[data-step=w1-naloxone]")
    assert page.locator("[data-step=w2-call] [data-masshealth=yes] a[href='tel:+18008412900']").is_visible()
    for slot in ("#plan-prsc", "#plan-rlc"):
        page.wait_for_selector(f"{slot} .prn-slot__phone")
        calls = page.locator(f"{slot} .prn-slot__phone a[href^='tel:']")
        assert calls.count() >= 1, (town, slot, page.inner_text(slot))
        for call in calls.all():  # a state-list number has the Helpline beside it
            box = call.bounding_box()
            assert call.is_visible() and box and box["x"] + box["width"] <= 375, (town, slot, call.inner_text())


def test_a_centre_without_its_own_number_offers_the_helpline_on_find(phone):
    """/find/'s cards, like the centre pages: a listing with no number of its own gives the Helpline."""
    page = phone.open("find/?q=Pittsfield&within=")
    page.wait_for_selector("section[aria-labelledby=prn-places] li")
    cards = page.locator("section[aria-labelledby=prn-places] li.prn-near__item")
    without = [i for i in range(cards.count()) if "No number of its own" in cards.nth(i).inner_text()]
    assert without, "expected a listing without its own number among all places by distance"
    for i in range(cards.count()):
        assert cards.nth(i).locator("a[href^='tel:']").count() >= 1, cards.nth(i).inner_text()
    assert cards.nth(without[0]).locator("a[href='tel:+18003275050']").count() == 1
