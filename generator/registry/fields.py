"""Field kinds: each one parses a YAML value, reports what is wrong with it, and describes
itself as JSON Schema. Record declarations in `schema.py` are built from these."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import geocoder

from ..labels import LANGUAGE_NAMES as LANGUAGES
from .geography import Places
from .load import UNREADABLE, Document

INVALID = object()


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    lowered = {str(c).lower(): c for c in choices}
    match = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=cutoff)
    return f" (did you mean '{lowered[match[0]]}'?)" if match else ""


@dataclass
class Check:
    """What a parse needs around it: the document (for locations), the date, the gazetteer."""

    doc: Document
    today: dt.date
    places: Places
    problems: list = field(default_factory=list)
    refs: list = field(default_factory=list)
    keys: bool = False  # report at the key rather than its value: the names of a MapOf
    fiction: bool = False  # 555-01xx numbers pass anywhere: set by test fixtures only (Settings.fiction)
    numbers: list = field(default_factory=list)  # (doc, path, number) quoted in text; checked against the help lines

    def report(self, path: tuple, message: str, key: bool = False) -> object:
        self.problems.append(self.doc.problem(path, message, key or self.keys))
        return INVALID


def _show(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value) if not isinstance(value, (dict, list)) \
        else ("a mapping" if isinstance(value, dict) else "a list")


def _character(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed').lower()})"


class Kind:
    """Base of all field kinds."""

    title = "a value"

    def schema(self) -> dict:
        raise NotImplementedError

    def parse(self, value: Any, path: tuple, check: Check) -> Any:
        raise NotImplementedError


# The page shell's tokens (outputs/stamp.py fills them on every generated page, whose help banner is data):
# no text or address from data may name one.
SHELL_WORDS = ("PRN-SHELL-", "_shell/page")


def shell_word(text: str) -> str:
    """Why text may not be shown inside the page shell, or ''."""
    word = next((w for w in SHELL_WORDS if w.lower() in text.lower()), "")
    return f"holds '{word}', which the site's page shell reserves for itself; reword it" if word else ""


class Text(Kind):
    """Plain text; one line unless multiline. It must be in composed Unicode (NFC), no word may mix alphabets
    ('Rесоvery' with Cyrillic letters), and it may not quote a phone number unless `numbers` (the field is about
    phone lines) or the number is a help line's: a number goes in its own field, with its source."""

    def __init__(self, max_len: int = 200, multiline: bool = False, numbers: bool = False):
        self.max_len, self.multiline, self.numbers = max_len, multiline, numbers
        self.title = "text"

    def schema(self) -> dict:
        return {"type": "string", "minLength": 1, "maxLength": self.max_len}

    def parse(self, value, path, check):
        if not isinstance(value, str):
            return check.report(path, f"must be text, not {_show(value)}; put it in quotes")
        text = value.strip()
        if not text:
            return check.report(path, "must not be empty")
        if len(text) > self.max_len:
            return check.report(path, f"is {len(text)} characters long; keep it under {self.max_len}")
        if not self.multiline and "\n" in text:
            return check.report(path, "must be a single line")
        if why := decomposed(text) or mixed_scripts(text) or shell_word(text):
            return check.report(path, why)
        if not self.numbers:
            check.numbers += [(check.doc, path, raw) for raw in phone_like(text)]
        return text


def decomposed(text: str) -> str:
    """Why text is not in composed form (NFC), or ''."""
    if unicodedata.is_normalized("NFC", text):
        return ""
    word = next((w for w in text.split() if not unicodedata.is_normalized("NFC", w)), text)
    mark = next(c for c in word if unicodedata.combining(c) or not unicodedata.is_normalized("NFC", c))
    return (f"holds {_character(mark)} as a separate character; write '{unicodedata.normalize('NFC', word)}' with "
            "each accented letter as one character (Unicode NFC)")


