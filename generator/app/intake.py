"""Turn an approved issue-form request into an edit of the registries, or into the problems to fix.

Three forms in .github/ISSUE_TEMPLATE/: a listing correction (listing.yml), a coach listing request
(coach-listing.yml) and a coach removal (coach-removal.yml). The issue body is hostile text: each
value is checked, written into the YAML as a double-quoted scalar by yaml.safe_dump, and the edited
copy of the data folder must pass the full validator. Files are edited as text, so every line outside
the entry that changes stays byte-identical (comments and layout included).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..labels import CONFIRMED_HOW, LANGUAGE_NAMES, MODES, SPECIALTIES, long_date
from ..model.freshness import fresh, verification
from ..model.records import Confirmation
from ..registry.fields import did_you_mean, us_number
from ..registry.load import invisible_characters, load_yaml, parse
from ..registry.places import load_places
from ..registry.problems import DataError
from ..registry.schema import ADDRESS, CENTER, CONFIRMABLE, RETIRED, SUPPORTABLE
from ..registry.validate import validate
from ..settings import Limits, Settings

FORMS = {"correction": "listing.yml", "confirmation": "confirm.yml", "listing": "coach-listing.yml",
         "removal": "coach-removal.yml"}
MAX_BODY = 65_536  # GitHub's own limit on an issue body
MAX_VALUE = 1_000  # any one answer; the schema's own limits are lower still
NO_RESPONSE = "_No response_"
PROBLEMS_EXIT = 3  # the request has problems: a comment was written instead of an edit
STATEWIDE = "All of Massachusetts (by phone or video)"
# A correction's form fields, by where they go in a centre entry.
CORRECTED = {"name": ("name",), "street": ("address", "street"), "town": ("address", "town"),
             "zip": ("address", "zip"), "phone": ("phone",), "hours": ("hours",), "website": ("website",),
             "notes": ("notes",)}
# A change to these asks the approver to call: a wrong number or address sends people in crisis elsewhere.
CALL_FIRST = ("phone", "website", "street", "town", "zip")
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")  # a GitHub account name
# A new coach entry's form fields, by the part of the entry each becomes.
COACH_FIELDS = {"name": "name", "summary": "summary", "employer": "employer", "languages": "languages",
                "carc-status": "carc", "carc-expires": "carc.expires", "masshealth": "masshealth",
                "specialties": "specialties", "tracks": "tracks", "modes": "modes", "towns": "serves.towns",
                "regions": "serves", "phone": "phone", "email": "email"}


@dataclass(frozen=True)
class Issue:
    """One problem with a request, as the person who filed it should read it."""

    where: str  # the form's label for the question, or what else it concerns
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Context:
    """What GitHub says about the request, passed by the workflow, never read from the body: who filed it,
    when its text was last edited, and the last maintainer comment or label before approval (ISO 8601)."""

    requester: str = ""
    body_updated_at: dt.datetime | None = None
    last_review_at: dt.datetime | None = None

    @property
    def edited_after_review(self) -> bool:
        return bool(self.body_updated_at and self.last_review_at and self.body_updated_at > self.last_review_at)


def timestamp(text: str) -> dt.datetime:
    """An ISO 8601 moment such as 2026-11-30T14:05:00Z (the form GitHub gives), for the command line."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class RequestError(Exception):
    """The request cannot be applied; `issues` says why."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s) in the request")


@dataclass
class Form:
    """The answers of one issue form, by question id, with the form's labels for messages."""

    labels: dict[str, str]
    answers: dict[str, str]
    options: dict[str, list[tuple[str, bool]]]  # checkbox question -> [(option label, required)]
    issues: list[Issue] = field(default_factory=list)

    def text(self, key: str) -> str:
        return self.answers.get(key, "")

    def problem(self, key: str, message: str) -> None:
        self.issues.append(Issue(self.labels.get(key, key), message))

    def ticked(self, key: str) -> list[str]:
        """The checkbox options ticked under a question."""
        return [line[6:].strip() for line in self.text(key).splitlines() if line[:6].lower() == "- [x] "]


@dataclass(frozen=True)
class Edit:
    """What a request changes: the files (relative path -> new text), the entry, and how the validator's
    paths in that entry map to the form's questions."""

    files: dict[str, str]
    record_id: str
    registry: str  # the registry whose `index`-th entry is the one added or changed
    index: int
    questions: dict[str, str]  # field path in the entry, such as 'address.town' -> the form's label
    changed: tuple[str, ...] = ()
    consent: dict | None = None  # a removed coach's consent record, to set beside who asks now


@dataclass(frozen=True)
class Result:
    """The files an approved request changes (relative path -> new text), the pull request's words, and a
    notice for the issue when its text changed after the last review ('' when it did not)."""

    files: dict[str, str]
    title: str
    body: str
    notice: str = ""


