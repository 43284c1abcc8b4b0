"""Codes found in whatever a developer pastes: a log line, an error object, a JSON reply, a
constant's name, a message with its placeholders filled in.

The site's search worker reads pasted text by the same rules: `RULES` is written into it at build
time, so the command line and the search box give the same answers (tests/fixtures/pasted.yaml
holds the inputs both are checked against). The patterns are written for both regular-expression
dialects (Python's `re` and JavaScript's with the `u` flag): ASCII classes only, since `\\w` and
`\\d` mean more in Python than in JavaScript, and no named groups.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from errorspec.model import MAX_CODE

LONGEST = 20_000
"""Characters of a paste that are read: a log excerpt, not a whole log (`explain` reads those)."""
MAX_CODE_DIGITS = len(str(MAX_CODE))
"""A number of more digits is no code (and more than Python turns into an int by default)."""

RULES: dict[str, object] = {
    "longest": LONGEST,
    "maxCodeDigits": MAX_CODE_DIGITS,
    # A number standing alone: not inside a word, a decimal, a version or an address (1.2.3).
    "number": r"(?<![A-Za-z0-9_.])-?[0-9]+(?![A-Za-z0-9_]|\.[0-9])",
    # What stands before a number that is meant as a code, in the text before it (lower case):
    # errorCode=, responseCode:, "code": , Code= (NSError), error code , 错误码：.
    # (No backslash before a quote: JavaScript refuses an escape it does not know under `u`.)
    "key": r"""(?:code|errno|status|error|错误码|返回码|状态码)["']?\s*[:=：]?\s*["']?\s*$""",
    "keyWindow": 24,
    # A number without a key counts only with this many digits: timestamps and ids have short
    # parts (05:39:30, pid 1234) that happen to be codes.
    "bareDigits": 4,
    # A message's placeholders, in printf's, Objective-C's and Python's styles.
    "placeholder": r"%(?:[0-9]+\$)?[-+ 0#]*[0-9]*(?:\.[0-9]+)?(?:hh|ll|[hlqztj])?[sdiufFeEgGxXoc@]|\{[A-Za-z0-9_]*\}",
    # Punctuation a message may end with, or not, where it is pasted.
    "trailing": r"[\s.。!！?？,，;；:：]+$",
    # Messages with fewer characters of their own (placeholders and spaces aside) are too
    # common to say which code a text holds (Success, ok, error).
    "messageChars": 8,
    # A constant's name: an identifier of at least four characters.
    "identifier": r"(?<![A-Za-z0-9_$])[A-Za-z_$][A-Za-z0-9_$]{3,}",
    "scores": {"code": 40, "number": 20, "constant": 30, "message": 10},
    "nearest": 5,
}

_NUMBER = re.compile(str(RULES["number"]))
_KEY = re.compile(str(RULES["key"]))
_PLACEHOLDER = re.compile(str(RULES["placeholder"]))
_TRAILING = re.compile(str(RULES["trailing"]))
_IDENTIFIER = re.compile(str(RULES["identifier"]))
_SPACES = re.compile(r"\s+")
_SCORES: dict[str, int] = RULES["scores"]  # type: ignore[assignment]
_MESSAGE_CHARS: int = RULES["messageChars"]  # type: ignore[assignment]
_KEY_WINDOW: int = RULES["keyWindow"]  # type: ignore[assignment]
BARE_DIGITS: int = RULES["bareDigits"]  # type: ignore[assignment]
_NEAREST: int = RULES["nearest"]  # type: ignore[assignment]

Reason = Literal["code", "number", "constant", "message"]


def given_as_code(before: str) -> bool:
    """Whether the folded text just before a number gives the number as a code (`errorCode=`,
    `Code=`, `"code": `, `错误码：`): a key in its last `keyWindow` characters."""
    return _KEY.search(before[-_KEY_WINDOW:]) is not None