_ALIKE = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "IDEOGRAPHIC": "CJK"}


def _script(char: str) -> str | None:
    """The alphabet of a letter, from the first word of its Unicode name ('LATIN', 'CYRILLIC'); None for others."""
    if not unicodedata.category(char).startswith("L"):
        return None
    word = unicodedata.name(char, "").split(" ")[0]
    return None if word in ("", "MODIFIER", "MICRO", "FEMININE", "MASCULINE") else _ALIKE.get(word, word)


def mixed_scripts(text: str) -> str:
    """Why a word of the text mixes alphabets, such as Latin with look-alike Cyrillic letters, or ''."""
    if text.isascii():  # Latin letters only: nothing to mix
        return ""
    for word in re.findall(r"\w+", text):
        scripts = [(char, script) for char in word if (script := _script(char))]
        odd = next(((c, s) for c, s in scripts if s != scripts[0][1]), None)
        if odd:
            return (f"the word '{word}' mixes {scripts[0][1].title()} and {odd[1].title()} letters: "
                    f"{_character(odd[0])} can pass for a {scripts[0][1].title()} one; retype the word in one "
                    "alphabet")
    return ""


def phone_like(text: str) -> list[str]:
    """The phone numbers written in a text, as written."""
    return [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE)]


class Pattern(Text):
    """Text matching a regular expression, with an example in its message."""

    def __init__(self, regex: str, what: str, example: str, max_len: int = 80):
        super().__init__(max_len, numbers=True)
        self.regex, self.what, self.example = re.compile(regex), what, example

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^(?:{self.regex.pattern})$"}

    def parse(self, value, path, check):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = super().parse(value, path, check)
        if text is INVALID:
            return text
        if not self.regex.fullmatch(text):
            return check.report(path, f"'{text}' is not {self.what}; write it like '{self.example}'")
        return text


class Bool(Kind):
    title = "true or false"

    def schema(self) -> dict:
        return {"type": "boolean"}

    def parse(self, value, path, check):
        if not isinstance(value, bool):
            return check.report(path, f"must be true or false, not {_show(value)}")
        return value


class Number(Kind):
    def __init__(self, low: float, high: float, where: str = "in range"):
        self.low, self.high, self.where = low, high, where

    def schema(self) -> dict:
        return {"type": "number", "minimum": self.low, "maximum": self.high}

    def parse(self, value, path, check):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return check.report(path, f"must be a number, not {_show(value)}")
        if not self.low <= value <= self.high:
            return check.report(path, f"{value} is not {self.where} ({self.low} to {self.high})")
        return float(value)


class Date(Kind):
    """A calendar date, YYYY-MM-DD; optionally never after the build date."""

    def __init__(self, not_future: bool = False):
        self.not_future = not_future

    def schema(self) -> dict:
        return {"type": "string", "format": "date"}

    def parse(self, value, path, check):
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return check.report(path, f"'{value}' is not a date; write it as YYYY-MM-DD")
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            return check.report(path, f"{_show(value)} is not a date; write it as YYYY-MM-DD")
        if self.not_future and value > check.today:
            return check.report(path, f"{value.isoformat()} is in the future (today is {check.today.isoformat()}); "
                                      "write the date the entry was last checked")
        return value


