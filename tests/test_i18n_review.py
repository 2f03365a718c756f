"""The December 2026 translation review's meaning errors stay fixed on the built Spanish and Portuguese
pages (../shared/reference/translation-review-2026-12.md), and what its template findings added works:
translated source titles that keep the original for citation, translated route names on /coaches/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.outputs.translations import ENGLISH, translator
from generator.settings import PROJECT
from tests.test_i18n import read, visible_text


@pytest.fixture(scope="module")
def site(bundled_site) -> Path:
    return bundled_site


def sentence_with(text: str, needle: str) -> str:
    """The sentence of text that contains needle."""
    found = [s for s in re.split(r"(?<=[.!?])\s+", text) if needle in s]
    assert found, f"no sentence mentions {needle!r}"
    return found[0]


@pytest.mark.parametrize("code, says, insurance_verb", [
    ("es", "orden médica permanente del estado", r"\bcubr"),
    ("pt", "autorização permanente do estado", r"\bcobr"),
])
def test_standing_order_lets_the_pharmacist_dispense_it_does_not_pay(site, code, says, insurance_verb):
    """ES-M1 / PT-M1: the standing order lets a pharmacist hand naloxone out without a prescription; with
    the insurance verb ("la cubre", "cobre isso") a reader without insurance expects a free dose."""
    sentence = sentence_with(visible_text(read(site, f"{code}/plan")), says)
    assert not re.search(insurance_verb, sentence), sentence


@pytest.mark.parametrize("code, says, wrong", [
    ("es", "a su plan de salud al teléfono que aparece en su tarjeta de miembro", "número de su tarjeta"),
    ("pt", "para o seu plano de saúde no telefone que aparece no seu cartão do plano", "número do seu cartão"),
])
def test_member_card_phrase_names_the_phone_number_not_the_member_id(site, code, says, wrong):
    """ES-M2 / PT-M2: the number to dial is the phone printed on the card, not the card's ID number."""
    text = visible_text(read(site, f"{code}/coaches"))
    assert says in text and wrong not in text


@pytest.mark.parametrize("url", ["es/", "es/coaches/", "es/plan/", "es/centers/living-in-recovery-pittsfield/"])
def test_spanish_banner_says_to_text_the_word_ayuda(site, url):
    """ES-M3: Spanish texts to 988 start with AYUDA (data/help.yaml's language option); the banner, the
    line a person in crisis sees first, says so and links the text to 988."""
    page = read(site, url.rstrip("/"))
    line = re.search(r'<span class="prn-help__line"><abbr[^>]*>Línea 988</abbr>.*?</span>', page)
    assert line, "the 988 line is missing from the Spanish banner"
    assert '(marque 2 para español) o <a href="sms:988">envíe la palabra AYUDA por mensaje de texto</a>' in line[0]


@pytest.mark.parametrize("url", ["", "pt"])
def test_the_spanish_text_word_stays_off_other_languages_banners(site, url):
    page = read(site, url)
    banner = page[page.index('class="prn-help"'):page.index('class="prn-help__bar"')]
    assert "AYUDA" not in banner and 'href="sms:988"' in banner


def test_portuguese_privacy_paragraph_does_not_deny_publishing_personal_data(site):
    """PT-M3: a listing publishes a coach's name, work phone and e-mail, which are "dados pessoais" (LGPD);
    the sentence coaches read before consenting says "no private details", as the English does."""
    text = visible_text(read(site, "pt/about"))
    assert "nem endereço residencial nem outros dados da vida privada" in text
    assert "dados pessoais" not in text


STATE_LIST = "The state's list of Peer Recovery Support Centers (public copy, data as of February 2026 from mass.gov)"


@pytest.mark.parametrize("code, title", [
    ("es", "la lista estatal de Centros de Apoyo a la Recuperación entre Pares (copia pública, datos de febrero "
           "de 2026 de mass.gov)"),
    ("pt", "a lista estadual de Centros de Apoio à Recuperação entre Pares (cópia pública, dados de fevereiro de "
           "2026 do mass.gov)"),
])
def test_a_translated_source_title_keeps_the_original_for_citation(site, code, title):
    """ES-S3 / PT-S5: the state list's title is in the page's language wherever a fact cites it; the list of
    sources, where a reader cites from, links the translated title and keeps the original, marked English."""
    page = read(site, f"{code}/centers/living-in-recovery-pittsfield")
    text = visible_text(page)
    assert f"{title} (" in text  # "Nombre: según …", "Fonte: …", the list of sources
    assert STATE_LIST.replace("'", "&#39;") not in re.sub(r'<span lang="en">[^<]*</span>', "", page)
    sources = page[page.index('class="prn-sources"'):]
    assert re.search(rf'rel="nofollow noopener">{re.escape(title)}</a> \(título original: <span lang="en">'
                     rf"{re.escape(STATE_LIST.replace(chr(39), '&#39;'))}</span>\)", sources)
    english = read(site, "centers/living-in-recovery-pittsfield")
    assert title not in english and "original title" not in english


@pytest.mark.parametrize("code, heading, names", [
    ("es", "Cómo encontrar hoy un coach de recuperación",
     ["Tribunales, libertad a prueba y reinserción después de la cárcel",
      "la Línea de ayuda de Massachusetts para el consumo de sustancias, gratuita"]),
    ("pt", "Como encontrar um coach de recuperação hoje",
     ["Tribunais, liberdade condicional e reintegração após a prisão",
      "a Linha de ajuda de Massachusetts para o uso de substâncias, gratuita"]),
])
def test_routes_to_a_coach_name_tracks_and_the_helpline_in_the_page_language(site, code, heading, names):
    """ES-S2 / PT-S4: the /coaches/ routes print the catalogue's names, not the English ones (which
    visible_text leaves out, being marked lang="en")."""
    text = visible_text(read(site, f"{code}/coaches"))
    routes = text[text.index(heading):]
    for name in names:
        assert name in routes


@pytest.mark.parametrize("code, name", [("es", "Línea Nacional de Ayuda de SAMHSA"),
                                        ("pt", "Linha Nacional de Ajuda da SAMHSA")])
def test_scripts_get_the_national_line_name_translated(site, code, name):
    """ES-S5 / PT-S6: places.js names the national line from strings.js, so /find/ and /plan/ say it in the
    page's language."""
    strings = (site / code / "assets" / "strings.js").read_text(encoding="utf-8")
    assert f'"SAMHSA National Helpline": "{name}"' in strings


def test_portuguese_distances_say_milhas():
    """PT-S18: in Brazil "mi" reads as "milhões"; the unit is one catalogue string, for pages and find.js."""
    assert ENGLISH.miles(42.46) == "42.5 mi"
    assert translator("es", PROJECT / "translations").miles(42.46) == "42.5 mi"
    assert translator("pt", PROJECT / "translations").miles(42.46) == "42,5 milhas"
