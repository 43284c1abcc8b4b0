"""`errorspec lookup`: what a code means on every platform that has it, which codes a pasted text
holds (a log line, an error object, a filled-in message: see `pasted`), or which match words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # nothing else at run time: a lookup answered by the index starts fast
    from errorspec.model import Entry, PlatformSpec, Spec

Match = tuple["PlatformSpec", "Entry"]

# A CODE argument that is a whole number: its sign, and its digits without leading zeros.
_CODE_ARGUMENT = re.compile(r"([+-]?)0*([0-9]+)")
# A constant's name as an IDE shows it: one identifier.
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


@dataclass(frozen=True)
class Query:
    """What `lookup` is asked: a code (in decimal, as Python writes the number), a constant's
    name or a pasted text, or none of them; and the words every answer must contain."""

    code: str | None = None
    constant: str | None = None
    pasted: str | None = None
    words: tuple[str, ...] = ()


def query(argument: str | None, words: Sequence[str]) -> Query:
    """The query for `lookup [ARGUMENT] -s WORDS`: ARGUMENT is a code when it is a whole number
    (`+7`, `007` and `7` alike: no number is too long to look up), a constant's name when it is
    one identifier, else a pasted text to read codes from."""
    if argument is None:
        return Query(words=tuple(words))
    number = _CODE_ARGUMENT.fullmatch(argument.strip())
    if number is not None:
        sign, digits = number.groups()
        return Query(code=f"-{digits}" if sign == "-" and digits != "0" else digits, words=tuple(words))
    if _NAME.fullmatch(argument.strip()):
        return Query(constant=argument.strip(), words=tuple(words))
    return Query(pasted=argument, words=tuple(words))


@dataclass(frozen=True)
class Answer:
    """One entry as `lookup` shows it: its platform's name, and its data as `export` gives it, in
    every language of the spec (`entry_data`)."""

    title: str
    data: dict[str, Any]
    matched: tuple[tuple[str, str], ...] = ()
    """For a pasted text: why it holds this code, as (reason, the text that showed it)."""


@dataclass(frozen=True)
class NoCode:
    """A number given as a code that no platform has: the spec's ranges that hold it, as
    (platform title, prefix, description per language), and the codes nearest it with the titles
    of their platforms."""

    number: int
    ranges: tuple[tuple[str, str, dict[str, str | None]], ...]
    nearest: tuple[tuple[int, tuple[str, ...]], ...]


def haystack(entry: Entry) -> str:
    """The text words are found in: message, descriptions, constant names and what to do about
    the code (causes, solutions, example), folded for case, as the site's search finds them."""
    texts = [entry.message, *(text for text in entry.description.values() if text)]
    texts += [text for said in (entry.causes, entry.solutions, entry.example) if said for text in said.values()]
    return " ".join(texts + [constant.name for constant in entry.constants]).casefold()


def wanted_words(words: Sequence[str]) -> list[str]:
    """The words to find, folded for case; blank ones are no words."""
    return [word.casefold() for word in words if word.strip()]


def find_code(spec: Spec, code: int) -> list[Match]:
    return [(platform, entry) for platform in spec.platforms for entry in platform.entries if entry.code == code]


def search(spec: Spec, words: Sequence[str]) -> list[Match]:
    """Entries whose message, descriptions or constant names contain every word, ignoring case."""
    wanted = wanted_words(words)
    if not wanted:
        return []
    matches = []
    for platform in spec.platforms:
        for entry in platform.entries:
            text = haystack(entry)
            if all(word in text for word in wanted):
                matches.append((platform, entry))
    return matches


# What to do about a code, as `lookup` labels it: the export's keys, in the order shown.
_WHAT_TO_DO = {"causes": "causes", "solutions": "what to do", "example": "example"}


def in_languages(texts: dict[str, str], languages: Sequence[str]) -> dict[str, str]:
    """A code's texts of what to do (causes, solutions, example) in `languages`; where none of
    them has one, the other language's, as the site falls back (its key says its language)."""
    wanted = {lang: texts[lang] for lang in languages if lang in texts}
    return wanted or dict(list(texts.items())[:1])


def answer_data(answer: Answer, languages: Sequence[str]) -> dict[str, Any]:
    """The answer's data with the texts of `languages` only (what to do about the code in
    another language where `languages` have none), as `lookup --format json` prints it; for a
    pasted text, why it matched."""
    matched = (
        {"matched": [{"reason": reason, "text": text} for reason, text in answer.matched]} if answer.matched else {}
    )
    todo = {field: in_languages(answer.data[field], languages) for field in _WHAT_TO_DO if field in answer.data}
    described = {"description": {lang: answer.data["description"].get(lang) for lang in languages}}
    return answer.data | described | todo | matched


_STALE = "  (may be out of date: translated from a text that has changed since)"
_REASONS = {"code": "code {}", "number": "number {} in the text", "constant": "constant {}", "message": "message {!r}"}


def format_no_code(no_code: NoCode, languages: Sequence[str]) -> str:
    """What `lookup` says of a number that is no code: the ranges it falls in, the codes nearest it."""
    lines = [f"{no_code.number} is not a code of this catalogue."]
    for title, prefix, description in no_code.ranges:
        text = next((description[lang] for lang in (*languages, *description) if description.get(lang)), None)
        lines.append(f"  codes starting with {prefix} ({title}){f': {text}' if text else ''}")
    if no_code.nearest:
        nearest = ", ".join(f"{code} ({', '.join(titles)})" for code, titles in no_code.nearest)
        lines.append(f"  nearest codes: {nearest}")
    return "\n".join(lines)


def format_answer(answer: Answer, languages: Sequence[str]) -> str:
    """The answer as `lookup` prints it: a line naming the code, then its constants, its message,
    its description in each of `languages`, and what to do about it where the spec says (each
    text labelled with its language; an example verbatim, indented under its label)."""
    data = answer.data
    retired = "  (deprecated)" if data.get("deprecated") else ""
    undocumented = "  (only in the SDK: on no page)" if data.get("undocumented") else ""
    lines = [f"{data['code']}  {data['platform']}  {answer.title}{retired}{undocumented}"]
    if answer.matched:
        lines.append("  matched: " + "; ".join(_REASONS[reason].format(text) for reason, text in answer.matched))
    lines += [f"  constant: {name} ({sdk} SDK)" for sdk, name in data.get("constants", {}).items()]
    lines.append(f"  message: {data['message'] or '(empty)'}")
    stale = data.get("stale", {})
    for lang in languages:
        text = data["description"].get(lang) or "(no description in this language)"
        lines.append(f"  {lang}: {text}{_STALE if 'description' in stale.get(lang, ()) else ''}")
    for field, label in _WHAT_TO_DO.items():
        for lang, text in in_languages(data.get(field) or {}, languages).items():
            if field in stale.get(lang, ()):
                text += _STALE
            if field == "example":
                lines.append(f"  {label} ({lang}):")
                lines += [f"    {line}" for line in text.rstrip("\n").split("\n")]
            else:
                lines.append(f"  {label} ({lang}): {text}".replace("\n", "\n    "))
    return "\n".join(lines)
