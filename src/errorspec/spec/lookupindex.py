"""The lookup index: a spec's entries in one SQLite file beside it, so that `errorspec lookup`
answers without reading and validating every platform file (seconds at 100,000 codes).

`<spec>/.errorspec-cache/lookup.sqlite` is a cache, never committed: its folder holds a
`.gitignore` of its own. It answers only while the manifest and every platform file have the
bytes it was built from, and errorspec is the one that built it. Each lookup reads and hashes
(SHA-256) the files again, but for those that had settled when they were indexed and whose
status (size, times, inode) is still the same (see `_unchanged`). Otherwise, or when the index
is missing or damaged, the spec is read and validated as every command reads it (an invalid
spec stops with the same messages), indexed from the very bytes that were hashed, and the new
index is written to a temporary file and moved into place. Where the folder cannot be written
the index lives in memory for that one lookup. The file is data, never code: SQLite, opened
read-only, with its schema untrusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from errorspec.spec.explain import Meaning
from errorspec.spec.fileset import finish_interrupted_write
from errorspec.spec.fingerprint import CACHE_FOLDER, errorspec_fingerprint
from errorspec.spec.lookup import Answer, NoCode, Query, haystack, wanted_words
from errorspec.spec.pasted import MAX_CODE_DIGITS, KnownMessage, matched_words, not_a_code, read

if TYPE_CHECKING:
    from errorspec.model import Entry, PlatformSpec, Spec

INDEX_FILE = "lookup.sqlite"

# Words matched in SQL; any more (a pasted paragraph) are matched in Python on what SQL found.
_SQL_WORDS = 16
# Trigrams asked of the table of trigrams, at most: each one asked costs the reading of the
# rows that hold it, and a few leave few rows for `instr` to check.
_TRIGRAMS_ASKED = 16

# A file last changed this long before it was read for the index has settled: a write after the
# reading would give it another change time, even where file times are as coarse as two seconds.
_SETTLED_AFTER_NS = 3 * 10**9

_TABLES = """
CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (file TEXT PRIMARY KEY, sha256 TEXT NOT NULL, stat TEXT NOT NULL, settled INTEGER NOT NULL);
CREATE TABLE entries (
    position INTEGER PRIMARY KEY, code TEXT NOT NULL, platform TEXT NOT NULL,
    haystack BLOB NOT NULL, answer TEXT NOT NULL
);
CREATE TABLE codes (code INTEGER PRIMARY KEY);
CREATE TABLE constants (name BLOB NOT NULL, folded BLOB NOT NULL, position INTEGER NOT NULL);
CREATE TABLE messages (
    rarest TEXT NOT NULL, next TEXT NOT NULL, message TEXT NOT NULL, words TEXT NOT NULL, positions TEXT NOT NULL
);
CREATE TABLE keys (word TEXT PRIMARY KEY, head TEXT NOT NULL) WITHOUT ROWID;
"""
# Made once the rows are in: faster than keeping them up to date row by row.
_INDEXES = """
CREATE INDEX entries_by_code ON entries (code);
CREATE INDEX constants_by_name ON constants (name);
CREATE INDEX constants_by_folded ON constants (folded);
CREATE INDEX messages_by_keys ON messages (rarest, next);
CREATE INDEX keys_by_head ON keys (head);
"""
# The haystacks' trigrams, for the rows that may hold a word of three characters or more
# (`instr` has the last word). Case is folded before: the table need not fold it again.
_TRIGRAM_TABLE = """
CREATE VIRTUAL TABLE haystacks USING fts5(
    haystack, tokenize = 'trigram case_sensitive 1', content = '', detail = 'none', columnsize = 0
)
"""


@dataclass(frozen=True)
class Found:
    """The spec's languages, and the answers to a query: in the spec's order, or for a pasted
    text best first; the numbers given as codes that are none; and whether the answers are
    those of a search for the argument's words, since nothing else matched it."""

    languages: tuple[str, ...]
    answers: list[Answer]
    no_codes: tuple[NoCode, ...] = ()
    by_words: bool = False


