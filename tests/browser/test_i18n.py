"""A Spanish or Portuguese speaker uses the site in a real browser: the language switcher keeps them
on the same page, the planner's calendar file is in their language, /find/ filters by the language
a coach speaks with labels in theirs, and the MassHealth checklist answers in their language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

START = dt.date(2026, 12, 7)


@pytest.mark.parametrize("start, click, lands", [
    ("guides/carc/", "Español", "es/guides/carc/"),
    ("es/guides/masshealth/", "Português", "pt/guides/masshealth/"),
    ("coaches/", "Português", "pt/coaches/"),
    ("es/coaches/", "English", "coaches/"),
    ("pt/towns/springfield/", "English", "towns/springfield/"),
    ("towns/springfield/", "Español", "es/towns/springfield/"),
    ("es/", "Português", "pt/"),
])
def test_switching_language_keeps_the_page(visit, start, click, lands):
    page = visit.open(start)
    with page.expect_navigation():
        page.locator(".prn-langs").get_by_role("link", name=click).click()
    visit.settle()
    assert page.url == visit.base_url + lands
    lang = {"English": "en", "Español": "es", "Português": "pt"}[click]
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator(f".prn-langs [aria-current] >> text={click}").count() == 1
    assert visit.errors == [] and visit.foreign_requests() == []


@pytest.mark.parametrize("path", ["es/", "es/coaches/", "pt/towns/springfield/", "es/find/?q=Boston",
                                  "pt/plan/", "es/guides/masshealth/", "pt/guides/carc/"])
def test_translated_pages_log_no_errors_and_fetch_no_sitemap_below_the_page(visit, path):
    visit.open(path)
    assert visit.errors == [] and visit.foreign_requests() == []
    sitemaps = [url for url in visit.requests if url.endswith("sitemap.xml")]
    assert all(url in (visit.base_url + "sitemap.xml", visit.base_url + "es/sitemap.xml",
                       visit.base_url + "pt/sitemap.xml") for url in sitemaps), sitemaps


def open_plan(visit, code: str):
    page = visit.open(f"{code}/plan/")
    page.wait_for_selector("#prn-plan-form:not([hidden])")
    page.locator("#plan-places option").nth(1).wait_for(state="attached")  # find.json loaded
    page.fill("#plan-start", START.isoformat())
    page.dispatch_event("#plan-start", "change")
    return page


def test_the_spanish_planner_makes_a_spanish_calendar(visit):
    page = open_plan(visit, "es")
    page.fill("#plan-town", "Pittsfield")
    page.dispatch_event("#plan-town", "change")
    page.check("input[name=masshealth][value=yes]")
    assert "Su centro más cercano" in page.inner_text("#plan-prsc")
    assert "a menos de" not in page.inner_text("#plan-prsc") and " mi de Pittsfield" in page.inner_text("#plan-prsc")
    with page.expect_download() as info:
        page.click("#plan-ics")
    assert info.value.suggested_filename == "plan-de-recuperacion-30-dias.ics"
    raw = Path(info.value.path()).read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]) == "Mi plan de recuperación de 30 días"
    assert str(calendar["PRODID"]).endswith("//ES")
    events = calendar.walk("VEVENT")
    assert len(events) == 9
    titles = [page.inner_text(f"[data-step={step}] .prn-step__title") for step in
              ("w1-care", "w1-naloxone", "w1-contacts", "w2-call", "w2-coaches", "w3-prsc", "w3-rlc", "w4-write",
               "w4-tell")]
    assert [str(e["SUMMARY"]) for e in events] == titles
    summaries = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events}
    assert "Visite un Centro de Apoyo a la Recuperación entre Pares" in summaries
    walk_in = summaries["Visite un Centro de Apoyo a la Recuperación entre Pares"]
    assert "Su centro más cercano:" in walk_in and "Su plan: " in walk_in and "/es/plan/" in walk_in
    call = summaries["Llame a MassHealth o a su plan de salud para preguntar por los servicios de coach de "
                     "recuperación"]
    assert "H2016-HM" in call and "Si tiene MassHealth:" in call
    naloxone = summaries["Conozca el riesgo de sobredosis y tenga naloxona (Narcan) a mano"]
    assert "sin receta" in naloxone and "con fecha del 7 de junio de 2018" in naloxone
    assert "(https://www.mass.gov/info-details/frequently-asked-questions-faqs-about-naloxone)" in naloxone
    assert "recordatorio a las 9 de la mañana" in page.inner_text("#plan-status")
    assert events[0]["DTSTART"].dt == START
    for english in ("Your plan:", "Walk into", "Your nearest centre", "Check that your clinical care"):
        assert english not in raw.decode("utf-8")
    assert "Se está descargando su archivo de calendario" in page.inner_text("#plan-status")
    assert visit.errors == []


def test_the_portuguese_planner_dates_and_summary_are_in_portuguese(preview):
    page = open_plan(preview, "pt")  # coaches' languages: the preview with the example coaches
    assert page.inner_text("[data-step=w1-care] .prn-step__date") == "seg., 7 de dez."
    summary = page.inner_text("#plan-summary")
    assert summary.startswith("Plano a partir de segunda-feira, 7 de dezembro de 2026")
    page.select_option("#plan-lang", "es")
    assert page.inner_text("#plan-coach-link") == "Encontrar coaches que falam Espanhol perto de você"
    assert "coach em Espanhol" in page.inner_text("#plan-summary")


def _carc_lines(section) -> dict:
    """Each coach card's id and its CARC line (the paragraph under the name)."""
    return section.locator(".prn-card").evaluate_all(
        "cards => Object.fromEntries(cards.map(c => [c.dataset.id, c.querySelector('p').textContent]))")


