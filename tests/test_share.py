"""Text this (issue 24, item 5): every listing page, centre, programme, RLC and coach, in three languages, offers
an sms: link whose body (at most 320 characters) holds the listing's name, a number to call (its own, or the
Helpline's to check), its address where it has one and the page's own address, and a Copy link button for that
address. The body is one catalogue sentence (templates/_macros.html, share_text); nothing else is sent anywhere.
The pages of the shared preview build (with the example coaches); /find/'s cards: tests/browser/test_action_card.py."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest

from generator.model.site import load_site
from generator.settings import Settings
from tests.conftest import DATA, SITE_URL, TODAY, built_pages

CHECK = {"en": "no number of its own; to check, call", "es": "no tiene número propio; para confirmar, llame al",
         "pt": "não tem número próprio; para confirmar, ligue para"}
LINK = re.compile(r'<a class="md-button prn-share__text" href="sms:\?&amp;body=([^"]*)">')
COPY = re.compile(r'<button type="button" class="md-button prn-share__copy" data-url="([^"]*)" data-done="[^"]+">')


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY, examples=True, site_url=SITE_URL))


@pytest.fixture(scope="module", params=["en", "es", "pt"])
def rendered(request, preview_site):
    """(language, {'centers/<id>/': content}) of every listing page of the preview build in that language."""
    return request.param, built_pages(preview_site, request.param, ("centers", "coaches"))


def shared(body: str) -> tuple[str, str]:
    """The text message a page offers and the address its Copy link copies."""
    card = body.split('<div class="prn-action">', 1)[1].split("</div>", 1)[0]
    (text,), (url,) = LINK.findall(card), COPY.findall(card)
    return unquote(html.unescape(text)), html.unescape(url)


def test_every_listing_page_offers_a_text_with_its_name_number_address_and_address(site, rendered):
    lang, bodies = rendered
    prefix = "" if lang == "en" else f"{lang}/"
    helpline = site.check_line
    listings = [(c, f"centers/{c.id}/", c.address and c.address.line, c.phone) for c in site.centers]
    listings += [(c, f"coaches/{c.id}/", None, c.phone) for c in site.coaches]
    assert len(listings) > 60
    for record, path, address, phone in listings:
        text, url = shared(bodies[path])
        assert url == f"{SITE_URL}{prefix}{record.url}", path
        assert len(text) <= 320, (path, len(text))
        assert text.startswith(record.name) and text.endswith(url), (path, text)
        if phone:
            assert phone in text, path
        elif path.startswith("centers/"):
            assert f"{CHECK[lang]} {helpline.call}" in text, (path, text)
        assert (address or "") in text, path
    longest = max(len(shared(bodies[path])[0]) for _, path, _, _ in listings)
    assert longest > 200  # the limit is tested against real, long entries


def test_the_message_is_the_catalogue_sentence_and_never_the_markup_around_it(rendered):
    lang, bodies = rendered
    text, url = shared(bodies["centers/devine-recovery-center-boston/"])
    prefix = "" if lang == "en" else f"{lang}/"
    assert text == (f"Devine Recovery Center, (857) 496-1384, 70 Devine Way, South Boston (Boston), MA 02127: "
                    f"{SITE_URL}{prefix}centers/devine-recovery-center-boston/")
    assert "<" not in text and "&amp;" not in text
