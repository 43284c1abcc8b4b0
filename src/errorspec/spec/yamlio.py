"""YAML in and out: loading that knows each value's line, and canonical dumping."""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from errorspec.model import InputError

JsonPath = tuple[str | int, ...]

# libyaml's parser when PyYAML has it (its wheels do): ten times faster, with the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: How deeply errorspec's files may nest lists and mappings. A platform file nests six deep (a
#: finding's source in an entry's findings); deeper is a mistake or an attack, and past some
#: thousands of levels a reader that recurses crashes.
MAX_DEPTH = 32

# YAML's own tags for what errorspec's files hold; any other tag (`!!python/object`, `!custom`)
# would be dropped silently by yaml-rs, so it is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "seq", "map")}

# A line that starts with this many columns of indentation and block indicators (`- - - x`) may
# nest deeper than MAX_DEPTH (a level of block nesting takes a column, or two levels share one),
# and yaml-rs, which recurses, crashes the process at some tens of thousands of levels; it
# refuses deep flow nesting (`[[[...]]]`) itself.
_DEEP_INDENTATION = re.compile(r"\n[ \t?:-]{40}")


class LocatedData:
    """Data loaded from a YAML file, and the line of every mapping value and list item.

    The lines are found only when asked for (an error to report): reading is the fast path.
    """

    def __init__(self, data: Any, text: str, name: str, lines: dict[JsonPath, int] | None = None) -> None:
        self.data = data
        self._text = text
        self._name = name
        self._lines = lines

    @property
    def lines(self) -> dict[JsonPath, int]:
        if self._lines is None:
            try:
                self._lines = _read_events(self._text, self._name)
            except InputError:  # text only YAML 1.2 reads: no line to give
                self._lines = {}
        return self._lines

    def line_of(self, path: JsonPath) -> int | None:
        """The line of the value at `path`, or of its nearest located parent."""
        return _line_of(self.lines, path)


def _line_of(lines: dict[JsonPath, int], path: JsonPath) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


def not_utf8(name: str, error: UnicodeDecodeError) -> InputError:
    """The error for a file of `name` whose bytes are not UTF-8, naming the line of the first bad byte."""
    line = error.object.count(b"\n", 0, error.start) + 1
    byte = error.object[error.start]
    return InputError(name, line, f"not UTF-8 text (byte 0x{byte:02X}: {error.reason}): save the file as UTF-8")


# A spec file of 100,000 codes is about 40 MB: four times that is no spec file.
SPEC_FILE_LIMIT = 160 * 1024 * 1024


