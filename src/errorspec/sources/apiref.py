"""Reads an SDK's API reference, where each error code is declared as a named constant.

Two generators' pages: appledoc's page of an Objective-C enum (its definition lists each name
with its value; its list of constants gives each name's doc comment) and javadoc's
`constant-values.html` (a table per class: type, name, value; a String constant `NAME_DESC` is
the literal message the SDK returns with the code `NAME`). Like a page's table row, a declaration
either becomes a constant or is rejected with its reason: none is skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from errorspec.model import MAX_CODE, InputError, Provenance
from errorspec.sources.inline import element_markdown, element_text
from errorspec.sources.manifest import ApiSource
from errorspec.sources.rows import ApiDeclarations, DeclaredConstant, RejectedConstant

_ENUM_DEFINITION = re.compile(r"^\s*(?:typedef\s+)?(?:NS_ENUM|NS_OPTIONS|NS_ERROR_ENUM|NS_CLOSED_ENUM|enum)\b")
_ASSIGNED = re.compile(r"^\s*(?:=\s*(?P<value>[^,}]*?))?\s*[,}]?\s*(?:};?)?\s*$", re.DOTALL)
_INTEGER = re.compile(r"^(?P<number>[+-]?(?:0[xX][0-9A-Fa-f]+|[0-9]+))[uUlL]*$")
_JAVA_INTEGER_TYPES = {"int", "long", "short", "byte"}
_JAVA_ESCAPE = re.compile(r"\\(u+[0-9A-Fa-f]{4}|[0-7]{1,3}|.)")
_JAVA_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "s": " ", '"': '"', "'": "'", "\\": "\\"}
_MESSAGE_SUFFIX = "_DESC"


def read_api_reference(text: str, reference: ApiSource, base_url: str) -> ApiDeclarations:
    """The constants `reference`'s page declares; a page of another shape raises `InputError`."""
    soup = BeautifulSoup(text, "html5lib")
    if reference.format == "appledoc":
        constants, rejected = _appledoc(soup, reference.file, base_url)
    else:
        constants, rejected = _javadoc(soup, reference)
    return ApiDeclarations(
        platform=reference.platform,
        sdk=reference.sdk,
        lang=reference.language,
        complete=reference.complete,
        constants=tuple(constants),
        rejected=tuple(rejected),
    )


# -- appledoc ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Enumerator:
    name: str
    value: str | None
    line: int


def _appledoc(soup: BeautifulSoup, file: str, base_url: str) -> tuple[list[DeclaredConstant], list[RejectedConstant]]:
    definition = next((code for code in soup.find_all("code") if _ENUM_DEFINITION.match(code.get_text())), None)
    if definition is None:
        raise InputError(file, None, "no enum definition (typedef NS_ENUM ...) found: not an appledoc constants page")
    comments = _appledoc_comments(soup, base_url)
    constants: list[DeclaredConstant] = []
    rejected: list[RejectedConstant] = []
    seen: set[str] = set()
    # C's rule: an enumerator without a value is the one before it plus one; the first is 0.
    next_value: int | None = 0
    for enumerator in _enumerators(definition):
        source = Provenance(file, enumerator.line)
        if enumerator.name in seen:
            rejected.append(
                RejectedConstant(source, enumerator.name, enumerator.value or "", "named twice in the enum")
            )
            continue
        seen.add(enumerator.name)
        if enumerator.value is None:
            code = next_value
            reason = "has no value and follows one that is not an integer"
        else:
            code = _integer(enumerator.value)
            reason = f"its value '{enumerator.value}' is not an integer literal within ±{MAX_CODE}"
        if code is None:
            rejected.append(RejectedConstant(source, enumerator.name, enumerator.value or "", reason))
            comments.pop(enumerator.name, None)  # reported once, with the reason that matters
            next_value = None
            continue
        next_value = code + 1
        constants.append(DeclaredConstant(source, enumerator.name, code, comments.pop(enumerator.name, (None, 0))[0]))
    for name, (comment, line) in sorted(comments.items(), key=lambda item: item[1][1]):
        rejected.append(
            RejectedConstant(Provenance(file, line), name, comment or "", "documented but not in the enum's definition")
        )
    return constants, rejected


def _enumerators(definition: Tag) -> list[_Enumerator]:
    """Each name of the definition (a link) with the text after it up to the next name: `= 860015,`."""
    enumerators = []
    for link in definition.find_all("a"):
        after = []
        for sibling in link.next_siblings:
            if isinstance(sibling, Tag) and sibling.name in ("a", "br"):
                break
            after.append(sibling.get_text() if isinstance(sibling, Tag) else str(sibling))
        assigned = _ASSIGNED.match("".join(after).replace("\xa0", " "))
        value = assigned.group("value") if assigned else "".join(after).strip()
        enumerators.append(_Enumerator(element_text(link), value or None, link.sourceline or 1))
    return enumerators