def read_form(kind: str, body: str, settings: Settings) -> Form:
    """Split an issue-form body into its answers: each '### <label>' heading is followed by its answer,
    '_No response_' meaning none. A label that is not the form's is ignored; one given twice is a problem."""
    spec = yaml.safe_load((settings.root / ".github" / "ISSUE_TEMPLATE" / FORMS[kind]).read_text(encoding="utf-8"))
    questions = [item for item in spec["body"] if "id" in item]
    labels = {q["id"]: q["attributes"]["label"] for q in questions}
    options = {q["id"]: [(o["label"], bool(o.get("required"))) for o in q["attributes"]["options"]]
               for q in questions if q["type"] == "checkboxes"}
    form = Form(labels, {}, options)
    body = body.replace("\r\n", "\n")
    if len(body) > MAX_BODY:
        form.issues.append(Issue("The request", f"is {len(body):,} characters long; keep it under {MAX_BODY:,}"))
        return form
    by_label = {label: key for key, label in labels.items()}
    current = None
    sections: dict[str, list[str]] = {}
    for line in body.split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading is not None and heading in by_label:
            current = by_label[heading]
            if current in sections:
                form.problem(current, "this question is answered twice; edit the issue so it appears once")
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    for key, lines in sections.items():
        value = unicodedata.normalize("NFC", "\n".join(lines).strip())  # as a keyboard may send it decomposed
        value = "" if value == NO_RESPONSE else value
        if len(value) > MAX_VALUE:
            form.problem(key, f"is {len(value):,} characters long; keep it under {MAX_VALUE:,}")
        elif found := invisible_characters("", value):
            form.problem(key, found[0].message)
        else:
            form.answers[key] = value
    return form


def scalar(value: str | bool | dt.date) -> str:
    """A value as YAML: text double-quoted and escaped (so no answer can add a key or a line), dates and
    true/false as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return yaml.safe_dump(value, default_style='"', width=10**9, allow_unicode=True).rstrip("\n")


def flow(values: list[str], quote: bool = True) -> str:
    return "[" + ", ".join(scalar(v) if quote else v for v in values) + "]"


# --- editing YAML as text ---------------------------------------------------------------------------

_KEY = re.compile(r"([A-Za-z_][\w-]*):(?:\s|$)")


def _spans(lines: list[str], indent: int) -> dict[str, list[int]]:
    """The lines of each key at this indentation in a mapping's lines: key -> [first, end)."""
    spans: dict[str, list[int]] = {}
    current = None
    for n, line in enumerate(lines):
        stripped = line.lstrip(" ")
        depth = len(line) - len(stripped)
        if not stripped or (stripped.startswith("#") and depth > indent):
            continue
        match = _KEY.match(stripped) if depth == indent else None
        if match:
            current = match.group(1)
            spans[current] = [n, n + 1]
        elif depth <= indent:
            current = None
        elif current is not None:
            spans[current][1] = n + 1
    return spans


def _set(lines: list[str], indent: int, key: str, new: list[str], order: list[str]) -> None:
    """Replace the key's lines in a mapping with `new`, or insert them in the schema's order."""
    spans = _spans(lines, indent)
    if key in spans:
        start, end = spans[key]
        lines[start:end] = new
        return
    later = [spans[k][0] for k in order[order.index(key) + 1:] if k in spans]
    position = min(later) if later else max((end for _, end in spans.values()), default=len(lines))
    lines[position:position] = new


def _entry(lines: list[str], record_id: str) -> tuple[int, int]:
    """The lines [first, end) of the entry with this id in a registry file (without the blank lines after it)."""
    head = re.compile(rf"^  - id: ([\"']?){re.escape(record_id)}\1\s*$")
    start = next((n for n, line in enumerate(lines) if head.match(line)), None)
    if start is None:
        raise KeyError(record_id)
    end = start + 1
    for n in range(start + 1, len(lines)):
        stripped = lines[n].lstrip(" ")
        if stripped and len(lines[n]) - len(stripped) <= 2:
            break
        if stripped:
            end = n + 1
    return start, end


def _append(text: str, key: str, entry: list[str]) -> str:
    """The file's text with an entry added at the end of its list (an empty `key: []` becomes a list)."""
    empty = re.compile(rf"^{key}: \[\][ \t]*$", re.MULTILINE)
    if empty.search(text):
        return empty.sub(lambda _: f"{key}:\n" + "\n".join(entry), text, count=1)
    return text.rstrip("\n") + "\n\n" + "\n".join(entry) + "\n"


# --- the three requests -------------------------------------------------------------------------------

def _records(settings: Settings, file: str, key: str) -> list[dict]:
    doc, _ = load_yaml(settings.data_dir / file)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    return [r for r in data.get(key) or [] if isinstance(r, dict)]


def _listing_id(form: Form, registry: str, known: list) -> str:
    """The id named in the 'which listing' answer: an id, or a page address ending in /<registry>/<id>/."""
    given = form.text("listing")
    match = re.search(rf"/{registry}/([a-z0-9-]+)/?\s*$", given)
    record_id = match.group(1) if match else given.strip()
    if not given:
        form.problem("listing", "give the listing's id or page address")
    elif record_id not in known:
        form.problem("listing", f"'{record_id}' is not the id of a listing in the {registry} directory"
                                f"{did_you_mean(record_id, known)}; copy it from the listing's page address "
                                f"(…/{registry}/<id>/)")
    return record_id


