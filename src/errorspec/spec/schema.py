"""Validation of spec files against the JSON Schemas that ship with errorspec (and in spec/)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from errorspec.model import InputError
from errorspec.spec.yamlio import JsonPath, LocatedData

if TYPE_CHECKING:
    from collections.abc import Callable

    import jsonschema_rs

SPEC_SCHEMA = "errorspec.schema.json"
SOURCES_SCHEMA = "sources.schema.json"


def schema_text(name: str) -> str:
    return resources.files("errorspec.spec").joinpath("schemas", name).read_text(encoding="utf-8")


@cache
def _validator(name: str) -> jsonschema_rs.Draft202012Validator:
    # jsonschema-rs: a spec of 25,000 codes validates in milliseconds, not seconds. Imported here:
    # a build whose spec is cached (spec/speccache.py) validates nothing, and the library weighs
    # 6 MiB of memory.
    import jsonschema_rs

    schema: dict[str, Any] = json.loads(schema_text(name))
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=False)


def is_valid(data: Any, schema: str) -> bool:
    """Whether `data` satisfies `schema`, by a validator compiled to Python (fastjsonschema): no
    native library, where a valid spec needs no message. `schema_errors` says what is wrong."""
    import fastjsonschema

    try:
        _compiled(schema)(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@cache
def _compiled(name: str) -> Callable[[Any], Any]:
    import fastjsonschema

    schema = _for_fastjsonschema(json.loads(schema_text(name)))
    # No defaults filled into the data, no message built: a failure is only a "no".
    return fastjsonschema.compile(schema, use_default=False, detailed_exceptions=False)


# JSON's name of the type of a `const` (errorspec's schemas hold only these).
_JSON_TYPES = {bool: "boolean", str: "string", int: "integer", type(None): "null"}


def _for_fastjsonschema(schema: Any) -> Any:
    """The same schema in words fastjsonschema reads as JSON Schema 2020-12 means them: beside
    `$ref` it ignores every other keyword (draft 7's rule), so the two are put under `allOf`; it
    turns every `$` of a pattern into `\\Z`, one in a set of characters (`[A-Za-z_$]`) too, so
    that one is escaped; it compares a `const` with `==`, where `1 == True`, so the const's type
    is added (and it fails to compile a `const` without detailed messages: it is written as the
    `enum` of its one value)."""
    if isinstance(schema, list):
        return [_for_fastjsonschema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    adapted = {key: _for_fastjsonschema(value) for key, value in schema.items()}
    if isinstance(adapted.get("pattern"), str):
        adapted["pattern"] = _escape_dollar_in_sets(adapted["pattern"])
    if "const" in adapted and type(adapted["const"]) in _JSON_TYPES:
        constant = adapted.pop("const")
        adapted["allOf"] = [*adapted.get("allOf", []), {"type": _JSON_TYPES[type(constant)], "enum": [constant]}]
    if isinstance(adapted.get("$ref"), str) and len(adapted) > 1:
        reference = {"$ref": adapted.pop("$ref")}
        return {"allOf": [reference, adapted]}
    return adapted


def _escape_dollar_in_sets(pattern: str) -> str:
    return re.sub(r"\\.|\[(?:\\.|[^\]])*\]", lambda found: re.sub(r"(?<!\\)\$", r"\\$", found.group()), pattern)


def _path_text(path: JsonPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(top level)"


@cache
def _printable() -> str:
    """The pattern of a text a page can show (the schemas' `printable`: no control character but TAB,
    LF and CR, no line or paragraph separator)."""
    pattern: str = json.loads(schema_text(SPEC_SCHEMA))["$defs"]["printable"]["pattern"]
    return pattern


def _message(error: jsonschema_rs.ValidationError) -> str:
    """The validator's message; but a text that is not printable is named by its character, which
    the validator's message would print as it is, where a terminal does not show it."""
    import jsonschema_rs

    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Pattern) and error.kind.pattern == _printable():
        found = unprintable(str(error.instance))
        if found:
            return f"holds the control character U+{ord(found):04X}, which no page can show: remove it"
    return error.message if len(error.message) <= 200 else error.message[:197] + "..."


def unprintable(text: str) -> str | None:
    """The first character of `text` that no page can show (the schemas' `printable`), if any."""
    # The pattern is ^[^…]*$: a text with none of the characters ….
    found = re.search("[" + _printable().removeprefix("^[^").removesuffix("*$"), text)
    return found.group() if found else None


def schema_errors(located: LocatedData, schema: str, name: str) -> list[InputError]:
    """Every violation of `schema` in `located`, each naming the file, the line and the field."""
    errors = []
    for error in _validator(schema).iter_errors(located.data):
        path = tuple(error.instance_path)
        message = _message(error)
        errors.append(InputError(name, located.line_of(path), f"{_path_text(path)}: {message}"))
    return sorted(errors, key=lambda error: (error.line or 0, error.problem))