def look_up(spec_dir: Path, query: Query) -> Found:
    """The answers to `query` from the spec in `spec_dir`: from its index when that is up to
    date, else from the spec itself, indexed again. An invalid spec raises `SpecInvalid` or
    `InputError`, as loading it does."""
    finish_interrupted_write(spec_dir)  # as `load_spec` does first: an import stopped halfway is completed
    cached = _open(spec_dir)
    if cached is not None:
        connection, languages = cached
        with contextlib.closing(connection):
            try:
                return _found(connection, languages, query)
            except (sqlite3.Error, KeyError, TypeError, ValueError):
                pass  # damaged beyond the pages read to check it: built again below
    connection, languages = _build(spec_dir)
    with contextlib.closing(connection):
        return _found(connection, languages, query)


def _found(connection: sqlite3.Connection, languages: tuple[str, ...], query: Query) -> Found:
    if query.pasted is not None:
        answers, no_codes = _read_pasted(connection, query.pasted, query.words)
    else:
        answers, no_codes = _answers(connection, query), ()
        for reason, text in (("code", query.code), ("constant", query.constant)):
            if text is not None:
                answers = [replace(answer, matched=((reason, text),)) for answer in answers]
        if not answers and query.code is not None and len(query.code.lstrip("-")) <= MAX_CODE_DIGITS:
            no_codes = (_no_code(connection, _IndexedCodes.of(connection), int(query.code)),)
    argument = query.pasted if query.pasted is not None else query.constant
    if answers or no_codes or argument is None:
        return Found(languages, answers, no_codes)
    # Neither a code, a name nor a message: the argument's words, as -s would find them.
    words = Query(words=(*argument.split(), *query.words))
    return Found(languages, _answers(connection, words), by_words=True)


@dataclass(frozen=True)
class _IndexedCodes:
    """What a paste is read against (`pasted.Codes`), asked of the index only as far as the
    paste needs: loading and indexing every entry and message takes a second at 100,000 codes."""

    connection: sqlite3.Connection
    ranges: Sequence[tuple[str, str]]

    @classmethod
    def of(cls, connection: sqlite3.Connection) -> _IndexedCodes:
        return cls(connection, [(platform, prefix) for platform, _, prefix, _ in _about_json(connection, "ranges")])

    def positions(self, code: int) -> list[int]:
        rows = self.connection.execute("SELECT position FROM entries WHERE code = ? ORDER BY position", (str(code),))
        return [position for (position,) in rows]

    def named(self, name: str) -> list[int]:
        # The name's case folded, then lowered as pasted names are: lower case and case folded
        # differ only in letters whose lower case is not ASCII, as no name read from a paste is.
        rows = self.connection.execute(
            "SELECT name, position FROM constants WHERE folded = ? ORDER BY position", (_key(name),)
        )
        return [position for constant, position in rows if constant.decode("utf-8", "surrogatepass").lower() == name]

    def messages_in(self, folded: str) -> list[KnownMessage]:
        # Each message is kept under its two rarest words, its keys, and each key under its first
        # three characters, its head: the text holds a key only where it holds its head.
        heads = {folded[start : start + size] for size in (1, 2, 3) for start in range(len(folded))}
        query = "SELECT word FROM keys WHERE head IN (SELECT value FROM json_each(?))"
        keys = [word for (word,) in self.connection.execute(query, (json.dumps(list(heads)),)) if word in folded]
        held = "(SELECT value FROM json_each(?1))"
        query = f"SELECT message, words, positions FROM messages WHERE rarest IN {held} AND next IN {held}"
        rows = self.connection.execute(f"{query} ORDER BY rowid", (json.dumps(keys),))
        return [
            KnownMessage(message, tuple(words.split()), [int(position) for position in positions.split()])
            for message, words, positions in rows
        ]

    def entry(self, position: int) -> tuple[str, int]:
        platform, code = self.connection.execute(
            "SELECT platform, code FROM entries WHERE position = ?", (position,)
        ).fetchone()
        return platform, int(code)

    def codes_around(self, number: int, count: int) -> tuple[list[int], list[int]]:
        below = "SELECT code FROM codes WHERE code < ? ORDER BY code DESC LIMIT ?"
        above = "SELECT code FROM codes WHERE code >= ? ORDER BY code LIMIT ?"
        codes_below = [code for (code,) in self.connection.execute(below, (number, count))]
        return codes_below, [code for (code,) in self.connection.execute(above, (number, count))]