def _source_given(form: Form, gives: str, missing: str) -> tuple[str, str, str]:
    """The form's source (address, title, date); each part left empty is a problem: "missing; " + `missing` +
    what that part is (the address of a public page that `gives`)."""
    url, title, date = form.text("source"), form.text("source-title"), form.text("source-date")
    for key, value, what in (("source", url, f"the address of a public page that gives {gives}"),
                             ("source-title", title, "the page's title or who published it"),
                             ("source-date", date, "the page's date, as YYYY-MM-DD, or YYYY-MM or YYYY")):
        if not value:
            form.problem(key, f"missing; {missing}{what}")
    return url, title, date


def correction(form: Form, settings: Settings) -> Edit:
    """A corrected centre entry: the answered fields, a dated source supporting exactly those, today's check."""
    centers = _records(settings, "centers.yaml", "centers")
    record_id = _listing_id(form, "centers", [r.get("id") for r in centers])
    changed = {name: _number(form.text(name)) if name == "phone" else form.text(name)
               for name in CORRECTED if form.text(name)}
    if not changed:
        form.problem("problem", "no new value is given; fill in the boxes for the fields that should change")
    url, title, date = _source_given(form, "the change", "give ")
    if form.issues:
        raise RequestError(form.issues)
    lines, start, end, body = _entry_body(settings, record_id)
    _write_values(body, changed, (url, title, date))
    if set(changed) & set(CALL_FIRST):
        _unconfirm(body)
    _set(body, 4, "last_verified", [f"    last_verified: {scalar(settings.today)}"], list(CENTER.fields))
    body[0] = lines[start]
    lines[start:end] = body
    fields = {".".join(CORRECTED[name]): form.labels[name] for name in changed}
    fields |= _source_questions(form)
    index = [r.get("id") for r in centers].index(record_id)
    return Edit({"data/centers.yaml": "\n".join(lines)}, record_id, "centers", index, fields, tuple(changed))


def _entry_body(settings: Settings, record_id: str) -> tuple[list[str], int, int, list[str]]:
    """The lines of centers.yaml, the entry's [start, end), and the entry's lines as a mapping at indent 4."""
    lines = (settings.data_dir / "centers.yaml").read_text(encoding="utf-8").split("\n")
    start, end = _entry(lines, record_id)
    return lines, start, end, ["    " + lines[start][4:]] + lines[start + 1:end]


def _source_questions(form: Form) -> dict[str, str]:
    return {name: form.labels[k] for name, k in (("sources", "source"), ("sources.url", "source"),
                                                   ("sources.title", "source-title"), ("sources.date", "source-date"))}


def _write_values(body: list[str], changed: Mapping[str, object], source: tuple[str, str, str]) -> None:
    """Set the changed fields (form names of CORRECTED or CONFIRMED) in an entry's lines, and add the dated source
    that supports exactly them; older sources no longer support them (attribution follows the value)."""
    order = list(CENTER.fields)
    for name, value in changed.items():
        where = CORRECTED.get(name) or (name.replace("-", "_"),)
        if len(where) == 1:
            if isinstance(value, list):
                _set(body, 4, where[0], [f"    {where[0]}:", *(f"      - {scalar(v)}" for v in value)], order)
            else:
                _set(body, 4, where[0], [f"    {where[0]}: {scalar(str(value))}"], order)
            continue
        spans = _spans(body, 4)
        if "address" not in spans:
            _set(body, 4, "address", ["    address:"], order)
            spans = _spans(body, 4)
        first, stop = spans["address"]
        inner = body[first + 1:stop]
        _set(inner, 6, where[1], [f"      {where[1]}: {scalar(str(value))}"], list(ADDRESS.fields))
        body[first + 1:stop] = inner
    supports = [name.replace("-", "_") for name in changed if name.replace("-", "_") in SUPPORTABLE]
    _unattribute(body, set(supports))
    if supports:
        url, title, date = source
        item = [f"      - url: {scalar(url)}", f"        title: {scalar(title)}", f"        date: {scalar(date)}",
                f"        supports: {flow(supports, quote=False)}"]
        spans = _spans(body, 4)
        if "sources" in spans:
            body[spans["sources"][1]:spans["sources"][1]] = item
        else:
            _set(body, 4, "sources", ["    sources:", *item], order)


# A confirmation's form fields: the field of the entry each confirms (CONFIRMABLE in registry/schema.py).
CONFIRMED = {"name": "name", "phone": "phone", "street": "address", "town": "address", "zip": "address",
             "website": "website", "hours": "hours", "opening-hours": "opening_hours", "eligibility": "eligibility",
             "languages": "languages"}
SAME = "confirmed"  # an answer that confirms the listed value without repeating it