def _appledoc_comments(soup: BeautifulSoup, base_url: str) -> dict[str, tuple[str | None, int]]:
    """Each constant's doc comment (inline Markdown) and its line, from the list of constants."""
    comments: dict[str, tuple[str | None, int]] = {}
    for term in soup.select("dl.termdef > dt"):
        name = element_text(term)
        definition = term.find_next_sibling("dd")
        paragraphs = [] if definition is None else definition.find_all("p")
        text = " ".join(
            element_markdown(paragraph, base_url)
            for paragraph in paragraphs
            if paragraph.find(class_="declared-in-ref") is None  # "Declared In JMSGConstants.h."
        ).strip()
        comments[name] = (text or None, term.sourceline or 1)
    return comments


def _integer(text: str) -> int | None:
    """The code a literal spells, None where it spells none or one beyond ±MAX_CODE."""
    match = _INTEGER.match(text.strip())
    if match is None or len(match.group("number")) > 40:  # no 5,000-digit literal reaches int()
        return None
    number = match.group("number")
    value = int(number, 16) if number.lstrip("+-")[:2] in ("0x", "0X") else int(number, 10)
    return value if abs(value) <= MAX_CODE else None


# -- javadoc -----------------------------------------------------------------------------------


def _javadoc(soup: BeautifulSoup, reference: ApiSource) -> tuple[list[DeclaredConstant], list[RejectedConstant]]:
    tables = [table for table in soup.find_all("table") if _caption(table) is not None]
    if not tables:
        raise InputError(reference.file, None, "no table of constants found: not a javadoc constant-values.html page")
    wanted = reference.type_name
    if wanted is not None:
        tables = [table for table in tables if wanted in (_caption(table), *_qualified_endings(table))]
        if not tables:
            raise InputError(reference.file, None, f"no constants of class '{wanted}' on the page")
    constants: list[DeclaredConstant] = []
    rejected: list[RejectedConstant] = []
    messages: dict[str, tuple[str, Provenance]] = {}
    for table in tables:
        for row in table.find_all("tr"):
            # javadoc 11 and later write the constant's name as a row header (<th scope="row">).
            cells = row.find_all(["td", "th"], recursive=False)
            if all(cell.name == "th" for cell in cells):
                continue  # the header row: Modifier and Type | Constant Field | Value
            source = Provenance(reference.file, row.sourceline or 1)
            if len(cells) < 3:
                texts = [element_text(cell) for cell in cells]
                reason = f"a row of {len(cells)} cell(s), not a constant's type, name and value"
                rejected.append(RejectedConstant(source, texts[0], " | ".join(texts[1:]), reason))
                continue
            java_type = element_text(cells[0]).split()[-1] if element_text(cells[0]) else ""
            name = element_text(cells[1])
            value = cells[2].get_text().strip()
            if java_type in _JAVA_INTEGER_TYPES:
                code = _integer(value)
                if code is None:
                    reason = f"its value '{value}' is not an integer within ±{MAX_CODE}"
                    rejected.append(RejectedConstant(source, name, value, reason))
                else:
                    constants.append(DeclaredConstant(source, name, code))
            elif java_type in ("String", "java.lang.String") and name.endswith(_MESSAGE_SUFFIX):
                messages[name.removesuffix(_MESSAGE_SUFFIX)] = (_java_string(value), source)
            else:
                rejected.append(
                    RejectedConstant(source, name, value, f"a {java_type or 'untyped'} constant, not an error code")
                )
    for index, constant in enumerate(constants):
        message = messages.pop(constant.name, None)
        if message is not None:
            constants[index] = DeclaredConstant(constant.source, constant.name, constant.code, message=message[0])
    for base, (message, source) in messages.items():
        rejected.append(
            RejectedConstant(source, base + _MESSAGE_SUFFIX, message, f"the message of '{base}', which is not declared")
        )
    return constants, sorted(rejected, key=lambda item: item.source.line)


def _caption(table: Tag) -> str | None:
    """The qualified class name a javadoc constants table is captioned with."""
    caption = table.find("caption")
    if caption is None:
        return None
    text = element_text(caption).replace("\xa0", " ").strip()
    return text or None


def _qualified_endings(table: Tag) -> tuple[str, ...]:
    """The simple and partly qualified names of the table's class: `a.b.C` gives `C` and `b.C`."""
    parts = (_caption(table) or "").split(".")
    return tuple(".".join(parts[index:]) for index in range(1, len(parts)))


def _java_string(literal: str) -> str:
    """The value of a Java string literal as javadoc prints it: `"a \\"b\\""` gives `a "b"`."""
    if len(literal) >= 2 and literal[0] == literal[-1] == '"':
        literal = literal[1:-1]

    def unescape(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape[0] == "u":
            return chr(int(escape.lstrip("u"), 16))
        if escape[0] in "01234567":
            return chr(int(escape, 8))
        return _JAVA_ESCAPES.get(escape, escape)

    return _JAVA_ESCAPE.sub(unescape, literal)
