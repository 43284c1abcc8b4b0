"""YAML in and out: loading that knows each value's line, canonical dumping, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from errorspec.model import InputError

JsonPath = tuple[str | int, ...]

# libyaml's parser when PyYAML has it (its wheels do): ten times faster, with the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LocatedData:
    """Data loaded from a YAML file, and the line of every mapping value and list item.

    The lines are found only when asked for (an error to report): reading is the fast path.
    """

    def __init__(self, data: Any, text: str, name: str) -> None:
        self.data = data
        self._text = text
        self._name = name
        self._lines: dict[JsonPath, int] | None = None

    @property
    def lines(self) -> dict[JsonPath, int]:
        if self._lines is None:
            try:
                self._lines = _compose(self._text, self._name)[1]
            except InputError:  # text only YAML 1.2 reads: no line to give
                self._lines = {}
        return self._lines

    def line_of(self, path: JsonPath) -> int | None:
        """The line of the value at `path`, or of its nearest located parent."""
        lines = self.lines
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return lines.get((), 1)


def load_yaml(path: Path, name: str) -> LocatedData:
    """Load one YAML document; bad YAML and duplicate keys raise `InputError` naming `name`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, None, "file not found") from None
    except UnicodeDecodeError as error:
        raise InputError(name, None, f"not UTF-8 text ({error.reason})") from None
    return parse_yaml(text, name)


_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)


def parse_yaml(text: str, name: str) -> LocatedData:
    """One YAML 1.2 document (yaml-rs: a spec of 25,000 codes reads in a fraction of a second).

    Duplicate keys are refused. Whatever yaml-rs refuses is read again by PyYAML, whose
    messages name the line and what it expected.
    """
    if _DOCUMENT_MARKER.search(text):
        return LocatedData(*_compose(text, name))
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as error:
        _compose(text, name)  # raises PyYAML's account of the problem, when it sees one
        message = str(error).splitlines()
        line = re.search(r"line (\d+)", message[0]) if message else None
        problem = message[-1].strip() if message else "invalid YAML"
        raise InputError(name, int(line.group(1)) if line else None, f"invalid YAML: {problem}") from None
    return LocatedData(data, text, name)


def _compose(text: str, name: str) -> tuple[Any, dict[JsonPath, int]]:
    """PyYAML's reading, with the line of every value; bad YAML raises `InputError`."""
    try:
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = f"invalid YAML: {error.problem or error.context}"
        if error.context and error.context_mark and error.problem_mark:
            problem += f" ({error.context} at line {error.context_mark.line + 1})"
        raise InputError(name, line, problem) from None
    if len(documents) > 1:
        raise InputError(name, documents[1].start_mark.line + 1, "expected one YAML document, found several")
    lines: dict[JsonPath, int] = {}
    if not documents or documents[0] is None:
        return None, lines
    builder = _Builder(name, lines)
    return builder.build(documents[0], ()), lines


class _Builder:
    """Turns composed YAML nodes into plain data, recording lines and refusing duplicate keys."""

    def __init__(self, name: str, lines: dict[JsonPath, int]) -> None:
        self.name = name
        self.lines = lines
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            mapping: dict[Any, Any] = {}
            first_lines: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, (*path, "<key>"))
                key_line = key_node.start_mark.line + 1
                if not isinstance(key, str | int) or isinstance(key, bool):
                    raise InputError(self.name, key_line, f"the key {key!r} is neither text nor a whole number")
                if key in mapping:
                    raise InputError(self.name, key_line, f"duplicate key '{key}' (first at line {first_lines[key]})")
                first_lines[key] = key_line
                mapping[key] = self.build(value_node, (*path, key))
            self.lines.pop((*path, "<key>"), None)
            return mapping
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise InputError(self.name, node.start_mark.line + 1, f"invalid value: {error.problem}") from None


class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (`{file: x, line: 3}`), for small records."""


class _CanonicalDumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no line wrapping, multi-line text as `|`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
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


def write_files_atomically(contents: dict[Path, str]) -> list[Path]:
    """Write every file or none: all go to temporary files first, then replace the originals.

    Returns the files whose content changed; unchanged files are not touched.
    """
    changed = {
        path: text
        for path, text in sorted(contents.items())
        if not path.exists() or path.read_bytes() != text.encode("utf-8")
    }
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((temporary, path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return list(changed)