def _listed(record: dict, name: str) -> object:
    """The entry's current value for a confirmation question."""
    where = CORRECTED.get(name) or (name.replace("-", "_"),)
    value = record.get(where[0])
    return value.get(where[1]) if len(where) == 2 and isinstance(value, dict) else value


def _answer(form: Form, name: str) -> object:
    """A confirmation answer in the entry's own form: a number stored one way, hours one rule a line, language codes."""
    text = form.text(name)
    if name == "phone":
        return _number(text)
    if name == "opening-hours":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if name == "languages":
        return _language_codes(form)
    return text


def _confirmed_on(form: Form, settings: Settings) -> dt.date | None:
    given = form.text("confirmed-on")
    try:
        day = dt.date.fromisoformat(given)
    except ValueError:
        form.problem("confirmed-on", f"'{given}' is not a date; write the day it was confirmed as YYYY-MM-DD")
        return None
    if day > settings.today:
        form.problem("confirmed-on", f"{day.isoformat()} is in the future (today is {settings.today.isoformat()}); "
                                     "write the day it was confirmed")
    elif not fresh(day, settings.today, settings.limits):
        form.problem("confirmed-on", f"{day.isoformat()} is more than {settings.limits.confirmed_months} months ago; a "
                           "confirmation that old no longer counts, so confirm the listing again")
    return day


def confirmation(form: Form, settings: Settings) -> Edit:
    """A confirmed centre entry: `confirmed: {field: {on, how, by}}` for each field answered, the new values with the
    dated source that gives them (attribution follows the value), today's check."""
    centers = _records(settings, "centers.yaml", "centers")
    record_id = _listing_id(form, "centers", [r.get("id") for r in centers])
    record = next((r for r in centers if r.get("id") == record_id), {})
    on = _confirmed_on(form, settings)
    how, by = form.text("how"), form.text("by")
    if how not in CONFIRMED_HOW:
        form.problem("how", f"'{how}' is not one of: {', '.join(CONFIRMED_HOW)}")
    answered = [name for name in CONFIRMED if form.text(name)]
    if not answered:
        form.problem("listing", "no field is answered; write the value the centre confirmed (or the new value) for "
                                "each field you checked")
    changed = {}
    for name in answered:
        value = _answer(form, name)
        if form.text(name).strip().lower() != SAME and value != _listed(record, name):
            changed[name] = value
    news = ", ".join(form.labels[n].lower() for n in changed)
    url, title, date = _source_given(form, "the new value", f"a new {news} needs ") if changed else \
        (form.text("source"), form.text("source-title"), form.text("source-date"))
    if form.issues:
        raise RequestError(form.issues)
    lines, start, end, body = _entry_body(settings, record_id)
    _write_values(body, changed, (url, title, date))
    given = dict(record.get("confirmed") or {})
    given |= {CONFIRMED[name]: {"on": on, "how": how, "by": by} for name in answered}
    mapping = ["    confirmed:"] + [f"      {field}: {{on: {scalar(c['on'])}, how: {scalar(c['how'])}, by: "
                                    f"{scalar(c['by'])}}}" for field, c in sorted(
                                        given.items(), key=lambda item: CONFIRMABLE.index(item[0]))]
    order = list(CENTER.fields)
    _set(body, 4, "confirmed", mapping, order)
    _set(body, 4, "last_verified", [f"    last_verified: {scalar(settings.today)}"], order)
    body[0] = lines[start]
    lines[start:end] = body
    fields = {".".join(CORRECTED.get(name) or (name.replace("-", "_"),)): form.labels[name] for name in answered}
    fields |= {f"confirmed.{CONFIRMED[name]}": form.labels[name] for name in answered}
    fields |= {"confirmed": form.labels["confirmed-on"]} | _source_questions(form)
    index = [r.get("id") for r in centers].index(record_id)
    return Edit({"data/centers.yaml": "\n".join(lines)}, record_id, "centers", index, fields, tuple(changed))


_SUPPORTS = re.compile(r"^(\s+(?:- )?supports: )\[(.*)\]\s*$")


def _unattribute(body: list[str], names: set[str]) -> None:
    """Attribution follows the value: the changed fields leave every older source's supports, and a source left
    supporting nothing is taken out (its page no longer stands for anything shown)."""
    spans = _spans(body, 4)
    if not names or "sources" not in spans:
        return
    first, end = spans["sources"]
    starts = [n for n in range(first + 1, end) if body[n].startswith("      - ")]
    for start, stop in reversed(list(zip(starts, starts[1:] + [end], strict=True))):
        for n in range(start, stop):
            if match := _SUPPORTS.match(body[n]):
                kept = [name.strip() for name in match.group(2).split(",") if name.strip() not in names | {""}]
                if kept:
                    body[n] = f"{match.group(1)}[{', '.join(kept)}]"
                else:
                    del body[start:stop]
                break