class PartialDate(Kind):
    """The date a source gives itself: a year (2016), a month ("2026-02") or a day (2024-01-15); never
    after the build date. Kept as text, 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""

    title = "a date"
    PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

    def schema(self) -> dict:
        return {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}

    def parse(self, value, path, check):
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        match = self.PATTERN.fullmatch(value.strip()) if isinstance(value, str) else None
        parts = [int(p) for p in match.groups() if p] if match else []
        try:
            day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except (ValueError, IndexError):  # a made-up day, or no date at all
            parts = []
        if not parts:
            return check.report(path, f"{_show(value)} is not a date; write the source's date as YYYY-MM-DD, "
                                      "or \"YYYY-MM\" or YYYY when the page gives no day")
        if day > check.today:
            return check.report(path, f"{value} is in the future (today is {check.today.isoformat()}); "
                                      "write the date the page was published or last updated")
        return value.strip()


class Choice(Kind):
    """One of a fixed set of words, each with its meaning."""

    def __init__(self, options: dict[str, str]):
        self.options = options

    def schema(self) -> dict:
        return {"type": "string", "enum": list(self.options)}

    def parse(self, value, path, check):
        if not isinstance(value, str) or value not in self.options:  # a mapping or list is not hashable
            allowed = ", ".join(self.options)
            hint = did_you_mean(value, self.options) if isinstance(value, str) else ""
            return check.report(path, f"{_show(value)} is not one of: {allowed}{hint}")
        return value


PHONE_EXAMPLE = "(617) 555-0100"
PHONE_FORM = r"\([2-9]\d{2}\) [2-9]\d{2}-\d{4}(?: ext\. \d{1,6})?"  # how every number is stored
FICTIONAL_PHONE = re.compile(r"\(\d{3}\) 555-01\d\d")  # reserved for fiction: example coaches only
DIALABLE = frozenset({phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE,
                      phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE, phonenumbers.PhoneNumberType.TOLL_FREE})
NOT_DIALABLE = {phonenumbers.PhoneNumberType.PREMIUM_RATE: "a premium-rate number that charges the caller",
                phonenumbers.PhoneNumberType.SHARED_COST: "a shared-cost number that charges the caller",
                phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "a personal forwarding number (area code 500 or 5xx)",
                phonenumbers.PhoneNumberType.VOIP: "an internet (VoIP) number",
                phonenumbers.PhoneNumberType.PAGER: "a pager number",
                phonenumbers.PhoneNumberType.UAN: "a company-wide access number",
                phonenumbers.PhoneNumberType.VOICEMAIL: "a voicemail access number"}
# Three-digit codes a help line may be reached on; written '988' or '2-1-1'.
SHORT_CODES = {"211": "community services", "311": "city services", "511": "travel information",
               "711": "the relay service for deaf and hard-of-hearing callers", "811": "call before you dig",
               "911": "emergencies", "988": "the Suicide & Crisis Lifeline"}
_SHORT_CODE = re.compile(r"(\d)-?(\d)-?(\d)")


def us_number(value: str) -> tuple[str | None, str]:
    """A dialable US number in its one stored form, '(617) 555-0100' or '(617) 555-0100 ext. 12', and ''; or
    None and why it is refused (foreign, premium, N11 look-alike, not a number), in words that say what to write.
    Only the ASCII digits 0-9 are accepted: other digits (Arabic-Indic, full-width) are refused, with the number
    they stand for."""
    text = value.strip()
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        number = None
    valid = number is not None and phonenumbers.is_valid_number(number)
    foreign = next((c for c in text if not c.isascii()), None)
    if foreign is not None:
        shown = f"write it with the digits 0-9 as '{_national(number)}'" if valid and number is not None \
            else f"write it with the digits 0-9, like '{PHONE_EXAMPLE}'"
        return None, (f"'{text}' holds {_character(foreign)}; {shown}")
    digits = re.sub(r"\D", "", text)
    if digits in SHORT_CODES:
        return None, (f"'{text}' is a short code ({SHORT_CODES[digits]}), which only a help line in data/help.yaml "
                      f"may give; write the ten-digit number the source gives, like '{PHONE_EXAMPLE}'")
    if number is None or not valid:
        return None, f"'{text}' is not a valid US phone number; write it like '{PHONE_EXAMPLE}'"
    region = phonenumbers.region_code_for_number(number)
    if region != "US":
        country = geocoder.country_name_for_number(number, "en") or region or "another country"
        country = f"the {country}" if country.startswith(("United", "Dominican", "Bahamas", "Cayman", "Turks",
                                                          "British", "U.S.")) else country
        return None, (f"'{text}' is a number in {country}, not in the United States: a call to it costs the caller "
                      f"and reaches no Massachusetts service; write the US number the source gives, like "
                      f"'{PHONE_EXAMPLE}'")
    kind = phonenumbers.number_type(number)
    if kind not in DIALABLE:
        return None, (f"'{text}' is {NOT_DIALABLE.get(kind, 'not a landline, mobile or toll-free number')}; "
                      f"write a landline, mobile or toll-free number, like '{PHONE_EXAMPLE}'")
    national = str(number.national_number)
    if national[4:6] == "11":
        return None, (f"'{text}' has {national[3:6]} after the area code, which no US line has (it is the "
                      f"short code {national[3:6]}); check the digits and write it like '{PHONE_EXAMPLE}'")
    return _national(number), ""


def _national(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class Phone(Kind):
    """A dialable US number of a centre, programme or coach (landline, mobile or toll-free), stored as
    '(617) 555-0100', with an extension as '(617) 555-0100 ext. 12'. Premium, foreign and short-code numbers are
    refused; 555-01xx numbers are fiction, for example coaches only (the coach rule decides, as it sees the
    record)."""

    def __init__(self, examples: bool = False):
        self.examples = examples  # an example entry of this registry may use a 555-01xx number

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^{PHONE_FORM}$"}

    def parse(self, value, path, check):
        if not isinstance(value, str):
            return check.report(path, f"{_show(value)} must be a phone number in quotes, like '{PHONE_EXAMPLE}'")
        number, why = us_number(value)
        if number is None:
            return check.report(path, why)
        if number != value:
            return check.report(path, f"'{value}' is written in another form; write it as '{number}'")
        if FICTIONAL_PHONE.fullmatch(number[:14]) and not (self.examples or check.fiction):
            return check.report(path, f"'{number}' is a fictional 555-01xx number; write the real number the "
                                      "source gives")
        return number


class HelpNumber(Phone):
    """A help line's number: as a centre's, or a short code, N11 or 988 (written '988' or '2-1-1')."""

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^(?:{PHONE_FORM}|[2-9]-?1-?1|988)$"}

    def parse(self, value, path, check):
        if isinstance(value, str):
            code = _SHORT_CODE.fullmatch(value.strip())
            if code and "".join(code.groups()) in SHORT_CODES:
                return value.strip()
        return super().parse(value, path, check)


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)")


class Url(Kind):
    """A web address a visitor can trust to lead where it says: http or https only (no link can run script), a
    host name in ASCII letters (an international name in its xn-- form), no user name before the host and no
    backslash."""

    def schema(self) -> dict:
        return {"type": "string", "format": "uri", "pattern": "^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\\\\\\s]*)?$"}

    def parse(self, value, path, check):
        if not isinstance(value, str):
            return check.report(path, f"{_show(value)} is not a URL")
        text = value.strip()
        if why := url_problem(text) or shell_word(text):
            return check.report(path, f"'{text}' {why}")
        return text


def url_problem(text: str) -> str:
    """What is wrong with a web address, after the address itself in a message, or ''."""
    if "\\" in text:
        return "holds a backslash (\\), which browsers read as '/'; write the address with '/' only"
    try:
        parts = urlsplit(text)
        host, _ = parts.hostname or "", parts.port
    except ValueError as err:
        return f"cannot be read as a web address ({err}); copy it from the browser's address bar"
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        return "is not a web address; links must start with https:// (or http://)"
    if "@" in parts.netloc:
        return (f"has '{parts.netloc.rsplit('@', 1)[0]}@' before its host, so it leads to {host}; write the "
                "page's own address, without a user name")
    odd = next((c for c in host if not c.isascii()), None)
    if odd is not None:
        try:
            ascii_url = text.replace(parts.netloc, parts.netloc.encode("idna").decode("ascii"), 1)
            meant = f"; if it is an international address, write it as '{ascii_url}'"
        except UnicodeError:
            meant = ""
        return (f"has {_character(odd)} in its host name '{host}'; a host name is written in the letters a-z, so "
                f"that no look-alike letter can pass for another{meant}")
    if not _HOST.fullmatch(host):
        return (f"has no host name a browser can find ('{host}'); write the page's address as the browser's "
                "address bar shows it")
    return ""


class Email(Pattern):
    def __init__(self):
        super().__init__(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}", "an e-mail address", "name@example.org")


class Language(Kind):
    """An ISO 639-1 language code such as 'es'."""

    def schema(self) -> dict:
        return {"type": "string", "enum": sorted(LANGUAGES)}

    def parse(self, value, path, check):
        if value in LANGUAGES:
            return value
        by_name = {name.lower(): code for code, name in LANGUAGES.items()}
        guess = ""
        if isinstance(value, str):
            match = difflib.get_close_matches(value.lower(), list(by_name), n=1, cutoff=0.7)
            code = by_name[match[0]] if match else None
            if code is None:
                near = difflib.get_close_matches(value.lower(), list(LANGUAGES), n=1, cutoff=0.5)
                code = near[0] if near else None
            guess = f" (did you mean '{code}'?)" if code else ""
        return check.report(path, f"{_show(value)} is not a language code{guess}; use ISO 639-1, like 'en' or 'es'")


class Town(Kind):
    """One of the 351 Massachusetts cities and towns, spelled as in the gazetteer."""

    def schema(self) -> dict:
        return {"type": "string", "minLength": 2}

    def parse(self, value, path, check):
        if not isinstance(value, str):
            return check.report(path, f"{_show(value)} is not a town name")
        if value in check.places.towns:
            return value
        town = check.places.town_of(value)
        if town:
            return check.report(path, f"'{value}' is a village or neighbourhood of {town}; write '{town}' "
                                      f"(and '{value}' as place)")
        hint = did_you_mean(value, check.places.towns, cutoff=0.75)
        return check.report(path, f"'{value}' is not a Massachusetts city or town{hint}")


class Zip(Kind):
    """A Massachusetts ZIP code."""

    def schema(self) -> dict:
        return {"type": "string", "pattern": r"^0[12][0-9]{3}$"}

    def parse(self, value, path, check):
        text = value if isinstance(value, str) else ""
        if not re.fullmatch(r"\d{5}", text):
            return check.report(path, f"{_show(value)} is not a ZIP code; write five digits in quotes, like '01201'")
        if text not in check.places.zips:
            return check.report(path, f"'{text}' is not a Massachusetts ZIP code")
        return text


class Ref(Kind):
    """The id of a record in another registry; resolved after every file is parsed."""

    def __init__(self, registry: str):
        self.registry = registry

    def schema(self) -> dict:
        return {"type": "string", "pattern": SLUG}

    def parse(self, value, path, check):
        if not isinstance(value, str):
            return check.report(path, f"{_show(value)} is not an id from {self.registry}")
        check.refs.append((check.doc, path, self.registry, value))
        return value


class ListOf(Kind):
    """A YAML list of one kind of item, without repeats."""

    def __init__(self, item: Kind, min_items: int = 0):
        self.item, self.min_items = item, min_items

    def schema(self) -> dict:
        return {"type": "array", "items": self.item.schema(), "minItems": self.min_items, "uniqueItems": True}

    def parse(self, value, path, check):
        if not isinstance(value, list):
            return check.report(path, f"must be a list (one '- item' per line), not {_show(value)}")
        if len(value) < self.min_items:
            return check.report(path, f"needs at least {self.min_items} item(s)")
        out, seen = [], set()
        for i, item in enumerate(value):
            if item is UNREADABLE:
                continue
            parsed = self.item.parse(item, path + (i,), check)
            if parsed is INVALID:
                continue
            marker = repr(parsed)
            if marker in seen:
                check.report(path + (i,), f"{_show(item)} is listed twice")
                continue
            seen.add(marker)
            out.append(parsed)
        return out


class MapOf(Kind):
    """A mapping from names of one kind to values of another, such as region id -> region."""

    def __init__(self, key: Kind, value: Kind, min_items: int = 0):
        self.key, self.value, self.min_items = key, value, min_items

    def schema(self) -> dict:
        return {"type": "object", "propertyNames": self.key.schema(), "additionalProperties": self.value.schema(),
                "minProperties": self.min_items}

    def parse(self, value, path, check):
        if not isinstance(value, dict):
            return check.report(path, f"must be a mapping ('name: value' lines), not {_show(value)}")
        if len(value) < self.min_items:
            return check.report(path, f"needs at least {self.min_items} item(s)")
        names = replace(check, keys=True)  # shares the problem list
        out = {}
        for name, item in value.items():
            parsed_name = self.key.parse(name, path + (name,), names)
            parsed = INVALID if item is UNREADABLE else self.value.parse(item, path + (name,), check)
            if parsed_name is not INVALID and parsed is not INVALID:
                out[parsed_name] = parsed
        return out


@dataclass(frozen=True)
class Field:
    """A named field of a record: its kind, whether it must be there, and what it means."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    private: bool = False  # kept in the repository only: never in the typed record, a page or an export