def read_text(path: Path, name: str) -> str:
    """A file's text, lines ending in `\\n`; a file that is not there, a folder, unreadable or not
    UTF-8 raises `InputError` naming `name`. Only a regular file of its own folder is read, and
    only once its size is known: a FIFO would wait forever, `/dev/zero` never ends, and a
    symbolic link out of the folder would show another file's text in an error message."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InputError(name, None, "a folder where a file should be: move it away")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(name, None, "not a regular file (a FIFO, a socket or a device): errorspec reads files")
        if status.st_size > SPEC_FILE_LIMIT:
            too_big = f"{status.st_size:,} bytes, more than a spec file may be ({SPEC_FILE_LIMIT:,})"
            raise InputError(name, None, too_big)
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            raise InputError(name, None, "a symbolic link that leads out of its folder: copy the file in instead")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, None, "file not found") from None
    except OSError as error:
        raise InputError(name, None, f"cannot be read ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise not_utf8(name, error) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(path: Path, name: str) -> LocatedData:
    """Load one YAML document; bad YAML and duplicate keys raise `InputError` naming `name`."""
    return parse_yaml(read_text(path, name), name)


def parse_yaml(text: str, name: str) -> LocatedData:
    """One YAML 1.2 document of plain data (yaml-rs: a spec of 25,000 codes reads in a fraction
    of a second), or an `InputError` naming the line and the problem.

    Plain data is text, whole numbers, true/false and null, in lists and mappings keyed by text,
    nested at most MAX_DEPTH deep. Refused: several documents, duplicate keys, tags other than
    YAML's own, fractional numbers (no field of errorspec's holds one: `871101.0` is a typo for
    a code), and aliases (`*name`), which errorspec never writes and which could expand a small
    file beyond any memory. A byte-order mark at the start is no content and is skipped.
    """
    # Imported here: a build whose spec is cached (spec/speccache.py) never parses YAML, and
    # yaml-rs' library weighs 5 MiB of memory.
    import yaml_rs

    text = text.removeprefix("\ufeff")
    lines = _read_events(text, name) if _may_hold_more_than_plain_data(text) else None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as error:
        _read_events(text, name)  # raises PyYAML's account of the problem, when it sees one
        message = str(error).splitlines()
        line = re.search(r"line (\d+)", message[0]) if message else None
        problem = message[-1].strip() if message else "invalid YAML"
        raise InputError(name, int(line.group(1)) if line else None, f"invalid YAML: {problem}") from None
    except TypeError:  # yaml-rs makes no key of a collection that holds a list (`{a: [1]}: v`)
        keys = [line for path, line in _read_events(text, name).items() if _COLLECTION_KEY in path]
        raise InputError(name, min(keys, default=None), _COLLECTION_KEY_PROBLEM) from None
    odd = _first_odd_value(data)
    if odd is not None:
        path, problem = odd
        raise InputError(name, _line_of(_read_events(text, name) if lines is None else lines, path), problem)
    return LocatedData(data, text, name, lines)


def _may_hold_more_than_plain_data(text: str) -> bool:
    """Whether the text may hold a directive, several documents, a tag, an anchor or an alias,
    or block nesting deep enough to crash yaml-rs: quick, and sure to say yes to each of them;
    `_read_events` then judges."""
    if text.startswith(("%", "---", "...")) or any(marker in text for marker in ("\n%", "\n---", "\n...")):
        return True
    for mark in "!&*":  # where a node starts: after a space, a line break or a flow indicator
        start = text.find(mark)
        while start != -1:
            if start == 0 or text[start - 1] in " \t\r\n[{,:":
                return True
            start = text.find(mark, start + 1)
    return _DEEP_INDENTATION.search("\n" + text) is not None


@dataclass
class _Collection:
    """A list or mapping being read: where it is, and where its next item goes."""

    path: JsonPath
    mapping: bool
    index: int = 0
    key: str | None = None  # a mapping's key whose value comes next; None: a key comes next
    first_lines: dict[str, int] = field(default_factory=dict)


def _read_events(text: str, name: str) -> dict[JsonPath, int]:
    """The line of every value, read event by event with PyYAML: nothing is built, expanded or
    recursed into. Raises `InputError` for invalid YAML and for what `parse_yaml` refuses but
    fractional numbers (several documents, duplicate keys, tags, aliases, deep nesting)."""
    lines: dict[JsonPath, int] = {}
    open_collections: list[_Collection] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise InputError(name, line, "expected one YAML document, found several")
            elif isinstance(event, yaml.AliasEvent):
                raise InputError(
                    name, line, f"alias *{event.anchor}: errorspec's files hold no aliases; write the value out here"
                )
            elif isinstance(event, yaml.CollectionEndEvent):
                open_collections.pop()
            elif isinstance(event, yaml.NodeEvent):
                if event.tag is not None and event.tag not in _PLAIN_TAGS:
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
                    raise InputError(name, line, f"unknown tag {tag}: errorspec's files hold plain values; remove it")
                path = _place(open_collections, event, line, name)
                if path is not None:
                    lines.setdefault(path, line)  # a key that is a list or mapping shares its path with its value
                if isinstance(event, yaml.CollectionStartEvent):
                    if len(open_collections) == MAX_DEPTH:
                        raise InputError(name, line, f"nested more than {MAX_DEPTH} levels deep")
                    open_collections.append(_Collection(path, isinstance(event, yaml.MappingStartEvent)))
    except yaml.reader.ReaderError as error:  # a character YAML does not allow (NUL, most control characters)
        line = text.count("\n", 0, error.position) + 1
        raise InputError(name, line, f"invalid YAML: character #x{error.character:04X} is not allowed") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = f"invalid YAML: {error.problem or error.context}"
        if error.context and error.context_mark and error.problem_mark:
            problem += f" ({error.context} at line {error.context_mark.line + 1})"
        raise InputError(name, mark.line + 1 if mark else None, problem) from None
    return lines


_COLLECTION_KEY = "<key>"  # in a path, where a list or mapping is a key
_COLLECTION_KEY_PROBLEM = "a key is a list or a mapping, not text: write it in quotes"


def _place(open_collections: list[_Collection], event: yaml.NodeEvent, line: int, name: str) -> JsonPath | None:
    """Where a node goes in the collection open around it; None for a mapping's key, which is
    checked for a duplicate."""
    if not open_collections:
        return ()
    parent = open_collections[-1]
    if not parent.mapping:
        parent.index += 1
        return (*parent.path, parent.index - 1)
    if parent.key is not None:
        path, parent.key = (*parent.path, parent.key), None
        return path
    if not isinstance(event, yaml.ScalarEvent):  # a list or mapping as a key (`? [a, b]`): refused later
        parent.key = _COLLECTION_KEY
        return (*parent.path, _COLLECTION_KEY)
    if event.value in parent.first_lines:
        raise InputError(name, line, f"duplicate key '{event.value}' (first at line {parent.first_lines[event.value]})")
    parent.first_lines[event.value] = line
    parent.key = event.value
    return None


def _first_odd_value(data: Any) -> tuple[JsonPath, str] | None:
    """Where `data` first holds what `parse_yaml` refuses once yaml-rs has read it: a key that
    is not text, a fractional number, nesting deeper than MAX_DEPTH; and the problem."""
    # A collection waits as (itself, its depth, its key in its parent, its parent's record): a
    # path is put together only for a problem, since a tuple per collection doubles the time.
    pending: list[tuple[Any, int, str | int | None, Any]] = [(data, 1, None, None)]
    while pending:
        record = pending.pop()
        value, depth = record[0], record[1]
        if type(value) is dict:
            items: Any = value.items()
        elif type(value) is list:
            items = enumerate(value)
        else:
            continue
        if depth > MAX_DEPTH:
            return _path(record), f"nested more than {MAX_DEPTH} levels deep"
        for key, item in items:
            if type(key) is not str and type(value) is dict:
                if isinstance(key, tuple | frozenset):  # how yaml-rs makes a list or mapping a key
                    return (*_path(record), _COLLECTION_KEY), _COLLECTION_KEY_PROBLEM
                shown = json.dumps(key, ensure_ascii=False, default=str)
                return (*_path(record), shown), f'the key {shown} is not text: write it in quotes ("{shown}")'
            if type(item) is dict or type(item) is list:
                pending.append((item, depth + 1, key, record))
            elif type(item) is float:
                return (*_path(record), key), (
                    f"{item} is not a whole number: write codes and lines without a decimal point or "
                    "exponent, and quote text that looks like a number"
                )
    return None


def _path(record: tuple[Any, int, str | int | None, Any]) -> JsonPath:
    keys: list[str | int] = []
    while record[3] is not None:
        keys.append(record[2])
        record = record[3]
    return tuple(reversed(keys))


class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (`{file: x, line: 3}`), for small records."""


class _CanonicalDumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no line wrapping, multi-line text as `|`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


# Text that YAML 1.2 (yaml-rs, which reads the files back) takes for a number, and PyYAML, which
# writes them by YAML 1.1's rules, would leave unquoted: `6e370217` (a hash), `0o17`.
_YAML12_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+")


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else "'" if _YAML12_NUMBER.fullmatch(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_flow(dumper: yaml.SafeDumper, mapping: Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=True)


_CanonicalDumper.add_representer(str, _represent_str)
_CanonicalDumper.add_representer(Flow, _represent_flow)


def dump_yaml(data: Any, header: str = "") -> str:
    """The one way errorspec writes YAML: same data, same bytes."""
    body: str = yaml.dump(
        data,
        Dumper=_CanonicalDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=float("inf"),
        indent=2,
    )
    return header + body
