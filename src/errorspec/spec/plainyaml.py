"""YAML read without a native library of errorspec's own: the events of PyYAML's C parser
(libyaml, which MkDocs has loaded already) made into plain data, exactly as yaml-rs reads it.

This is the first build's way to read a valid spec (spec/speccache.py): yaml-rs' library takes
5 MiB of memory and its tree of a file tens more, where this builds the file's data alone. It
reads only what it is sure yaml-rs reads the same (the differential tests hold it to that), and
says so: for anything else (what `parse_yaml` refuses, a tag, a number it does not know, text
that is not YAML) it gives None, and the spec is read by `parse_yaml`, with its messages.

Scalars are resolved by YAML 1.2's core schema, as yaml-rs does: `null`, `Null`, `NULL`, `~` and
nothing are null, `true`/`True`/`TRUE` and `false`/`False`/`FALSE` booleans, digits with an
optional sign whole numbers; `yes`, `on` and the like are text. yaml-rs reads more as numbers
(`0o17`, `0x1F`, `1_000`, `_1`, `1e5`, `.inf`): a plain scalar that might be one of those is
left to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from errorspec.spec.schema import is_valid
from errorspec.spec.yamlio import MAX_DEPTH

_RESOLVED: dict[str, bool | None] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]{1,18}")  # 18 digits: well inside yaml-rs' 64-bit integers
# How each of yaml-rs' numbers starts, and what it is made of: a plain scalar of that shape that
# is no plain whole number is not sure to be text.
_NUMBER_START = frozenset("0123456789+-._")
_NUMBER_LIKE = re.compile(r"[0-9A-Za-z+\-._]+")
# Characters the two parsers take differently: a tab after `:` (yaml-rs refuses it), and YAML 1.1's
# line breaks NEL, LS and PS, and a byte-order mark, which YAML 1.2 reads as text.
_READ_DIFFERENTLY = re.compile("[\t\x85\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class PlainDocument:
    """One YAML document's data: text, whole numbers, booleans and nulls in lists and mappings
    keyed by text."""

    data: Any


class _NotSure(Exception):
    """The text holds what this reader leaves to yaml-rs."""


def read_plain(text: str) -> PlainDocument | None:
    """The data of `text`, one YAML document of plain data, or None where it is not that or this
    reader is not sure yaml-rs reads it the same. `text` has no byte-order mark."""
    if _READ_DIFFERENTLY.search(text):
        return None
    try:
        return _read(text)
    except (_NotSure, yaml.YAMLError):
        return None


def read_valid(text: str, schema: str) -> Any | None:
    """The data of `text` where this reader is sure of it and it is valid by `schema` (one of
    errorspec's schema files, checked by `schema.is_valid`); None otherwise, for `parse_yaml` and
    the schema's own validator to read it and say what is wrong."""
    plain = read_plain(text)
    return plain.data if plain is not None and is_valid(plain.data, schema) else None


def _read(text: str) -> PlainDocument | None:
    # Each open list or mapping, with the key whose value comes next (None: a key comes next).
    open_collections: list[tuple[dict[str, Any] | list[Any], list[str | None]]] = []
    document: PlainDocument | None = None
    keys: dict[str, str] = {}
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NotSure
            node: Any = _scalar(event.value) if event.implicit[0] else event.value
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(open_collections) == MAX_DEPTH:
                raise _NotSure
            node = {} if kind is yaml.MappingStartEvent else []
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            open_collections.pop()
            continue
        elif kind is yaml.DocumentStartEvent:
            if document is not None:  # a second document
                raise _NotSure
            continue
        elif kind is yaml.AliasEvent:
            raise _NotSure
        else:  # the stream's start and end, a document's end
            continue
        if not open_collections:
            document = PlainDocument(node)
        else:
            collection, pending_key = open_collections[-1]
            if type(collection) is list:
                collection.append(node)
            elif pending_key[0] is None:  # a mapping's key: text, and not there yet
                if type(node) is not str or node in collection:
                    raise _NotSure
                # One object for every mapping's key of the same text, as `json.loads` makes them:
                # the spec's thousands of entries share a handful of keys.
                pending_key[0] = keys.setdefault(node, node)
                continue
            else:
                collection[pending_key[0]] = node
                pending_key[0] = None
        if type(node) is dict or type(node) is list:
            open_collections.append((node, [None]))
    return document


def _scalar(value: str) -> Any:
    """A plain scalar's value, by YAML 1.2's core schema as yaml-rs applies it."""
    if value in _RESOLVED:
        return _RESOLVED[value]
    if value[0] in _NUMBER_START and _NUMBER_LIKE.fullmatch(value):
        if _WHOLE_NUMBER.fullmatch(value):
            return int(value)
        raise _NotSure
    return value