def _unconfirm(body: list[str]) -> None:
    """A new phone, website or address has not been confirmed with the centre: 'confirmed' becomes 'sourced'
    (and its date goes), so the page says "call before you go" again."""
    spans = _spans(body, 4)
    if "verification" in spans and body[spans["verification"][0]].split(":", 1)[1].strip() == "confirmed":
        body[spans["verification"][0]] = "    verification: sourced"
        if "confirmed_on" in spans:
            del body[slice(*spans["confirmed_on"])]


def _number(answer: str) -> str:
    """A phone answer in the one form numbers are stored in; one that is refused is kept as given, for the
    validator to name what is wrong with it."""
    return us_number(answer)[0] or answer


def _choices(form: Form, key: str, names: dict[str, str]) -> list[str]:
    """The codes of the options ticked under a question; an option that is not one of ours is a problem."""
    codes = []
    for label in form.ticked(key):
        if label in names:
            codes.append(names[label])
        elif label != STATEWIDE:
            form.problem(key, f"'{label}' is not one of the choices: {', '.join(names)}")
    return codes


ID_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789"  # no l, o, 0 or 1, so an id read aloud is not mistaken


def _new_id(taken: set) -> str:
    """A new coach's id, which is also the address of their page: random, so it says nothing about the person,
    and keeps saying nothing once they leave (a retired id stays a public address)."""
    while True:
        record_id = "coach-" + "".join(secrets.choice(ID_LETTERS) for _ in range(8))
        if record_id not in taken:
            return record_id


def _language_codes(form: Form) -> list[str]:
    """The codes of the languages the answer names (by code or English name, comma-separated), each once; an
    unknown name is a problem."""
    by_name = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
    codes: list[str] = []
    for word in filter(None, (w.strip() for w in form.text("languages").split(","))):
        code = word.lower() if word.lower() in LANGUAGE_NAMES else by_name.get(word.lower())
        if code is None:
            form.problem("languages", f"'{word}' is not a language we know; write its English name, like "
                                      "Spanish or Portuguese")
        elif code not in codes:
            codes.append(code)
    return codes


def _languages(form: Form) -> list[str]:
    codes = _language_codes(form)
    if not codes and not form.issues:
        form.problem("languages", "name at least one language you coach in")
    return codes


def _carc(form: Form, today: dt.date) -> list[str]:
    """The carc: lines of the entry; a certified coach gives a number and an expiry date still to come."""
    status = form.text("carc-status")
    if status == "In progress":
        return ["    carc:", "      status: in_progress"]
    if status != "Certified":
        form.problem("carc-status", "choose Certified or In progress")
        return []
    expires = form.text("carc-expires")
    try:
        day = dt.date.fromisoformat(expires)
    except ValueError:
        form.problem("carc-expires", f"'{expires}' is not a date; write it as YYYY-MM-DD" if expires else
                     "give the date your CARC expires, as YYYY-MM-DD")
        return []
    if day < today:
        form.problem("carc-expires", f"your CARC expired on {long_date(day)}; a coach is listed with a current "
                                     "CARC, or as in progress while working toward it")
    return ["    carc:", "      status: certified", f"      expires: {scalar(day)}"]


def listing(form: Form, settings: Settings, issue_url: str, requester: str = "") -> Edit:
    """A new coach entry at the end of coaches.yaml under a random id, with the coach's consent dated today and
    the account that asked."""
    missing = [label for label, required in form.options["consent"] if required and label not in
               form.ticked("consent")]
    for label in missing:
        form.problem("consent", f"not ticked: '{label}'; we list a coach only with all three agreements")
    name = form.text("name")
    if not name:
        form.problem("name", "give the name to show on your listing")
    carc = _carc(form, settings.today)
    masshealth = {"Yes": True, "No": False, "I don't know": False}.get(form.text("masshealth"))
    if masshealth is None:
        form.problem("masshealth", "choose Yes, No or I don't know")
    languages = _languages(form)
    places = load_places(settings.data_dir)
    regions = _choices(form, "regions", {r.name: key for key, r in places.regions.items()})
    statewide = STATEWIDE in form.ticked("regions")
    towns = [t.strip() for t in form.text("towns").split(",") if t.strip()]
    modes = _choices(form, "modes", {label: code for code, label in MODES.items()})
    tracks = _choices(form, "tracks", {r["name"]: r["id"] for r in _records(settings, "tracks.yaml", "tracks")})
    specialties = _choices(form, "specialties", {label: code for code, label in SPECIALTIES.items()})
    if not modes:
        form.problem("modes", "tick at least one way you meet people")
    if not (towns or regions or statewide):
        form.problem("towns", "name the towns you serve, or tick a region or all of Massachusetts")
    if not (form.text("phone") or form.text("email")):
        form.problem("phone", "give a work phone or a work e-mail, so people can reach you")
    if form.issues:
        raise RequestError(form.issues)
    coaches = _records(settings, "coaches.yaml", "coaches")
    retired = _records(settings, "retired.yaml", "retired")
    taken = {r.get("id") for r in coaches + retired} | {f for r in coaches for f in r.get("former_ids") or []}
    record_id = _new_id(taken)
    entry = [f"  - id: {record_id}", f"    name: {scalar(name)}"]
    entry += [f"    {k}: {scalar(form.text(k))}" for k in ("summary", "employer") if form.text(k)]
    entry += [f"    languages: {flow(languages, quote=False)}", *carc, f"    masshealth: {scalar(bool(masshealth))}"]
    entry += [f"    {k}: {flow(v, quote=False)}" for k, v in (("specialties", specialties), ("tracks", tracks)) if v]
    entry += [f"    modes: {flow(modes, quote=False)}", "    serves:"]
    entry += [f"      towns: {flow(towns)}"] if towns else []
    entry += [f"      regions: {flow(regions, quote=False)}"] if regions else []
    entry += ["      statewide: true"] if statewide else []
    entry += [f"    phone: {scalar(_number(form.text('phone')))}"] if form.text("phone") else []
    entry += [f"    email: {scalar(form.text('email'))}"] if form.text("email") else []
    entry += ["    consent:", f"      date: {scalar(settings.today)}", f"      how: {scalar(issue_url)}"]
    entry += [f"      by: {scalar(requester)}"] if requester else []
    entry += [f"    last_verified: {scalar(settings.today)}"]
    text = (settings.data_dir / "coaches.yaml").read_text(encoding="utf-8")
    fields = {COACH_FIELDS[k]: label for k, label in form.labels.items() if k in COACH_FIELDS}
    return Edit({"data/coaches.yaml": _append(text, "coaches", entry)}, record_id, "coaches", len(coaches), fields)


