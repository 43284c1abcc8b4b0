"""`errorspec explain`: the lines of a log that hold a known code, each with what the code means.

A log is read as it comes, a block at a time (what a pipe has, up to a megabyte from a file), so
that memory stays flat however long the log and `adb logcat | errorspec explain` answers each
line as it arrives. A line holds a code by the rules pasted text is read by (`pasted.RULES`): a
number after a key (`code=`, `Code=`, `"code": `, `错误码：`), or a number of at least `bareDigits`
digits standing alone. Constant names and messages are left to `lookup` and the search box: in
a log the code is what the SDK writes, and reading every word of a 100 MB log would cost more
than the log takes to read.
"""

from __future__ import annotations

import json
import os
import stat
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from errorspec.spec.pasted import BARE_DIGITS, RULES, given_as_code

if TYPE_CHECKING:
    from concurrent.futures import Future

# Bytes before a number that hold its key: the key window's characters, each up to 4 bytes of UTF-8.
_KEY_BYTES = 4 * int(RULES["keyWindow"])  # type: ignore[call-overload]
# What may not stand before a number, or after it (RULES["number"], checked where a code is found).
_BEFORE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")
_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_DIGITS = frozenset(b"0123456789")
# Every byte but an ASCII digit as a space: a piece's runs of digits are then one `split` away.
_DIGITS_ONLY = bytes(byte if byte in _DIGITS else 0x20 for byte in range(256))
BLOCK = 1 << 20
PIECE = 1 << 16
"""Bytes whose runs of digits are compared with the codes at once: a code found among them is
then looked for in those bytes only, not in the whole block."""

Held = dict[int, dict[str, str]]
"""The codes of a block, by the byte offset of the line that holds them: each with why it was read
as one (code: after a key, or the whole line; number: a long number standing alone)."""


class Scanner:
    """Finds a catalogue's codes in blocks of a log faster than a regular expression scans them:
    the runs of digits of each piece of a block (in C: translated, split, intersected with the
    codes) say which codes it may hold, and only those are looked for, as whole runs of digits,
    in that piece. A code shorter than `bareDigits` counts only after a key."""

    def __init__(self, codes: frozenset[str]) -> None:
        self.codes = codes
        self.digits = frozenset(code.lstrip("-").encode() for code in codes)

    def scan(self, raw: bytes) -> Held:
        """The codes in `raw`, a block of whole lines."""
        held: Held = {}
        start = 0
        while start < len(raw):
            end = raw.find(b"\n", start + PIECE) + 1 or len(raw)
            # The piece's digits, every other byte a space, between two spaces: a run of digits
            # at `at` in it is at `start + at - 1` in the block.
            runs = b" " + raw[start:end].translate(_DIGITS_ONLY) + b" "
            for found in self.digits.intersection(runs.split()):
                whole = b" " + found + b" "
                at = runs.find(whole)
                while at >= 0:
                    self._number(raw, start + at, found, held)
                    at = runs.find(whole, at + len(found) + 1)
            start = end
        return held

    def _number(self, raw: bytes, at: int, digits: bytes, held: Held) -> None:
        end = at + len(digits)
        if end < len(raw) and (raw[end] in _WORD or (raw[end] == 0x2E and raw[end + 1 : end + 2].isdigit())):
            return  # followed by a word or a decimal
        if at and raw[at - 1] in _BEFORE:
            return  # inside a longer number, a word or a decimal
        code = digits.decode()
        if at and raw[at - 1] == 0x2D and (at == 1 or raw[at - 2] not in _BEFORE):
            at, code = at - 1, "-" + code  # a sign, not a hyphen as in 2026-871310
        if code not in self.codes:
            return
        line = raw.rfind(b"\n", 0, at) + 1
        keyed = given_as_code(raw[max(line, at - _KEY_BYTES) : at].decode("utf-8", "replace").lower())
        if keyed:
            held.setdefault(line, {})[code] = "code"
        elif len(digits) >= BARE_DIGITS:
            held.setdefault(line, {}).setdefault(code, "number")


@dataclass(frozen=True)
class Meaning:
    """A code on one platform, as `explain` shows it: its message, and its description in the
    chosen language (or in `lang`, the language it has, where that one has none)."""

    platform: str
    title: str
    code: int
    message: str
    description: str | None
    lang: str | None


@dataclass(frozen=True)
class Explained:
    """A line of the log that holds codes: its number (from 1), its text, and each code's meanings
    on every platform that has it, with why the number was read as a code (code, number)."""

    number: int
    text: str
    codes: tuple[tuple[str, tuple[Meaning, ...]], ...]