Rule = Callable[[dict, tuple, Check], None]


class Obj(Kind):
    """A mapping with declared fields; unknown fields are errors with a suggestion."""

    def __init__(self, fields: list[Field], rules: tuple[Rule, ...] = ()):
        self.fields = {f.name: f for f in fields}
        self.rules = rules

    def schema(self) -> dict:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in self.fields.values() if f.required],
            "properties": {f.name: {**f.kind.schema(), "description": f.doc} for f in self.fields.values()},
        }

    def parse(self, value, path, check):
        if not isinstance(value, dict):
            return check.report(path, f"must be a mapping of fields ('name: value' lines), not {_show(value)}")
        out: dict = {}
        before = len(check.problems)
        unreadable = False
        for key, item in value.items():
            spec = self.fields.get(key)
            if spec is None:
                check.report(path + (key,), f"unknown field '{key}'{did_you_mean(key, self.fields)}", key=True)
                continue
            if item is UNREADABLE:
                unreadable = True
                continue
            if item is None:
                if spec.required:
                    check.report(path + (key,), f"'{key}' is empty; {spec.doc[0].lower()}{spec.doc[1:]}")
                continue
            parsed = spec.kind.parse(item, path + (key,), check)
            if parsed is not INVALID:
                out[key] = parsed
        for spec in self.fields.values():
            if spec.required and spec.name not in value:
                check.report(path, f"missing required field '{spec.name}' ({spec.doc})")
        if len(check.problems) == before and not unreadable:  # rules would repeat a problem already reported
            for rule in self.rules:
                rule(out, path, check)
        return out


SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


LIST_PAGE_ID = re.compile(r"page-[0-9]+")  # /coaches/page-2/ is the second page of the coach list


class Slug(Pattern):
    """An id, which is also a URL segment: the ids of list pages (page-2) are kept."""

    def __init__(self):
        super().__init__(SLUG[1:-1], "an id (lowercase letters, digits and single hyphens)",
                         "everyday-miracles-worcester")

    def schema(self) -> dict:
        return {**super().schema(), "not": {"pattern": f"^{LIST_PAGE_ID.pattern}$"}}

    def parse(self, value, path, check):
        text = super().parse(value, path, check)
        if text is not INVALID and LIST_PAGE_ID.fullmatch(text):
            return check.report(path, f"'{text}' is the address of a page of a long list; "
                                      f"choose another id, like '{text}-worcester'")
        return text