def _about_json(connection: sqlite3.Connection, key: str) -> Any:
    row = connection.execute("SELECT value FROM about WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0])


def _read_pasted(
    connection: sqlite3.Connection, text: str, words: tuple[str, ...]
) -> tuple[list[Answer], tuple[NoCode, ...]]:
    """The codes `text` holds, best first, that have every one of `words`; and the numbers it
    gives as codes that are none."""
    codes = _IndexedCodes.of(connection)
    reading = read(codes, text)
    wanted = [_key(word) for word in wanted_words(words)]
    answers = []
    for match in reading.matches:
        row = connection.execute(
            "SELECT haystack, answer FROM entries WHERE code = ? AND platform = ? ORDER BY position LIMIT 1",
            (str(match.code), match.platform),
        ).fetchone()
        if all(word in row[0] for word in wanted):
            answers.append(Answer(*json.loads(row[1]), matched=match.reasons))
    return answers, tuple(_no_code(connection, codes, item.number) for item in reading.not_codes)


def _no_code(connection: sqlite3.Connection, codes: _IndexedCodes, number: int) -> NoCode:
    titles: dict[str, str] = _about_json(connection, "titles")
    placed = not_a_code(codes, number)
    ranges = tuple(
        (title, prefix, description)
        for platform, title, prefix, description in _about_json(connection, "ranges")
        if (platform, prefix) in placed.ranges
    )
    nearest = []
    for code in placed.nearest:
        rows = connection.execute("SELECT platform FROM entries WHERE code = ? ORDER BY position", (str(code),))
        nearest.append((code, tuple(titles[platform] for (platform,) in rows)))
    return NoCode(number, ranges, tuple(nearest))


def _key(text: str) -> bytes:
    # UTF-8 bytes, compared byte for byte: the same matches as Python's `in` and `==` on text,
    # even for a lone surrogate (a word from a command line that is not UTF-8).
    return text.encode("utf-8", "surrogatepass")


def _answers(connection: sqlite3.Connection, query: Query) -> list[Answer]:
    wanted = [_key(word) for word in dict.fromkeys(wanted_words(query.words))]
    if query.code is not None:
        condition, parameters = "code = ?", [query.code]
    elif query.constant is not None:
        # The SDKs' exact name, else the name ignoring case (`kjmsgerrorsdkusernotlogin`).
        name = _key(query.constant)
        exact = connection.execute("SELECT 1 FROM constants WHERE name = ? LIMIT 1", (name,)).fetchone()
        column, key = ("name", name) if exact else ("folded", _key(query.constant.casefold()))
        condition, parameters = f"position IN (SELECT position FROM constants WHERE {column} = ?)", [key]
    elif wanted:
        trigrams = _trigrams(wanted)
        if trigrams and _has_trigram_table(connection):
            condition, parameters = "position IN (SELECT rowid FROM haystacks WHERE haystacks MATCH ?)", [trigrams]
        else:
            condition, parameters = "1", []
    else:
        return []
    in_sql, in_python = wanted[:_SQL_WORDS], wanted[_SQL_WORDS:]
    conditions = " AND ".join([condition, *["instr(haystack, ?) > 0"] * len(in_sql)])
    rows = connection.execute(
        f"SELECT haystack, answer FROM entries WHERE {conditions} ORDER BY position", [*parameters, *in_sql]
    )
    return [Answer(*json.loads(answer)) for text, answer in rows if all(word in text for word in in_python)]


def _trigrams(words: list[bytes]) -> str | None:
    """A query of the haystacks' trigrams for rows holding the first and the last trigram of
    each of `words` that has any: those of three characters or more, in UTF-8 (a lone surrogate
    is in no trigram). Asking every trigram of a word leaves hardly fewer rows, at twice the time."""
    trigrams: dict[str, None] = {}
    for word in words:
        with contextlib.suppress(UnicodeDecodeError):
            text = word.decode("utf-8")
            if len(text) >= 3:
                trigrams.update({text[:3]: None, text[-3:]: None})
    asked = list(trigrams)[:_TRIGRAMS_ASKED]
    return " AND ".join('"' + trigram.replace('"', '""') + '"' for trigram in asked) or None


def _has_trigram_table(connection: sqlite3.Connection) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'haystacks'"
    return connection.execute(query).fetchone() is not None


@contextlib.contextmanager
def code_book(spec_dir: Path, lang: str | None) -> Iterator[CodeBook]:
    """The spec's codes and their meanings for `explain`, from the index (built if it is not up
    to date); descriptions in `lang`, by default the spec's first language."""
    finish_interrupted_write(spec_dir)
    connection, languages = _open(spec_dir) or _build(spec_dir)
    with contextlib.closing(connection):
        codes = frozenset(code for (code,) in connection.execute("SELECT DISTINCT code FROM entries"))
        yield CodeBook(connection, languages, lang or languages[0], codes)


@dataclass
class CodeBook:
    """The codes of a spec, and each one's meanings, read from its index once asked for."""

    connection: sqlite3.Connection
    languages: tuple[str, ...]
    lang: str
    codes: frozenset[str]

    def __post_init__(self) -> None:
        self._meanings: dict[str, tuple[Meaning, ...]] = {}

    def meanings(self, code: str) -> tuple[Meaning, ...]:
        if code not in self._meanings:
            rows = self.connection.execute("SELECT answer FROM entries WHERE code = ? ORDER BY position", (code,))
            self._meanings[code] = tuple(self._meaning(*json.loads(answer)) for (answer,) in rows)
        return self._meanings[code]

    def _meaning(self, title: str, data: dict[str, Any]) -> Meaning:
        descriptions = data["description"]
        lang = next((lang for lang in (self.lang, *self.languages) if descriptions.get(lang)), None)
        return Meaning(data["platform"], title, data["code"], data["message"], descriptions.get(lang), lang)


# -- an index on disk, and whether it is up to date ---------------------------------------------


def _open_file(path: Path) -> tuple[BinaryIO, os.stat_result]:
    """The regular file at `path`, open for reading, and its status; anything else (a pipe,
    whose reading would wait for a writer; a folder) raises OSError."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    metadata = os.fstat(descriptor)
    if not stat.S_ISREG(metadata.st_mode):
        os.close(descriptor)
        raise OSError(f"{path} is not a regular file")
    return os.fdopen(descriptor, "rb"), metadata


def _digest(path: Path) -> str | None:
    try:
        stream, _ = _open_file(path)
        with stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _status(metadata: os.stat_result) -> str:
    """What a write to the file changes: its size, its times (the change time included, which
    no one can set), and its inode, which a file replaced by another has not."""
    return f"{metadata.st_dev} {metadata.st_ino} {metadata.st_size} {metadata.st_mtime_ns} {metadata.st_ctime_ns}"


def _unchanged(spec_dir: Path, sources: list[tuple[str, str, str, int]]) -> bool:
    """Whether every file an index was built from has the bytes it had then.

    A file that had settled when it was read and has the same status now is unchanged: a write
    since would have changed its change time. Any other file is read and hashed again.
    """
    for file, digest, status, settled in sources:
        path = spec_dir / file
        if os.path.basename(file) != file:  # a name in the spec folder, or not errorspec's index
            return False
        try:
            current = _status(os.stat(path))
        except OSError:
            return False
        if not (settled and current == status) and _digest(path) != digest:
            return False
    return bool(sources)


def _open(spec_dir: Path) -> tuple[sqlite3.Connection, tuple[str, ...]] | None:
    """The index of `spec_dir` and the spec's languages, if it is there, readable and up to date."""
    path = (spec_dir / CACHE_FOLDER / INDEX_FILE).absolute()
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        about = dict(connection.execute("SELECT key, value FROM about"))
        sources = connection.execute("SELECT file, sha256, stat, settled FROM sources").fetchall()
        if about.get("errorspec") == errorspec_fingerprint() and _unchanged(spec_dir, sources):
            return connection, tuple(json.loads(about["languages"]))
    except (sqlite3.Error, KeyError, TypeError, ValueError):
        pass  # not an index of this errorspec's making: built again
    connection.close()
    return None


# -- building an index ---------------------------------------------------------------------------


class _Unreadable(Exception):
    """A spec file that cannot be read as UTF-8 text: the loaders every command uses report it."""


def _read_spec(spec_dir: Path) -> tuple[Spec, dict[str, tuple[str, str, bool]] | None]:
    """The spec, read and validated as `load_spec` does, and for each file it was read from,
    by name: the SHA-256 of its bytes, its status, and whether it had settled.

    The digests are of the very bytes that were parsed, so no edit while reading, even one
    undone at once, can leave an index that matches files it does not hold. A file that cannot
    be read as text is left to `load_manifest` and `load_spec`, for their message; the spec is
    then not indexed on disk (None for the files).
    """
    # Imported here: reading and validating YAML is what a lookup answered by the index skips.
    from errorspec.sources.manifest import MANIFEST_NAME, load_manifest, manifest_from_data
    from errorspec.spec.specfiles import load_spec, read_spec
    from errorspec.spec.yamlio import parse_yaml

    sources = {}

    def read(file_name: str) -> str:
        try:
            read_at = time.time_ns()
            stream, metadata = _open_file(spec_dir / file_name)
            with stream:
                data = stream.read()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            raise _Unreadable from None
        # Where the change time is the file's creation time (Windows), no status shows a write.
        settled = os.name == "posix" and metadata.st_ctime_ns < read_at - _SETTLED_AFTER_NS
        sources[file_name] = (hashlib.sha256(data).hexdigest(), _status(metadata), settled)
        return text.replace("\r\n", "\n").replace("\r", "\n")  # as `read_text` gives every file

    manifest_name = f"{spec_dir.name}/{MANIFEST_NAME}"
    try:
        manifest = manifest_from_data(parse_yaml(read(MANIFEST_NAME), manifest_name), manifest_name)
        return read_spec(manifest, read, spec_dir.name), sources
    except _Unreadable:
        return load_spec(spec_dir, load_manifest(spec_dir)), None


def _build(spec_dir: Path) -> tuple[sqlite3.Connection, tuple[str, ...]]:
    """An index of the spec, saved beside it where the folder can be written, else in memory."""
    spec, sources = _read_spec(spec_dir)
    if sources is not None:
        with contextlib.suppress(OSError, sqlite3.Error):
            return _saved(spec_dir, spec, sources), spec.language_ids
    connection = sqlite3.connect(":memory:")
    _fill(connection, spec, {})
    return connection, spec.language_ids


def _saved(spec_dir: Path, spec: Spec, sources: dict[str, tuple[str, str, bool]]) -> sqlite3.Connection:
    """The index written whole to a temporary file, moved into place, and opened read-only."""
    folder = spec_dir / CACHE_FOLDER
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# errorspec's lookup index: a cache of the spec, rebuilt when needed\n*\n", encoding="utf-8")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{INDEX_FILE}.", suffix=".tmp")
    os.close(handle)
    try:
        # Readable as a file written any other way is (mkstemp's is its owner's only): whoever
        # shares the spec folder shares its index, rather than each rebuilding it in turn.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            _fill(connection, spec, sources)
        os.replace(temporary, folder / INDEX_FILE)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return sqlite3.connect(f"{(folder / INDEX_FILE).absolute().as_uri()}?mode=ro", uri=True)


def _fill(connection: sqlite3.Connection, spec: Spec, sources: dict[str, tuple[str, str, bool]]) -> None:
    # Imported here: export's module brings what a lookup answered by the index never needs.
    from errorspec.spec.export import entry_data

    def entries() -> Iterator[tuple[int, str, str, bytes, str]]:
        for position, (platform, entry) in enumerate(_entries(spec)):
            # ASCII JSON: any text the spec holds is stored, a lone surrogate included.
            answer = json.dumps([platform.name, entry_data(platform, entry, spec.language_ids)])
            yield position, str(entry.code), platform.platform, _key(haystack(entry)), answer

    def constants() -> Iterator[tuple[bytes, bytes, int]]:
        for position, (_, entry) in enumerate(_entries(spec)):
            for constant in entry.constants:
                yield _key(constant.name), _key(constant.name.casefold()), position

    connection.execute("PRAGMA journal_mode = OFF")  # a new file, moved into place only once whole
    connection.executescript(_TABLES)
    ranges = [
        [platform.platform, platform.name, code_range.prefix, code_range.description]
        for platform in spec.platforms
        for code_range in platform.ranges
    ]
    about = {
        "errorspec": errorspec_fingerprint(),
        "languages": json.dumps(spec.language_ids),
        "titles": json.dumps({platform.platform: platform.name for platform in spec.platforms}),
        "ranges": json.dumps(ranges),
    }
    connection.executemany("INSERT INTO about VALUES (?, ?)", about.items())
    connection.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)", [(file, *read) for file, read in sources.items()])
    connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", entries())
    codes = sorted({entry.code for _, entry in _entries(spec)})
    connection.executemany("INSERT INTO codes VALUES (?)", ((code,) for code in codes))
    connection.executemany("INSERT INTO constants VALUES (?, ?, ?)", constants())
    messages = list(_messages(spec))
    connection.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?)", messages)
    keys = sorted({key for message in messages for key in message[:2]})
    connection.executemany("INSERT INTO keys VALUES (?, ?)", ((key, key[:3]) for key in keys))
    connection.executescript(_INDEXES)
    # Best effort: an SQLite without FTS5's trigrams leaves words to be found by `instr` alone.
    with contextlib.suppress(sqlite3.OperationalError):
        connection.execute(_TRIGRAM_TABLE)
        connection.execute("INSERT INTO haystacks (rowid, haystack) SELECT position, haystack FROM entries")
    connection.commit()


def _messages(spec: Spec) -> Iterator[tuple[str, str, str, str, str]]:
    """Each message as a paste is matched against it, where it has words to match: the two
    words it is found by (its rarest, and the next: the text holds both least often), its text,
    its words, and the positions of its entries; joined by spaces, which no word holds."""
    by_message: dict[str, list[int]] = {}
    for position, (_, entry) in enumerate(_entries(spec)):
        if entry.message:
            by_message.setdefault(entry.message, []).append(position)
    words = {message: matched_words(message) for message in by_message}
    holding = Counter(word for message_words in words.values() for word in message_words)
    for message, positions in by_message.items():
        if words[message]:
            # The words the fewest messages hold, of those the longest.
            rarest, *rest = sorted(words[message], key=lambda word: (holding[word], -len(word), word))
            next_rarest = rest[0] if rest else rarest
            yield rarest, next_rarest, message, " ".join(words[message]), " ".join(map(str, positions))


def _entries(spec: Spec) -> Iterator[tuple[PlatformSpec, Entry]]:
    return ((platform, entry) for platform in spec.platforms for entry in platform.entries)