def test_find_in_spanish_filters_by_language_with_spanish_labels(preview):
    visit = preview  # the example coaches
    page = visit.open("es/find/")
    page.wait_for_selector("#prn-find:not([hidden])")
    options = page.eval_on_selector_all("select[name=lang] option", "els => els.map(e => e.textContent)")
    assert options[0] == "Cualquier idioma" and "Español" in options and "Portugués" in options
    assert "Spanish" not in options
    modes = page.eval_on_selector_all("select[name=mode] option", "els => els.map(e => e.textContent)")
    assert modes == ["Cualquier forma", "En persona", "Teléfono", "Video", "Mensaje de texto"]
    focus = page.eval_on_selector_all("select[name=focus] option", "els => els.map(e => [e.textContent, e.lang])")
    assert ["Coaching virtual para el oeste y el centro de Massachusetts", ""] in focus  # a track, translated
    assert ["Adultos de 50 años o más", ""] in focus and not any("Older adults" in text for text, _ in focus)
    page.fill("#prn-q", "Springfield")
    page.press("#prn-q", "Enter")
    places = page.locator("section[aria-labelledby=prn-places]")
    assert places.locator("h3 a").count() >= 1
    assert places.locator("h3 a[lang=en]").count() == places.locator("h3 a").count()  # centre names: English
    assert "Centro de Apoyo a la Recuperación entre Pares" in places.inner_text()
    page.select_option("select[name=lang]", "pt")
    page.wait_for_url(re.compile(r"[?&]lang=pt"))
    status = page.inner_text("#prn-status")
    assert "a menos de 25 millas de Springfield" in status and "que trabaja" in status
    coaches = page.locator("section[aria-labelledby=prn-coaches]")
    cards = coaches.locator(".prn-card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        text = cards.nth(i).inner_text()
        assert "Portugués" in text and "Idiomas:" in text
    # Each card's CARC line is in Spanish, with its date written the Spanish way.
    assert _carc_lines(coaches) == {"ana-placeholder": "En camino a obtener la CARC (en curso)"}
    page.select_option("select[name=lang]", "es")
    page.wait_for_url(re.compile(r"[?&]lang=es"))
    assert _carc_lines(coaches) == {"ana-placeholder": "En camino a obtener la CARC (en curso)",
                                    "rosa-example": "CARC vigente hasta el 30 de septiembre de 2027"}
    assert visit.errors == []


def test_the_spanish_checklist_answers_in_spanish(visit):
    page = visit.open("es/guides/masshealth/")
    page.check("input[name=member][value=yes]")
    assert page.inner_text("#prn-eligibility-result") == "Ahora responda la pregunta 2."
    page.check("input[name=sud][value=yes]")
    page.check("input[name=referral][value=no]")
    result = page.locator("#prn-eligibility-result")
    assert result.get_attribute("data-outcome") == "need-referral"
    assert result.locator(".prn-result__title").inner_text() == "Su respuesta: Pida un referido"
    assert "Más sobre esta respuesta" in result.inner_text()
    assert visit.errors == []


@pytest.mark.parametrize("code, name", [("es", "Línea Nacional de Ayuda de SAMHSA"),
                                        ("pt", "Linha Nacional de Ajuda da SAMHSA")])
def test_a_place_outside_massachusetts_names_the_national_line_in_the_page_language(visit, code, name):
    """Review 2026-12 ES-S5 / PT-S6: places.js names the SAMHSA line from the catalogue's names:, not in English."""
    page = visit.open(f"{code}/find/")
    page.wait_for_selector("#prn-find:not([hidden])")
    page.fill("#prn-q", "Providence")
    page.press("#prn-q", "Enter")
    message = page.locator("#prn-message")
    message.locator("a[href='tel:+18006624357']").wait_for()
    assert name in message.inner_text() and "SAMHSA National Helpline" not in message.inner_text()
    assert message.locator("[lang=en]", has_text=name).count() == 0, "the line's name is in the page language"