# A retired coach keeps no personal data: fields the RETIRED schema still requires get neutral words.
NEUTRAL = {"name": "A peer recovery coach", "reason": "Taken off the directory at the coach's request."}


def removal(form: Form, settings: Settings) -> Edit:
    """The coach's entry taken out of coaches.yaml; its id kept in retired.yaml so the old address says
    'no longer listed'."""
    coaches = _records(settings, "coaches.yaml", "coaches")
    record_id = _listing_id(form, "coaches", [r.get("id") for r in coaches])
    unticked = [label for label, required in form.options["confirm"] if required and label not in
                form.ticked("confirm")]
    if unticked:
        form.problem("confirm", "not ticked; a listing is removed only when its coach asks")
    if form.issues:
        raise RequestError(form.issues)
    lines = (settings.data_dir / "coaches.yaml").read_text(encoding="utf-8").split("\n")
    start, end = _entry(lines, record_id)
    if end + 1 < len(lines) and not lines[end].strip():
        end += 1  # with the blank line that parted it from the next entry
    elif start > 0 and not lines[start - 1].strip():
        start -= 1  # the last entry: with the blank line before it
    del lines[start:end]
    if len(coaches) == 1:
        lines = [re.sub(r"^coaches:\s*$", "coaches: []", line) for line in lines]
    entry = [f"  - id: {record_id}", "    registry: coaches"]
    for name, spec in RETIRED.fields.items():  # in the schema's order
        if name == "retired_on":
            entry.append(f"    retired_on: {scalar(settings.today)}")
        elif name in NEUTRAL and spec.required:
            entry.append(f"    {name}: {scalar(NEUTRAL[name])}")
    retired = (settings.data_dir / "retired.yaml").read_text(encoding="utf-8")
    index = len(_records(settings, "retired.yaml", "retired"))
    consent = next(r.get("consent") for r in coaches if r.get("id") == record_id)
    return Edit({"data/coaches.yaml": "\n".join(lines), "data/retired.yaml": _append(retired, "retired", entry)},
                record_id, "retired", index, {}, consent=consent if isinstance(consent, dict) else None)


# --- checking the edit ----------------------------------------------------------------------------------

def _located(problems: list, edit: Edit) -> list[Issue]:
    """The validator's problems in words for the person who filed the form: a problem in the new or
    changed entry names the form's question it came from; any other names its file and line."""
    prefix = f"{edit.registry}[{edit.index}]"
    out = []
    for problem in problems:
        name = Path(problem.file).name
        if problem.path == prefix or problem.path.startswith((prefix + ".", prefix + "[")):
            parts = [p for p in re.split(r"[.\[\]]", problem.path[len(prefix):]) if p and not p.isdigit()]
            label = next((edit.questions[".".join(parts[:n])] for n in range(len(parts), 0, -1)
                          if ".".join(parts[:n]) in edit.questions), "The entry")
            out.append(Issue(label, problem.message))
        else:
            out.append(Issue(f"data/{name}, line {problem.line}", problem.message))
    return out