def lines_of(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Blocks of whole lines as read, each with the number of its first line."""
    rest = b""
    first = 1
    read = getattr(stream, "read1", stream.read)
    while True:
        data = read(BLOCK)
        if not data:
            break
        data = rest + data
        end = data.rfind(b"\n") + 1
        if end == 0 and len(data) < 64 * BLOCK:  # a line longer than that is read in pieces
            rest = data
            continue
        end = end or len(data)
        raw, rest = data[:end], data[end:]
        yield first, raw
        first += raw.count(b"\n")
    if rest:
        yield first, rest


def explain(
    stream: BinaryIO,
    codes: frozenset[str],
    meanings: Callable[[str], tuple[Meaning, ...]],
    every_line: bool = False,
) -> Iterator[tuple[int, str, Explained | None]]:
    """The lines of `stream` that hold codes (with `every_line`, every line) as (its number, its
    text without the line break, what it holds or None). `codes` are the catalogue's codes in
    decimal; `meanings` gives a code's meanings."""
    for first, raw, held in _scanned(stream, codes):
        starts = _line_starts(raw) if every_line else sorted(held)
        line_number, counted = first, 0
        for start in starts:
            line_number += raw.count(b"\n", counted, start)
            counted = start
            end = raw.find(b"\n", start)
            # Bytes that are not UTF-8 are shown as U+FFFD: a log is read, never refused, for a stray byte.
            text = raw[start : end if end >= 0 else len(raw)].removesuffix(b"\r").decode("utf-8", "replace")
            codes_held = held.get(start)
            explained = None
            if codes_held:
                explained = Explained(
                    line_number, text, tuple((reason, meanings(code)) for code, reason in codes_held.items())
                )
            yield line_number, text, explained


def _scanned(stream: BinaryIO, codes: frozenset[str]) -> Iterator[tuple[int, bytes, Held]]:
    """Each block of `stream` with the codes it holds. A large file is scanned by a process per
    core, a few blocks ahead of the one being printed; a pipe block by block as it comes, so
    that a line is explained as soon as it arrives."""
    try:
        size = os.fstat(stream.fileno()).st_size if stat.S_ISREG(os.fstat(stream.fileno()).st_mode) else 0
    except (AttributeError, OSError, ValueError):  # not a file of the system's (a test's BytesIO)
        size = 0
    workers = min(os.cpu_count() or 1, 4)
    if size < 8 * BLOCK or workers < 2:
        scanner = Scanner(codes)
        for first, raw in lines_of(stream):
            yield first, raw, scanner.scan(raw)
        return
    # Imported here: most logs are read by one process, and `lookup` imports this module too.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(codes,)) as pool:
        ahead: deque[tuple[int, bytes, Future[Held]]] = deque()
        for first, raw in lines_of(stream):
            ahead.append((first, raw, pool.submit(_scan_in_worker, raw)))
            if len(ahead) > 2 * workers:
                first, raw, held = ahead.popleft()
                yield first, raw, held.result()
        while ahead:
            first, raw, held = ahead.popleft()
            yield first, raw, held.result()


_worker_scanner: Scanner | None = None


def _start_worker(codes: frozenset[str]) -> None:
    global _worker_scanner  # one Scanner per worker process, made once
    _worker_scanner = Scanner(codes)


def _scan_in_worker(raw: bytes) -> Held:
    assert _worker_scanner is not None
    return _worker_scanner.scan(raw)


def _line_starts(raw: bytes) -> Iterator[int]:
    start = 0
    while start < len(raw):
        yield start
        end = raw.find(b"\n", start)
        if end < 0:
            return
        start = end + 1


def format_explained(log: str, explained: Explained, output_format: str, inline: bool, lang: str) -> str:
    """A line that holds codes as `explain` prints it: as JSON, one object; as text, the line (after
    its log's name and number, unless every line is printed as it is) and under it each meaning,
    its description marked with its language where it is not in `lang`."""
    if output_format == "json":
        codes = [
            {"matched": reason, **{key: getattr(meaning, key) for key in Meaning.__dataclass_fields__}}
            for reason, meanings in explained.codes
            for meaning in meanings
        ]
        return json.dumps(
            {"log": log, "line": explained.number, "text": explained.text, "codes": codes}, ensure_ascii=False
        )
    lines = [explained.text if inline else f"{log}:{explained.number}: {explained.text}"]
    for _, meanings in explained.codes:
        for meaning in meanings:
            description = meaning.description or "(no description)"
            if meaning.description and meaning.lang != lang:
                description = f"({meaning.lang}) {description}"
            lines.append(f"    -> {meaning.code} {meaning.title}: {meaning.message or '(no message)'} | {description}")
    return "\n".join(lines)
