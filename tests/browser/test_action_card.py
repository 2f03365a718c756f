"""A listing's first screen is what a visitor acts on (issue 24, item 2): on a 375x812 phone every centre,
programme and RLC page shows its name, what it is, the age of its evidence, a large Call button, where it is,
when it is open and Text this / Copy link, all above the fixed help bar, in three languages; axe finds nothing
on any of them; directions are a link, never a request; Copy link says it copied, in the page's language."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visit
from tests.browser.test_accessibility import audit

LANGS = ["", "es/", "pt/"]
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
# The card's parts, each of which must be wholly on the first screen and above the help bar.
PARTS = ("h1", ".prn-kind", ".prn-newest", ".prn-call", ".prn-action__where", ".prn-action__hours",
         ".prn-share__text", ".prn-share__copy")
FIRST_SCREEN = """([parts]) => {
  const bar = document.querySelector('.prn-help__bar').getBoundingClientRect();
  return parts.map(selector => {
    const e = document.querySelector('.prn-action ' + selector);
    if (!e) return [selector, 'absent'];
    const box = e.getBoundingClientRect();
    const inside = box.height >= 1 && box.top >= 0 && box.bottom <= bar.top + .5;
    return [selector, inside ? 'ok' : [box.top, box.bottom, bar.top]];
  });
}"""


def centre_ids(site) -> list[str]:
    return sorted(p.name for p in (site / "centers").iterdir() if (p / "index.html").is_file()
                  and "prn-center" in (p / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def phone(browser, base_url):
    context = browser.new_context(bypass_csp=True, **PHONE)  # bypass_csp lets the audit inject axe
    yield Visit(context, base_url)
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_listing_page_fits_its_action_card_on_the_first_phone_screen(phone, bundled_site, lang):
    centres = centre_ids(bundled_site)
    assert len(centres) > 40
    late = {}
    for centre in centres:
        page = phone.open(f"{lang}centers/{centre}/")
        found = {part: where for part, where in page.evaluate(FIRST_SCREEN, [list(PARTS)]) if where != "ok"}
        if "absent" in found.pop(".prn-action__where", "ok"):  # an RLC known only by its regions has no address
            assert "<dt>" in page.content()
        if found:
            late[centre] = found
        button = page.locator(".prn-call").bounding_box()
        assert button and button["height"] >= 44 and button["width"] >= 44, centre
    assert late == {}


def test_axe_finds_nothing_on_any_listing_page_at_phone_size(phone, bundled_site, axe_source):
    found = {}
    for centre in centre_ids(bundled_site):
        violations = audit(phone.open(f"centers/{centre}/"), axe_source)
        if violations:
            found[centre] = violations
    assert found == {}


def test_directions_go_to_openstreetmap_only_when_tapped(phone):
    page = phone.open("centers/devine-recovery-center-boston/")
    href = page.locator(".prn-directions").get_attribute("href")
    assert href.startswith("https://www.openstreetmap.org/directions?to=") and "Devine%20Way" in href
    assert phone.foreign_requests() == []


@pytest.mark.parametrize(("lang", "done"), [("", "Link copied"), ("es/", "Enlace copiado"), ("pt/", "Link copiado")])
def test_copy_link_puts_the_page_address_on_the_clipboard_and_says_so(browser, base_url, lang, done):
    context = browser.new_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    tab = Visit(context, base_url)
    page = tab.open(f"{lang}centers/central-mass-rlc/")
    button = page.locator(".prn-action .prn-share__copy")
    button.click()
    expect(page.locator(".prn-action .prn-share__done")).to_have_text(done)  # once the clipboard took it
    assert page.evaluate("navigator.clipboard.readText()") == f"https://navigator.example/{lang}centers/central-mass-rlc/"
    assert tab.foreign_requests() == [] and tab.errors == []
    context.close()


def test_a_coach_page_leads_with_a_call_button_on_the_first_screen(browser, preview_url):
    context = browser.new_context(**PHONE)
    page = Visit(context, preview_url).open("coaches/rosa-example/")
    parts = dict(page.evaluate(FIRST_SCREEN, [["h1", ".prn-carc", ".prn-call", ".prn-share__text"]]))
    assert parts == dict.fromkeys(parts, "ok")
    context.close()


# What each /find/ result card offers to text: its message (decoded), and the card's own name, number, address and
# listing address, read from the card as a visitor sees it.
SHARED = """() => [...document.querySelectorAll('.prn-find__results li.prn-near__item')].map(card => {
  const href = card.querySelector('.prn-share__text').getAttribute('href');
  const tel = card.querySelector('a[data-slot="phone"]');  // its own number; without one, the Helpline's
  const address = card.querySelector('[data-slot="address"]');
  const title = card.querySelector('h3 a');
  return {href, body: decodeURIComponent(href.replace(/^sms:\\?&body=/, '')), name: title.textContent, url: title.href,
          number: tel && tel.textContent, address: address && address.textContent,
          copy: card.querySelector('.prn-share__copy').dataset.url, leftover: !!card.querySelector('.prn-share__body')};
})"""


CHECK = {"": "no number of its own; to check, call", "es/": "no tiene número propio; para confirmar, llame al",
         "pt/": "não tem número próprio; para confirmar, ligue para"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_find_result_offers_a_text_with_its_name_number_address_and_address(phone, bundled_site, lang):
    check = f"{CHECK[lang]} {json.loads((bundled_site / 'api/v1/find.json').read_text())['helpline']['call']}"
    cards = phone.open(f"{lang}find/?q=Falmouth").evaluate(SHARED)  # Falmouth's own centre lists no number
    assert len(cards) >= 5
    for card in cards:
        assert card["href"].startswith("sms:?&body=") and not card["leftover"], card
        body = card["body"]
        assert len(body) <= 320 and body.startswith(card["name"]) and body.endswith(card["url"]), card
        assert (card["number"] or check) in body and (card["address"] or "") in body, card
        assert card["copy"] == card["url"] and card["url"].startswith(phone.base_url + lang + "centers/"), card
    assert any(c["address"] for c in cards) and any(check in c["body"] for c in cards)
    assert phone.foreign_requests() == []