def apply(kind: str, body: str, settings: Settings, issue: int, issue_url: str = "",
          context: Context = Context()) -> Result:
    """The edit an approved request makes, checked by the full validator on a copy of the data folder.
    Raises RequestError with every problem, in the form's words."""
    form = read_form(kind, body, settings)
    if form.issues:
        raise RequestError(form.issues)
    requester = context.requester if LOGIN.fullmatch(context.requester) else ""
    try:
        edit = (correction(form, settings) if kind == "correction" else
                confirmation(form, settings) if kind == "confirmation" else
                listing(form, settings, issue_url or f"issue #{issue}", requester) if kind == "listing" else
                removal(form, settings))
    except KeyError as err:  # the id is in the parsed file but not written as '  - id: <id>'
        raise RequestError([Issue("The listing", f"'{err.args[0]}' is not written in the usual form in its file; "
                                                 "a maintainer must make this change by hand")]) from None
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(settings.data_dir, copy)
        for rel, text in edit.files.items():
            (copy / Path(rel).name).write_text(text, encoding="utf-8")
        try:
            validate(copy, load_places(copy), settings.today, settings.published, settings.fiction)
        except DataError as err:
            raise RequestError(_located(err.problems, edit)) from None
    if kind == "removal":  # a leaving coach's details are not repeated
        rows = [("listing", edit.record_id, "removed")]
    else:
        rows = _changes(_entry_of(settings, edit), _entry_of(settings, edit, edit.files))
    if kind == "confirmation":
        rows.append(("reads as", _reads_as(_entry_of(settings, edit), settings),
                     _reads_as(_entry_of(settings, edit, edit.files), settings)))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    title, text = _words(kind, edit, rows, form, requester, context, digest, issue, settings.limits)
    notice = (f"The text of this request was edited on {_moment(context.body_updated_at)}, after the last "
              f"maintainer comment or label ({_moment(context.last_review_at)}). The pull request was made from the "
              f"edited text (sha256 `{digest}`): please read the request again before merging.\n"
              if context.edited_after_review else "")
    return Result(edit.files, title, text, notice)


def _entry_of(settings: Settings, edit: Edit, files: dict[str, str] | None = None) -> dict:
    """The changed entry as it is, or as the edit's files leave it; {} where there is none."""
    key = edit.registry
    data = parse(files[f"data/{key}.yaml"]) if files else {key: _records(settings, f"{key}.yaml", key)}
    return next((r for r in (data or {}).get(key) or [] if isinstance(r, dict) and r.get("id") == edit.record_id),
                {})


def _reads_as(entry: dict, settings: Settings) -> str:
    """The verification level the model gives the entry on the day of approval (model/freshness.py)."""
    confirmed = {name: Confirmation(**given) for name, given in (entry.get("confirmed") or {}).items()}
    level, since = verification(entry.get("verification", ""), entry.get("confirmed_on"), confirmed,
                                settings.today, settings.limits)
    return f"{level} (since {since.isoformat()})" if since else level


def _flat(record: dict, prefix: str = "") -> dict[str, object]:
    """'address': {'town': ...} -> 'address.town'; each source by its address, so one can be followed."""
    out: dict[str, object] = {}
    for key, value in record.items():
        if key == "sources" and isinstance(value, list):
            out |= {f"source {s.get('url')}": s for s in value if isinstance(s, dict)}
        elif key == "confirmed" and isinstance(value, dict):  # one row per confirmed field: {on, how, by}
            out |= {f"confirmed.{name}": given for name, given in value.items()}
        elif isinstance(value, dict) and key != "consent":
            out |= _flat(value, f"{prefix}{key}.")
        elif key != "consent":  # a coach's consent record is never repeated in public
            out[prefix + key] = value
    return out


