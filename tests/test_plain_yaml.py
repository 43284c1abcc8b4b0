"""The first build's reader of the spec (PyYAML's C parser, a validator compiled to Python) against
yaml-rs and jsonschema-rs, which every command reads with: the same data wherever it reads a file,
the same verdict on it, and nothing read where they would refuse the file or read it otherwise
(the build then reads it as the commands do, with their messages)."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, SPEC
from errorspec.model import InputError
from errorspec.spec.plainyaml import read_plain
from errorspec.spec.schema import SOURCES_SCHEMA, SPEC_SCHEMA, is_valid, schema_errors
from errorspec.spec.specfiles import HEADER, spec_files
from errorspec.spec.yamlio import LocatedData, dump_yaml, parse_yaml

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import MANIFEST, synthetic_spec  # the benchmark's catalogue


def commands_read(text: str) -> Any:
    """What every command reads in `text`: its data, or the error it reports."""
    try:
        return parse_yaml(text, "spec/test.yaml").data
    except InputError as error:
        return error


def assert_read_alike(text: str) -> bool:
    """That the first build's reader reads `text` as the commands do, or leaves it to them; and
    whether it read it."""
    plain = read_plain(text.removeprefix("\ufeff"))
    expected = commands_read(text)
    if isinstance(expected, InputError):
        assert plain is None, f"read what the commands refuse ({expected})"
        return False
    if plain is not None:
        assert repr(plain.data) == repr(expected)  # repr: True is not 1, and the keys keep their order
    return plain is not None


SPEC_FILES = sorted(path.name for path in SPEC.glob("*.yaml"))


@pytest.mark.parametrize("name", SPEC_FILES)
def test_every_file_of_the_real_spec_is_read_alike(name: str) -> None:
    assert assert_read_alike((SPEC / name).read_text(encoding="utf-8"))


def test_a_synthetic_spec_is_read_alike(tmp_path: Path) -> None:
    spec = synthetic_spec(1_500)
    texts = [text for path, text in spec_files(spec, tmp_path).items() if path.suffix == ".yaml"]
    platforms = "".join(f"  - {{id: {platform.platform}, page: {platform.platform}/}}\n" for platform in spec.platforms)
    for text in [*texts, MANIFEST % platforms.rstrip("\n")]:
        assert assert_read_alike(text)


# Scalars that YAML 1.1 and 1.2, or PyYAML and yaml-rs, may take differently.
READ = [
    "yes",
    "on",
    "No",
    "OFF",
    "y",
    "~",
    "null",
    "Null",
    "NULL",
    "nUll",
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "FALSE",
    "+1",
    "-0",
    "017",
    "-017",
    "123456789012345678",
    "inf",
    "nan",
    "Infinity",
    "1 second",
    "12 30",
    "1.0.0 is out",
    "2001-12-14 21:59:43.10 -5",
    "a# not a comment",
    "'0o17'",
    '"0x1F"',
    "'1e5'",
    "'yes'",
    '"\\x41\\u00e9\\N\\_\\L\\P\\e\\0\\/\\t"',
    "'it''s'",
    '"a\\\n  b"',
    "|\n  literal\n  text\n",
    "|-\n  literal\n\n",
    "|+\n  kept\n\n",
    ">\n  folded\n  text\n\n  paragraph\n",
    ">-\n  a\n   indented\n  b\n",
    "|2\n   indented first\n",
    "plain\n  on two\n\n  lines",
    "'single\n\n  quoted'",
    '"double\n  quoted"',
    "[1, 'a', {b: c}]",
    "{a: 1, 'b': [x, y],}",
    "",
    "''",
    "中文，全角",
    "!!str 123",
    "0o17",
    "0O17",
    "0x1F",
    "0b101",
    "-0x1F",
    "1e5",
    "1E5",
    "1.",
    ".5",
    "1.5",
    ".inf",
    "-.Inf",
    ".nan",
    "1_000",
    "_1",
    "1_",
    "0x_1",
    "9223372036854775808",
    "99999999999999999999",
    "-",
    "+",
    ".",
    "_",
    "-x",
    ".x",
    "12:30:00",
    "2001-12-14",
    "0o",
    "0x1g",
]
SURE = {
    "yes",
    "on",
    "~",
    "+1",
    "-0",
    "1 second",
    "'0o17'",
    "|\n  literal\n  text\n",
    ">\n  folded\n  text\n\n  paragraph\n",
}


@pytest.mark.parametrize("scalar", READ)
@pytest.mark.parametrize("where", ["value", "item", "key"])
def test_yaml_11_and_12_traps_are_read_alike_or_left_to_yaml_rs(scalar: str, where: str) -> None:
    indented = scalar.replace("\n", "\n  ")
    text = {"value": f"k: {indented}\n", "item": f"- {indented}\n", "key": f"{scalar}: v\n"}[where]
    read = assert_read_alike(text)
    if scalar in SURE and where != "key":
        assert read


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffcode: 1\nmessage: a\n",
        "code: 1\r\nmessage: a\r\n",
        "code: 1\rmessage: a\r",
        "---\ncode: 1\n...\n",
        "# a comment\ncode: 1  # another\n",
        "code:\n- 1\n- 2\n",
        "? code\n: 1\n",
        "'871310': a\n",
        "%YAML 1.1\n---\ncode: 1\n",
    ],
    ids=[
        "byte-order-mark",
        "crlf",
        "cr",
        "document-markers",
        "comments",
        "indentless-list",
        "explicit-key",
        "quoted-key",
        "directive",
    ],
)
def test_what_a_file_may_hold_around_its_data_is_read_alike(text: str) -> None:
    assert assert_read_alike(text)


# What tests/test_hostile_yaml.py writes into spec files, and more the commands refuse.
HOSTILE = [
    "lol:\n  a: &a [lol, lol]\n  b: &b [*a, *a]\n",
    "a: &x 1\n",
    "deep: " + "[" * 100 + "]" * 100 + "\n",
    "deep:\n" + "".join(f"{' ' * level}k{level}:\n" for level in range(1, 33)) + " " * 33 + "end\n",
    "deep:\n" + "- " * 10_000 + "x\n",
    "deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "message: !custom Network not available\n",
    "message: !!python/object:os.system echo\n",
    "message: !!binary aGk=\n",
    "1: a\n",
    "true: a\n",
    "null: a\n",
    "~: a\n",
    "? [a, b]\n: 1\n",
    "? {a: b}\n: 1\n",
    "code: 871310.0\n",
    "code: 1e30\n",
    "a: 1\na: 2\n",
    "a: 1\n---\nb: 2\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 'unclosed\n",
    "a:\tb\n",
    "a: b\u2028c\n",
    "a: b\x85c\n",
    "a: b\ufeffc\n",
    "a: \x07\n",
    "- a\n-b\n",
    "a: 1\n b: 2\n",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_yaml_is_left_to_the_commands_reader(text: str) -> None:
    assert not assert_read_alike(text)


# Texts made of what makes YAML's writers and readers differ.
TRICKY_TEXT = st.text(
    st.sampled_from([*" \n\t:#-?,[]{}&*!|>'\"%@`\\", *"aeyYnNoOtTfF", *"0123456789", *"._+xobE", "é", "中", "\u3000"]),
    max_size=12,
)
SCALARS = st.one_of(
    TRICKY_TEXT,
    st.sampled_from(READ),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.none(),
)
PLAIN_DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TRICKY_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(
    data=PLAIN_DATA,
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    flow=st.sampled_from([False, True, None]),
    width=st.sampled_from([8, 80]),
)
def test_whatever_a_writer_makes_of_plain_data_is_read_alike(data: Any, style: Any, flow: Any, width: int) -> None:
    assert_read_alike(
        yaml.safe_dump(data, default_style=style, default_flow_style=flow, width=width, allow_unicode=True)
    )
    assert_read_alike(dump_yaml(data, HEADER))


# -- the two validators --------------------------------------------------------------------------

CANDIDATES = [
    0,
    1,
    -1,
    True,
    False,
    None,
    2**53 - 1,
    2**53,
    -(2**53),
    "",
    " ",
    "\u3000",
    "\ufeff",
    "\x1c",
    "\x85",
    "\xa0",
    "text",
    "text\n",
    "3fa2c1d9",
    "3fa2c1d9\n",
    "3FA2C1D9",
    "kJMSG$Error",
    "$",
    "a.b",
    "zh",
    "zh-Hans",
    "zh\n",
    "EN",
    "ok",
    "fine",
    "android:871310",
    "android:871310\n",
    "https://example.com/",
    [],
    {},
    ["android:1"],
    ["android:1", "android:1"],
    [1, True],
    {"en": "text"},
    {"en": None},
    {"en": " "},
    {"EN": "text"},
    {"en": {"from": "zh", "hash": "3fa2c1d9"}},
    {"description": {"from": "zh", "hash": "3fa2c1d9"}},
    {"title": {"from": "zh", "hash": "3fa2c1d9"}},
    {"file": "a.md", "line": 1},
    {"file": "a.md", "line": 0},
    {"name": "kJMSGErrorX"},
    {"message": "zh"},
    {"related": True},
    {"related": 1},
    {"heading": "x", "platform": "android"},
    {"heading": "x", "related": True},
    {"heading": "x", "platform": "android", "related": True},
]


def spec_data(name: str) -> Any:
    return parse_yaml((SPEC / name).read_text(encoding="utf-8"), f"spec/{name}").data


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in `data`, and one new key in each mapping."""
    found = [prefix]
    if isinstance(data, dict):
        found.append((*prefix, "added"))
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:2]):
            found += paths(value, (*prefix, index))
    return found


def with_value(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(data)
    parent = changed
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return changed


ANDROID = spec_data("android.yaml")
ANDROID_SAMPLE = {**ANDROID, "codes": [entry for entry in ANDROID["codes"] if len(json.dumps(entry)) > 600][:2]}
SOURCES = spec_data("sources.yaml")


@pytest.mark.parametrize(
    ("data", "schema"), [(ANDROID_SAMPLE, SPEC_SCHEMA), (SOURCES, SOURCES_SCHEMA)], ids=["platform", "sources"]
)
def test_both_validators_judge_every_change_of_a_file_alike(data: Any, schema: str) -> None:
    assert is_valid(data, schema)
    judged = 0
    for path in paths(data):
        for value in CANDIDATES:
            changed = with_value(data, path, value)
            errors = schema_errors(LocatedData(changed, "", "spec/test.yaml", {}), schema, "spec/test.yaml")
            assert is_valid(changed, schema) == (not errors), (path, value, errors)
            judged += 1
    assert judged > 1_000