def fold(text: str) -> str:
    """Text as it is compared: compatibility forms unified (full-width digits, ligatures), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass(frozen=True)
class Known:
    """One code of one platform, as pasted text is matched against it."""

    platform: str
    code: int
    message: str
    constants: tuple[str, ...] = ()


@dataclass(frozen=True)
class MessagePattern:
    """A message compiled for finding it filled in: its placeholders match any text."""

    pattern: re.Pattern[str]
    chars: int
    """Its characters of its own (placeholders and spaces aside): the longer, the surer a match."""


def message_words(message: str) -> tuple[list[str], int]:
    """A message's text between placeholders, folded and without its trailing punctuation, and
    how many characters of its own it has."""
    pieces = _PLACEHOLDER.split(_TRAILING.sub("", fold(message).strip()))
    return pieces, sum(len(_SPACES.sub("", piece)) for piece in pieces)


def message_pattern(message: str) -> MessagePattern | None:
    """The pattern that finds `message` in folded text, its placeholders filled, its case and
    trailing punctuation as they come; None for a message too short to say which code it is."""
    pieces, chars = message_words(message)
    if chars < _MESSAGE_CHARS:
        return None
    text = "".join(pieces)
    body = "(.+?)".join(r"\s*".join(re.escape(word) for word in piece.split()) for piece in pieces)
    start = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", text) else ""
    end = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", text) else ""
    return MessagePattern(re.compile(start + body + end), chars)


def matched_words(message: str) -> tuple[str, ...]:
    """The words a text must hold for `message` to be found in it, longest first; none for a
    message too short to say which code it is."""
    pieces, chars = message_words(message)
    if chars < _MESSAGE_CHARS:
        return ()
    return tuple(sorted({word for piece in pieces for word in piece.split()}, key=lambda word: (-len(word), word)))


@dataclass
class KnownMessage:
    """A message of the catalogue, compiled only once a text holds each of its words (its
    pattern has every one of them; common words would let thousands of messages through)."""

    text: str
    words: tuple[str, ...]
    """Its words, longest first: the rarest, most often."""
    positions: list[int]
    compiled: MessagePattern | None = None

    def pattern(self) -> MessagePattern:
        if self.compiled is None:
            self.compiled = message_pattern(self.text)
        assert self.compiled is not None  # only messages with enough characters are kept
        return self.compiled


@dataclass(frozen=True)
class Match:
    """A code the text holds, and why: each reason with the text that showed it."""

    platform: str
    code: int
    reasons: tuple[tuple[Reason, str], ...]
    score: int
    first: int
    """Where in the text its first evidence starts: earlier evidence ranks first among equals."""


@dataclass(frozen=True)
class NotACode:
    """A number given as a code that no platform has: the ranges that hold it, the codes nearest it."""

    number: int
    ranges: tuple[tuple[str, str], ...]
    """(platform, prefix) of every range the spec declares that the number falls in."""
    nearest: tuple[int, ...]


@dataclass(frozen=True)
class Reading:
    """What a pasted text holds: codes best first, and the numbers given as codes that are none."""

    matches: tuple[Match, ...]
    not_codes: tuple[NotACode, ...] = ()


class Codes(Protocol):
    """The codes, constant names and messages a paste is read against, however they are kept:
    in memory (`Catalogue`), or in the lookup index, which answers without loading them all."""

    ranges: Sequence[tuple[str, str]]
    """(platform, prefix) of the code ranges the spec declares."""

    def positions(self, code: int) -> Sequence[int]:
        """Where the entries with `code` are, on every platform that has it; none for no code."""
        ...

    def named(self, name: str) -> Sequence[int]:
        """Where the entries are with a constant named `name` in lower case."""
        ...

    def messages_in(self, folded: str) -> Iterable[KnownMessage]:
        """The messages `folded` may hold: at least every one whose words it holds."""
        ...

    def entry(self, position: int) -> tuple[str, int]:
        """The platform and code of the entry at `position`."""
        ...

    def codes_around(self, number: int, count: int) -> tuple[Sequence[int], Sequence[int]]:
        """Up to `count` codes below `number`, and up to `count` from it up: each closest first."""
        ...


@dataclass
class Catalogue:
    """The codes, names and messages that pasted text is matched against, indexed once in memory."""

    known: Sequence[Known]
    ranges: Sequence[tuple[str, str]] = ()
    """(platform, prefix) of the code ranges the spec declares."""
    by_code: dict[int, list[int]] = field(init=False)
    by_name: dict[str, list[int]] = field(init=False)
    messages: list[KnownMessage] = field(init=False)
    codes: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.by_code, self.by_name = {}, {}
        by_message: dict[str, list[int]] = {}
        for position, known in enumerate(self.known):
            self.by_code.setdefault(known.code, []).append(position)
            for name in known.constants:
                self.by_name.setdefault(name.lower(), []).append(position)
            if known.message:
                by_message.setdefault(known.message, []).append(position)
        self.messages = []
        for message, positions in by_message.items():
            words = matched_words(message)
            if words:
                self.messages.append(KnownMessage(message, words, positions))
        self.codes = sorted(self.by_code)

    def positions(self, code: int) -> Sequence[int]:
        return self.by_code.get(code, ())

    def named(self, name: str) -> Sequence[int]:
        return self.by_name.get(name, ())

    def messages_in(self, folded: str) -> Iterable[KnownMessage]:
        return self.messages

    def entry(self, position: int) -> tuple[str, int]:
        return self.known[position].platform, self.known[position].code

    def codes_around(self, number: int, count: int) -> tuple[Sequence[int], Sequence[int]]:
        above = bisect_left(self.codes, number)
        return self.codes[max(0, above - count) : above][::-1], self.codes[above : above + count]

    def read(self, text: str) -> Reading:
        return read(self, text)

    def not_a_code(self, number: int) -> NotACode:
        return not_a_code(self, number)


def read(codes: Codes, text: str) -> Reading:
    """Every code `text` holds, by its numbers, constant names and messages, best first."""
    folded = fold(text[:LONGEST])
    evidence: dict[int, dict[Reason, tuple[int, str, int]]] = {}  # position -> reason -> (at, shown, score)

    def found(positions: Iterable[int], reason: Reason, at: int, shown: str, score: int) -> None:
        for position in positions:
            reasons = evidence.setdefault(position, {})
            if reason not in reasons or at < reasons[reason][0]:
                reasons[reason] = (at, shown, score)

    given: dict[int, None] = {}  # numbers given as codes (keyed, or the whole text) that are none
    whole = folded.strip()
    for number in _NUMBER.finditer(folded):
        digits = number.group()
        if len(digits.lstrip("-")) > MAX_CODE_DIGITS:
            continue
        value = int(digits)
        keyed = given_as_code(folded[max(0, number.start() - _KEY_WINDOW) : number.start()])
        positions = codes.positions(value)
        if not positions:
            if keyed or digits == whole:
                given[value] = None
        elif keyed or digits == whole:
            found(positions, "code", number.start(), digits, _SCORES["code"])
        elif len(digits.lstrip("-")) >= BARE_DIGITS:
            found(positions, "number", number.start(), digits, _SCORES["number"])
    for name in _IDENTIFIER.finditer(folded):
        positions = codes.named(name.group())
        if positions:
            found(positions, "constant", name.start(), text_at(text, folded, name), _SCORES["constant"])
    for message in codes.messages_in(folded):
        if all(word in folded for word in message.words):
            compiled = message.pattern()
            filled = compiled.pattern.search(folded)
            if filled:
                score = _SCORES["message"] + min(compiled.chars, 40) // 2
                found(message.positions, "message", filled.start(), filled.group(), score)

    ranked = []
    for position, reasons in evidence.items():
        ordered = sorted(reasons.items(), key=lambda item: -item[1][2])
        score = sum(item_score for _, _, item_score in reasons.values())
        first = min(at for at, _, _ in reasons.values())
        platform, code = codes.entry(position)
        match = Match(platform, code, tuple((reason, shown) for reason, (_, shown, _) in ordered), score, first)
        ranked.append((-score, first, position, match))
    ranked.sort(key=lambda item: item[:3])
    return Reading(tuple(item[3] for item in ranked), tuple(not_a_code(codes, number) for number in given))


def not_a_code(codes: Codes, number: int) -> NotACode:
    """What the spec knows of a number that is no code: its ranges, and the codes nearest it."""
    digits = str(abs(number))
    ranges = tuple((platform, prefix) for platform, prefix in codes.ranges if digits.startswith(prefix))
    below, above = codes.codes_around(number, _NEAREST)
    taken_below = taken_above = 0
    nearest: list[int] = []
    while len(nearest) < _NEAREST and (taken_below < len(below) or taken_above < len(above)):
        # The closer of the two codes around the number; of two as close, the lower.
        if taken_above < len(above) and (
            taken_below == len(below) or above[taken_above] - number < number - below[taken_below]
        ):
            nearest.append(above[taken_above])
            taken_above += 1
        else:
            nearest.append(below[taken_below])
            taken_below += 1
    return NotACode(number, ranges, tuple(sorted(nearest)))


def text_at(text: str, folded: str, match: re.Match[str]) -> str:
    """The matched name as it was pasted, where folding kept the text's length (it does for names)."""
    if len(text) >= len(folded) and fold(text[match.start() : match.end()]) == match.group():
        return text[match.start() : match.end()]
    return match.group()