def _changes(before: dict, after: dict) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field that differs, in the entry's order."""
    old, new = _flat(before), _flat(after)
    names = list(new) + [name for name in old if name not in new]
    return [(name, _value(old.get(name)), _value(new.get(name))) for name in names if old.get(name) != new.get(name)]


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and "on" in value:  # a confirmation
        return f"on {_value(value.get('on'))}, {value.get('how')}, by {value.get('by')}"
    if isinstance(value, dict):  # a source
        return f"{value.get('title')} ({value.get('date')}), supports: {', '.join(value.get('supports') or [])}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def quoted(text: str, cell: bool = True) -> str:
    """Text from a request, shown as code: no @mention, #reference, link, autolink or formatting can act, and (in a
    table cell) no '|' can split the row."""
    if not text:
        return "—"
    text = " ".join(text.split())
    text = text.replace("|", "\\|") if cell else text
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def _moment(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "not known"


ORGANISATION = {"No": "no", "Yes, I work or volunteer there": "yes, they say they work or volunteer there "
                "(not checked)"}


def _words(kind: str, edit: Edit, rows: list[tuple[str, str, str]], form: Form, requester: str, context: Context,
           digest: str, issue: int, limits: Limits) -> tuple[str, str]:
    """The pull request's title and body: what changes (before → after), warnings, who asked, which text."""
    record_id = edit.record_id
    table = ["| field | before | after |", "|---|---|---|"]
    table += [f"| {quoted(name)} | {quoted(old)} | {quoted(new)} |" for name, old, new in rows]
    lines = ["\n".join(table), ""]
    risky = [name for name in CALL_FIRST if name in edit.changed]
    if risky:
        numbers = next(((old, new) for name, old, new in rows if name == "phone"), None)
        which = f" ({quoted(numbers[0])} and {quoted(numbers[1])})" if numbers else ""
        lines += ["> [!WARNING]", f"> This request changes the {', '.join(risky)} of a listing people in crisis use. "
                  f"Call the old number and the new one{which} before merging, and check that the source says what "
                  "the table shows: a planted number is the worst harm this form can do.", ""]
    who = f"`{requester}`" if requester else "not known"
    lines += [f"- Requested by: {who}"]
    if kind == "correction":
        said = ORGANISATION.get(form.text("from-organisation"), "not answered")
        lines += [f"- From the organisation that runs it: {said}"]
    if kind == "removal":
        lines += _consent_lines(edit.consent, requester)
    lines += [f"- Issue text converted: sha256 `{digest}`, last edited {_moment(context.body_updated_at)}; last "
              f"maintainer comment or label before approval: {_moment(context.last_review_at)}", ""]
    if context.edited_after_review:
        lines += ["> [!CAUTION]", "> The request's text was edited after the last maintainer comment or label. "
                  "Read the issue again: this pull request was made from the edited text.", ""]
    close = f"Closes #{issue}. Made by `python -m generator intake` from the approved request; the validator passes."
    if kind == "correction":
        title = f"Correct {record_id} (issue #{issue})"
        lines += ["The new dated source supports exactly the changed fields; older sources no longer support them. "
                  "A changed phone, website or address sets a confirmed listing back to sourced. Before merging, "
                  "open the source and check that it says what the table shows."]
    elif kind == "confirmation":
        title = f"Confirm {record_id} (issue #{issue})"
        lines += ["Records, per field, when, how and by whom the listing was confirmed with the centre. The listing "
                  f"reads \"confirmed\" while its phone and address were both confirmed within "
                  f"{limits.confirmed_months} months. A new value comes with the dated source that gives it, and older "
                  "sources no longer support it. Before merging, check that the confirmation was made by a maintainer "
                  "or the centre's staff, and open any new source."]
    elif kind == "listing":
        title = f"List coach {record_id} (issue #{issue})"
        lines += ["Adds the coach with their consent (the request, dated the day of approval). Before merging, ask "
                  "the coach for their CARC certificate number privately (at the work phone or e-mail they gave; it "
                  "is never asked in the issue) and check it with the certification board, and check the phone or "
                  "e-mail is a work one."]
    else:
        title = f"Remove coach {record_id} (issue #{issue})"
        lines += ["Takes the coach off the directory; the address now says only that the listing was removed."]
    return title, "\n".join(lines + ["", close]) + "\n"


def _consent_lines(consent: dict | None, requester: str) -> list[str]:
    """Who asked to be listed then, beside who asks for the removal now; anyone else is checked with the coach."""
    if not consent:
        return ["- Consent record: none (an example entry)"]
    then = consent.get("by")
    lines = [f"- Consent record: given {_value(consent.get('date'))} by `{then}`" if then else
             f"- Consent record: given {_value(consent.get('date'))}, {quoted(str(consent.get('how', '')))}"]
    if not (then and requester and then.lower() == requester.lower()):
        lines += ["", "> [!WARNING]", "> This removal is not asked by the account that asked for the listing. Check "
                  "with the coach (at the work phone or e-mail on the listing) that they want it removed before "
                  "merging.", ""]
    return lines


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~@:])")


def _escape(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text.replace("\n", " "))


def comment(issues: list[Issue]) -> str:
    """The problems as an issue comment. Each message quotes answers, so it is shown as code: no @mention, #reference,
    autolink (www., e-mail) or formatting can act; GitHub links mentions even after a backslash escape."""
    lines = [f"- **{_escape(i.where)}**: {quoted(i.message, cell=False)}" for i in issues]
    return ("This request could not be turned into a change yet. Please edit the issue to fix the following, "
            "and a maintainer will approve it again:\n\n" + "\n".join(lines) + "\n")


def run(kind: str, body_file: Path, issue: int, out: Path, settings: Settings, issue_url: str = "",
        context: Context = Context()) -> int:
    """The command: writes the changed files and pr-title.txt / pr-body.md into `out` (and notice.md when the
    request was edited after its last review), or comment.md."""
    out.mkdir(parents=True, exist_ok=True)
    try:
        text = body_file.read_bytes().decode("utf-8", errors="replace")  # as written: its hash is the file's
        result = apply(kind, text, settings, issue, issue_url, context)
    except RequestError as err:
        (out / "comment.md").write_text(comment(err.issues), encoding="utf-8")
        for item in err.issues:
            print(str(item).replace("\n", "\\n"))
        return PROBLEMS_EXIT
    for rel, text in result.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    (out / "pr-title.txt").write_text(result.title + "\n", encoding="utf-8")
    (out / "pr-body.md").write_text(result.body, encoding="utf-8")
    if result.notice:
        (out / "notice.md").write_text(result.notice, encoding="utf-8")
    print(f"{result.title}: wrote {', '.join(result.files)}")
    return 0

