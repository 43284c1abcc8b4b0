"""`errorspec lookup`: what a code means on every platform that has it, or which codes match words."""

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


@dataclass(frozen=True)
class Query:
    """What `lookup` is asked: a code (in decimal, as Python writes the number) or a constant's
    name, or neither; and the words every answer must contain."""

    code: str | None = None
    constant: str | None = None
    words: tuple[str, ...] = ()


def query(argument: str | None, words: Sequence[str]) -> Query:
    """The query for `lookup [ARGUMENT] -s WORDS`: ARGUMENT is a code when it is a whole number
    (`+7`, `007` and `7` alike: no number is too long to look up), else a constant's name."""
    if argument is None:
        return Query(words=tuple(words))
    number = _CODE_ARGUMENT.fullmatch(argument)
    if number is None:
        return Query(constant=argument, words=tuple(words))
    sign, digits = number.groups()
    return Query(code=f"-{digits}" if sign == "-" and digits != "0" else digits, words=tuple(words))


@dataclass(frozen=True)
class Answer:
    """One entry as `lookup` shows it: its platform's name, and its data as `export` gives it, in
    every language of the spec (`entry_data`)."""

    title: str
    data: dict[str, Any]


def haystack(entry: Entry) -> str:
    """The text words are found in: message, descriptions and constant names, folded for case."""
    texts = [entry.message, *(text for text in entry.description.values() if text)]
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


def answer_data(answer: Answer, languages: Sequence[str]) -> dict[str, Any]:
    """The answer's data with the descriptions of `languages` only, as `lookup --format json` prints it."""
    return answer.data | {"description": {lang: answer.data["description"].get(lang) for lang in languages}}


def format_answer(answer: Answer, languages: Sequence[str]) -> str:
    """The answer as `lookup` prints it: a line naming the code, then its constants, its message
    and its description in each of `languages`."""
    data = answer.data
    retired = "  (deprecated)" if data.get("deprecated") else ""
    undocumented = "  (only in the SDK: on no page)" if data.get("undocumented") else ""
    lines = [f"{data['code']}  {data['platform']}  {answer.title}{retired}{undocumented}"]
    lines += [f"  constant: {name} ({sdk} SDK)" for sdk, name in data.get("constants", {}).items()]
    lines.append(f"  message: {data['message'] or '(empty)'}")
    for lang in languages:
        lines.append(f"  {lang}: {data['description'].get(lang) or '(no description in this language)'}")
    return "\n".join(lines)
