"""Properties of the page reader and the row account, on generated and on mangled pages.

1. A generated table, written as raw HTML (tidy or mangled the way the vendor's pages are) or as a
   Markdown pipe table, loses no row: every data row is a row or a rejected row, in order, on its
   own line; a valid code keeps its value, the SDK message keeps its words (runs of spaces: test_pages),
   the description's inline Markdown still reads as the cell's text, and a code cell that is not
   an integer is rejected with a reason.
2. After reconciling two languages' generated pages, the row account holds every row read.
3. The real seed pages, mangled line by line and byte by byte, are read or refused with an
   `InputError`; nothing else escapes, and what is read is accounted for.

The generators stay inside what a page can say (see each comment): a Markdown cell has no raw
newline, a first row without a header row has an integer code, and so on. The bugs these
properties found are fixed; their minimal cases stay below as tests.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errorspec.model import InputError, Language, TableFormat
from errorspec.sources.inline import element_text, markdown_fragment
from errorspec.sources.manifest import Manifest, Platform, SectionMapping, SourcePage, load_manifest
from errorspec.sources.pages import read_page
from errorspec.sources.rows import PlatformSource
from errorspec.spec.reconcile import reconcile
from errorspec.spec.report import row_account

SPEC = Path(__file__).resolve().parent.parent / "spec"
BASE = "https://docs.example.com/sdk/"
LANGUAGES = (Language("en", "English", "Latn"), Language("zh", "中文", "Hani"))
HEADINGS = {"ios": "JMessage iOS", "android": "JMessage Android"}
PLATFORMS = tuple(Platform(platform, None, {}) for platform in HEADINGS)

# Deterministic for CI: the same examples every run, no example database on disk, and no health
# check that a slower machine could trip (pages are big draws, and html5lib is not quick).
FAST = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CHEAP = settings(FAST, max_examples=80)


def norm(text: str) -> str:
    """Whitespace collapsed the way `inline.collapse_whitespace` does (`\\s` is `str.isspace`)."""
    return " ".join(text.split())


def reads_as(markdown: str) -> str:
    """The plain text a reader sees when the spec's inline Markdown is rendered."""
    return element_text(markdown_fragment(markdown))


# -- generated rows ----------------------------------------------------------------------------

_FRAGMENTS = (
    "%s",
    "%d",
    "%@",
    "%1$s",
    "{name}",
    "&amp;",
    "&#20320;",
    "<br>",
    "<null>",
    "a|b",
    "**x**",
    "`code`",
    "\\",
    "\n",
    "  ",
    "网络请求失败",
    "snake_case_",
    "[link](x)",
    "<table>",
    "</h2>",
)
_CHARS = st.one_of(
    st.sampled_from("abcxyzABC019 .,:;!?-_()[]'\"/"),
    st.sampled_from("你好错误码参数无效请检查，。（）“”"),
    st.sampled_from("|<>&*`\\#~=+{}$%^"),
    st.sampled_from(" \t\n\u00a0\u3000"),
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
)
HTML_TEXT = st.lists(st.one_of(_CHARS, st.sampled_from(_FRAGMENTS)), max_size=10).map("".join)
# Every page's raw text is scanned line by line for <table> tags (and, outside the tables found, for
# <hN>...</hN> headings), Markdown pages too: on a Markdown page, text that spells such a tag is read
# as one even when escaped (`\<table>`, or in a code span), so it stays out of a Markdown page's text.
# An HTML page's cells always spell `<` before a letter or `/` as `&lt;`, so there any text goes.
_TAG_THE_PAGE_READER_SEES = re.compile(r"</?(?:table|h[1-6])", re.IGNORECASE)
MARKDOWN_TEXT = HTML_TEXT.filter(lambda text: not _TAG_THE_PAGE_READER_SEES.search(text))
# A code is an integer that JavaScript holds exactly (within ±(2**53 - 1)); a larger one is junk.
_DIGITS = re.compile(r"[+-]?[0-9]+")
_MAX_CODE = 2**53 - 1
VALID_CODES = st.one_of(
    st.sampled_from([0, -1, 1, 860015, -2147483648, _MAX_CODE, -_MAX_CODE]),
    st.integers(-(10**12), 10**12),
    st.integers(-_MAX_CODE, _MAX_CODE),
)
_JUNK_CODES = (
    *("", "abc", "1.5", "0x1F", "--", "---", "12a", "５", "８６００１５", "N/A", "-", "+", "1 2", "−1", "1,000"),
    *(str(2**53), str(-(2**53)), "+" + "9" * 19, "9" * 40),  # beyond what JavaScript holds exactly
)


def junk_codes(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(_JUNK_CODES), text).filter(lambda code: not _is_code(norm(code)))


def _is_code(text: str) -> bool:
    return bool(_DIGITS.fullmatch(text)) and abs(int(text)) <= _MAX_CODE


@dataclass(frozen=True)
class GenRow:
    """A data row as written: a valid code (int) or junk code text, then its other cells."""

    code: int | str
    message: str
    description: str | None  # None: a row of only two cells
    extra: str | None = None  # a fourth cell, past the description

    @property
    def valid(self) -> bool:
        return isinstance(self.code, int)

    @property
    def texts(self) -> list[str]:
        cells = [self.code if isinstance(self.code, str) else str(self.code), self.message]
        if self.description is not None:
            cells.append(self.description)
            if self.extra is not None:
                cells.append(self.extra)
        return cells


@st.composite
def gen_rows(draw: st.DrawFn, text: st.SearchStrategy[str]) -> GenRow:
    code = draw(st.one_of(VALID_CODES, VALID_CODES, junk_codes(text)))
    width = draw(st.sampled_from([3, 3, 3, 2, 4]))
    message = draw(text)
    description = draw(text) if width >= 3 else None
    extra = draw(text) if width == 4 else None
    return GenRow(code, message, description, extra)


@dataclass(frozen=True)
class GenTable:
    header: str | None  # a header style, or None for a table whose first row is data
    rows: tuple[GenRow, ...]


@st.composite
def gen_tables(draw: st.DrawFn, table_format: TableFormat, rows_of: st.SearchStrategy[GenRow]) -> GenTable:
    rows = draw(st.lists(rows_of, max_size=6))
    # A Markdown table always has a header row; an HTML one may have none, and then its first row
    # must have an integer code: a first row that does not is the header ("Code | Message | ...").
    styles = ["th", "bold-th", "td", "thead"] + (["none"] if table_format == "html" else [])
    header = draw(st.sampled_from(styles))
    if header == "none" and rows and not rows[0].valid:
        rows[0] = replace(rows[0], code=draw(VALID_CODES))
    return GenTable(None if header == "none" else header, tuple(rows))


# -- writing the rows as HTML ------------------------------------------------------------------


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _html_options(char: str, following: str) -> list[str]:
    """Ways a page's HTML spells `char`; raw `&` and `<` only where a browser reads them as text."""
    if char == "&":
        return ["&amp;", "&#38;", "&#x26;"] + ([] if following[:1].isalnum() or following[:1] == "#" else ["&"])
    if char == "<":
        raw_is_text = not (following[:1].isascii() and following[:1].isalpha()) and following[:1] not in "!/?"
        return ["&lt;", "&#60;"] + (["<"] if raw_is_text and following else [])
    if char == ">":
        return ["&gt;", ">"]
    if char == '"':
        return ['"', "&quot;"]
    if char == "\u00a0":
        return ["&nbsp;", char]
    if char == " ":
        return [" ", "  ", "\n      "]
    if _is_han(char):
        return [char, f"&#{ord(char)};", f"&#x{ord(char):x};"]
    return [char]


# Inserted anywhere between a cell's characters; none of them adds text, and an inline element adds
# no space (`错误<span>码</span>`, `<b>注意：</b>请`) and keeps the spaces at its edges
# (`<b>Note: </b>check`); text split by one (`&amp;<!-- -->amp;`) still reads as it did.
_STRAYS = (
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<span>",
    "</span>",
    "<font color=red>",
    "<!-- note -->",
    "<wbr>",
    "</a>",
    "<br>",
    "<br/>",
)
_WRAPS = (
    "{}",
    "{}",
    "<b>{}</b>",
    "<strong>{}</strong>",
    '<span class="x">{}</span>',
    "<p>{}</p>",
    "<b>{}",
    "<em>{}</em>",
)


@st.composite
def html_cell(draw: st.DrawFn, text: str, *, plain: bool = False, is_code: bool = False) -> str:
    """`text` as a cell's HTML; `plain` when only the cell's text is read, not its Markdown."""
    parts = [draw(st.sampled_from(_html_options(char, text[index + 1 :]))) for index, char in enumerate(text)]
    strays = draw(st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(_STRAYS)), max_size=2))
    for position, stray in sorted(strays, key=lambda stray: stray[0], reverse=True):
        parts.insert(position, stray)
    content = "".join(parts)
    wraps = ("{}", "<b>{}</b>", " {} ") if is_code else _WRAPS
    content = draw(st.sampled_from(wraps)).format(content)
    space = st.sampled_from(["", "", " ", "\n      ", "\t"])
    return draw(space) + content + draw(space)


_HTML_HEADERS = {
    "th": "<tr><th>Code</th><th>Error Message</th><th>说明</th></tr>",
    "bold-th": '<tr  bgcolor="#D3D3D3" >\n\t\t\t<th ><b>Code</b></th>\n\t\t\t<th><b>Error Message</b></th>'
    "\n\t\t\t<th><strong>Instruction</strong></th>\n\t\t</tr>",
    "td": "<tr><td>Code</td><td>Error Message</td><td>Instruction</td></tr>",
    "thead": "<thead><tr><th>Code</th><th>Error Message</th><th>Instruction</th></tr></thead><tbody>",
}


@st.composite
def html_row(draw: st.DrawFn, row: GenRow) -> str:
    separator = draw(st.sampled_from(["", "\n", "\n\t  ", " ", "\t"]))
    parts = [draw(st.sampled_from(["<tr>", "<tr >", '<tr  bgcolor="#FFFFFF" >', "<TR>"]))]
    for index, text in enumerate(row.texts):
        # A row of <th> cells is a header unless its code is an integer: a row with a junk code keeps
        # a <td> (only its code cell may be a row header), a row with a valid code may be all <th>.
        tag = "th" if (row.valid or index == 0) and draw(st.booleans()) else "td"
        tag = tag.upper() if draw(st.integers(0, 5)) == 0 else tag
        if index == 0 and row.valid:
            code = draw(st.sampled_from([str(row.code), f"+{row.code}" if row.code >= 0 else str(row.code)]))
            content = draw(html_cell(code, plain=True, is_code=True))
        else:
            content = draw(html_cell(text, plain=index < 2))
        closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))  # an unclosed cell ends at the next
        parts.append(f"{separator}<{tag}>{content}{closing}")
    parts.append(separator + draw(st.sampled_from(["</tr>", "</tr>", ""])))
    return "".join(parts)


@st.composite
def html_table(draw: st.DrawFn, table: GenTable) -> list[tuple[str, GenRow | None]]:
    """The table's lines, as chunks; each row's chunk starts with its `<tr`."""
    div = draw(st.booleans())
    chunks: list[tuple[str, GenRow | None]] = [('<div class="table-d" align="center" >\n' if div else "", None)]
    chunks.append((draw(st.sampled_from(["<table>", '\t<table border="1" width = "100%">'])) + "\n", None))
    if table.header:
        chunks.append(("\t\t" + _HTML_HEADERS[table.header] + "\n", None))
    joiner = draw(st.sampled_from(["\n", "\n    \n", "\n\t", ""]))
    for row in table.rows:
        chunks.append((draw(st.sampled_from(["", "  ", "\t"])), None))
        chunks.append((draw(html_row(row)), row))
        chunks.append((joiner, None))
    chunks.append(("\n" + ("</tbody>" if table.header == "thead" and draw(st.booleans()) else ""), None))
    chunks.append(("</table>\n" + ("</div>\n" if div else ""), None))
    return chunks


# -- writing the rows as a Markdown pipe table -------------------------------------------------


def _md_options(char: str) -> list[str]:
    """Ways a Markdown cell spells `char`: every ASCII punctuation escaped, `|` escaped for the table."""
    if char == "|":
        return ["\\|", "&#124;"]
    if char == "&":
        return ["\\&", "&amp;"]
    if char == "<":
        return ["\\<", "&lt;", "&#60;"]
    if char in string.punctuation:
        return ["\\" + char]
    if _is_han(char):
        return [char, f"&#{ord(char)};"]
    return [char]


def _code_span(text: str) -> str:
    """`text` as a code span: only the table's pipes are escaped, the fence outruns any backticks."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text.replace('|', chr(92) + '|')} {fence}"


@st.composite
def md_cell(draw: st.DrawFn, text: str, *, is_code: bool = False) -> str:
    """`text` as a pipe-table cell."""
    text = text.replace("\n", " ")  # a pipe table's cell is one line: it cannot hold a raw newline
    stripped = norm(text)
    escaped = "".join(draw(st.sampled_from(_md_options(char))) for char in text)
    styles = ["plain", "plain", "html-bold"]
    if stripped[:1].isalnum() and stripped[-1:].isalnum():
        styles.append("strong")  # `**` only opens and closes next to letters and digits, as CommonMark says
    if stripped and not is_code:
        styles.append("code")
    style = draw(st.sampled_from(styles))
    if style == "html-bold":
        escaped = f"<b>{escaped}</b>"
    elif style == "strong":
        escaped = "**" + "".join(draw(st.sampled_from(_md_options(char))) for char in stripped) + "**"
    elif style == "code":
        escaped = _code_span(stripped)
    # At least one space each side: a cell ending in an escaped backslash (`\\`) must not touch the pipe.
    pad = st.sampled_from([" ", " ", "  ", " \t"])
    return draw(pad) + escaped + draw(pad)


@st.composite
def md_row(draw: st.DrawFn, row: GenRow) -> str:
    cells = []
    for index, text in enumerate(row.texts):
        if index == 0 and row.valid:
            code = draw(st.sampled_from([str(row.code), f"+{row.code}" if row.code >= 0 else str(row.code)]))
            cells.append(draw(md_cell(code, is_code=True)))
        else:
            cells.append(draw(md_cell(text)))
    # The closing pipe may go only when the last cell has text: `| 1 | a |` is two cells, not three.
    closing = "|" if not norm(row.texts[-1]) or draw(st.booleans()) else ""
    indent = draw(st.sampled_from(["", " ", "   "]))  # four spaces would make a code block
    return indent + "|" + "|".join(cells) + closing


_MD_HEADERS = {
    "th": "| Code | Error Message | Instructions |",
    "bold-th": "| **Code** | **Error Message**                            | **Instructions** |",
    "td": "|Code|Error Message|说明|",
    "thead": "| 错误码 | Error Message | 说明 |",
}


@st.composite
def md_table(draw: st.DrawFn, table: GenTable) -> list[tuple[str, GenRow | None]]:
    assert table.header is not None
    delimiter = "|" + "|".join(draw(st.sampled_from(["---", "----------", ":---", "---:", ":-:"])) for _ in range(3))
    chunks: list[tuple[str, GenRow | None]] = [(_MD_HEADERS[table.header] + "\n" + delimiter + "|\n", None)]
    for row in table.rows:
        chunks.append((draw(md_row(row)), row))
        chunks.append(("\n", None))
    return chunks


# -- pages and manifests -----------------------------------------------------------------------


@dataclass(frozen=True)
class GenPage:
    text: str
    format: TableFormat
    sections: tuple[tuple[str, tuple[GenTable, ...]], ...]  # platform, its tables
    lines: tuple[tuple[GenRow, int], ...]  # every generated row with the line it starts on


@st.composite
def gen_pages(
    draw: st.DrawFn, table_format: TableFormat | None = None, rows: st.SearchStrategy[GenRow] | None = None
) -> GenPage:
    table_format = table_format or draw(st.sampled_from(["html", "markdown"]))
    platforms = draw(st.sampled_from([("ios",), ("android",), ("ios", "android"), ("android", "ios")]))
    render = html_table if table_format == "html" else md_table
    rows = rows if rows is not None else gen_rows(HTML_TEXT if table_format == "html" else MARKDOWN_TEXT)
    chunks: list[tuple[str, GenRow | None]] = [("# Error codes\n\nThe list below is for reference.\n\n", None)]
    sections = []
    for platform in platforms:
        heading = HEADINGS[platform]
        chunks.append((draw(st.sampled_from([f"## {heading}", f"#### {heading}", f"<h2>{heading}</h2>"])), None))
        chunks.append(("\n\nError codes that only appear in this SDK.\n\n", None))
        tables = []
        for index in range(draw(st.integers(1, 2))):
            if index:
                chunks.append(("\nMore codes:\n\n", None))
            table = draw(gen_tables(table_format, rows))
            tables.append(table)
            chunks += draw(render(table))
        chunks.append(("\nNot in the list above? See the server codes.\n\n", None))
        sections.append((platform, tuple(tables)))
    text = ""
    lines = []
    for chunk, row in chunks:
        if row is not None:
            lines.append((row, text.count("\n") + 1))
        text += chunk
    return GenPage(text, table_format, tuple(sections), tuple(lines))


def source_page(file: str, lang: str, table_format: TableFormat, platforms: list[str]) -> SourcePage:
    sections = tuple(
        SectionMapping(HEADINGS[platform], platform, False, index + 4) for index, platform in enumerate(platforms)
    )
    return SourcePage(file, lang, table_format, sections, 3, BASE)


def manifest_for(*pages: SourcePage) -> Manifest:
    return Manifest("spec/sources.yaml", BASE, LANGUAGES, PLATFORMS, pages)


def read_generated(page: GenPage, lang: str = "zh") -> tuple[SourcePage, Manifest, list[PlatformSource]]:
    source = source_page(f"sources/page.{lang}.md", lang, page.format, [platform for platform, _ in page.sections])
    manifest = manifest_for(source)
    return source, manifest, read_page(page.text, source, manifest)


def rows_read(sources: list[PlatformSource]) -> int:
    return sum(len(source.rows) + len(source.rejected) for source in sources)


# -- 1. no row is lost, codes and text survive -------------------------------------------------


def check_page(page: GenPage) -> None:
    _, _, results = read_generated(page)  # a well-formed page: not even an InputError
    assert [result.platform for result in results] == [platform for platform, _ in page.sections]
    line_of = {id(row): line for row, line in page.lines}
    for result, (_, tables) in zip(results, page.sections, strict=True):
        generated = [row for table in tables for row in table.rows]
        assert len(result.rows) + len(result.rejected) == len(generated), "a row was lost or invented"
        valid = [row for row in generated if row.valid]
        junk = [row for row in generated if not row.valid]
        assert [row.code for row in result.rows] == [row.code for row in valid]
        # Runs of spaces in a message are kept (test_pages checks that); here its words must survive.
        assert [norm(row.message) for row in result.rows] == [norm(row.message) for row in valid]
        assert [row.source.line for row in result.rows] == [line_of[id(row)] for row in valid]
        for read, written in zip(result.rows, valid, strict=True):
            assert reads_as(read.description) == norm(written.description or ""), read.description
            extra = [text for text in map(reads_as, read.extra_cells) if text]
            assert extra == ([norm(written.extra)] if written.extra and norm(written.extra) else []), read.extra_cells
        assert [row.source.line for row in result.rejected] == [line_of[id(row)] for row in junk]
        for rejected, written in zip(result.rejected, junk, strict=True):
            assert rejected.reason
            assert rejected.cells[0] == norm(str(written.code))
            assert rejected.cells[1] == norm(written.message)
            # A Markdown row's cells past the header's columns are not among its cells (markdown-it
            # drops them), so there a row with text only out there "has no text".
            cells = written.texts if page.format == "html" else written.texts[:3]
            expected = "is not an integer" if any(map(norm, cells)) else "the row has no text"
            assert expected in rejected.reason, rejected


@FAST
@given(gen_pages("html"))
def test_html_tables_lose_no_row_and_keep_codes_and_text(page: GenPage) -> None:
    check_page(page)


@FAST
@given(gen_pages("markdown"))
def test_markdown_tables_lose_no_row_and_keep_codes_and_text(page: GenPage) -> None:
    check_page(page)


@settings(FAST, max_examples=25)
@given(gen_pages("html"), st.sampled_from(["markdown", "html"]))
def test_a_table_in_the_other_format_is_refused_with_its_line(page: GenPage, declared: TableFormat) -> None:
    source = source_page("sources/page.en.md", "en", declared, [platform for platform, _ in page.sections])
    manifest = manifest_for(source)
    if declared == page.format:
        read_page(page.text, source, manifest)
        return
    with pytest.raises(InputError, match="html table") as raised:
        read_page(page.text, source, manifest)
    assert raised.value.file == source.file
    assert raised.value.line


# -- 2. reconciling two languages accounts for every row ---------------------------------------

# A small pool of codes, so that the two languages share codes and a page repeats some.
POOLED_ROWS = st.builds(
    GenRow,
    st.one_of(st.integers(0, 4), st.integers(-2, 4), st.sampled_from(["", "abc", "1.5"])),
    st.sampled_from(["", "Success", "Network error %s", "失败", "a|b"]),
    st.sampled_from([None, "", "success", "成功", "Failed: %d", "见 `x`"]),
)


@CHEAP
@given(gen_pages(rows=POOLED_ROWS), gen_pages(rows=POOLED_ROWS))
def test_reconciling_two_languages_accounts_for_every_row(english: GenPage, chinese: GenPage) -> None:
    en = source_page("sources/page.en.md", "en", english.format, [platform for platform, _ in english.sections])
    zh = source_page("sources/page.zh.md", "zh", chinese.format, [platform for platform, _ in chinese.sections])
    manifest = manifest_for(en, zh)
    sources = read_page(english.text, en, manifest) + read_page(chinese.text, zh, manifest)
    generated = sum(len(table.rows) for page in (english, chinese) for _, tables in page.sections for table in tables)
    assert rows_read(sources) == generated
    spec = reconcile(sources, manifest)
    account = row_account(spec)
    assert account.read == rows_read(sources)
    distinct = {(source.platform, source.lang, row.code) for source in sources for row in source.rows}
    assert account.in_spec == len(distinct)
    # A second import over the first spec keeps the account too.
    assert row_account(reconcile(sources, manifest, spec)) == account


# -- 3. mangled seed pages: read, or refused with an InputError --------------------------------

SEED_MANIFEST = load_manifest(SPEC)
_SEED_TEXTS = {page.file: (SPEC / page.file).read_text(encoding="utf-8") for page in SEED_MANIFEST.sources}
_STRAY_TOKENS = (
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    "<thead>",
    "<tbody>",
    "<div>",
    "</div>",
    "<br>",
    "</a>",
    '<a href="../x/">',
    '<a href="javascript:alert(1)">x</a>',
    "<b>",
    "<!--",
    "-->",
    "<!-- c -->",
    "<script>",
    "</script>",
    "<style>",
    "<![CDATA[",
    "<h2>JMessage Android</h2>",
    "<h2>elsewhere</h2>",
    "## JMessage iOS",
    "## Related Documents",
    "## 相关文档",
    "## Unmapped",
    "| 1 | x | y |",
    "|---|---|---|",
    "| Code | Msg |\n|---|---|\n| 7 | m |",
    "<table><tr><td>9</td><td>m</td></tr></table>",
    "```",
    "    ",
    "\t",
    "\u3000",
    "&",
    "&#",
    "&#x110000;",
    "&#0;",
    "\x00",
    "\ufeff",
    "\\",
    "`",
    "*",
    "+ [x](../y/)",
    "[x](javascript:alert(1))",
    "-1",
    "８６",
    "12345678901234567890",
    "| 99999999999999999999 | too long | y |",
    "\n",
    "\n\n",
)


@dataclass(frozen=True)
class Mangling:
    """One edit of a page: `first` and `second` pick lines, columns and offsets modulo the text's size."""

    kind: str
    first: int
    second: int
    token: str
    blob: bytes

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        at = self.first % len(lines)
        if self.kind == "delete-line":
            del lines[at]
        elif self.kind == "duplicate-line":
            lines.insert(at, lines[at])
        elif self.kind == "swap-lines":
            other = self.second % len(lines)
            lines[at], lines[other] = lines[other], lines[at]
        elif self.kind == "insert-token":
            column = self.second % (len(lines[at]) + 1)
            lines[at] = lines[at][:column] + self.token + lines[at][column:]
        elif self.kind == "truncate":
            return text[: self.first % (len(text) + 1)]
        elif self.kind == "bytes":  # overwrite a few bytes, possibly mid-character, as a bad copy would
            data = bytearray(text.encode("utf-8"))
            position = self.first % (len(data) + 1)
            data[position : position + self.second % 4] = self.blob
            return data.decode("utf-8", errors="replace")
        return "\n".join(lines)


MANGLINGS = st.builds(
    Mangling,
    st.sampled_from(
        ["delete-line", "duplicate-line", "swap-lines", "insert-token", "insert-token", "truncate", "bytes"]
    ),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.sampled_from(_STRAY_TOKENS),
    st.binary(max_size=4),
)


@settings(FAST, max_examples=300)
@given(st.sampled_from(SEED_MANIFEST.sources), st.lists(MANGLINGS, min_size=1, max_size=4))
def test_mangled_seed_pages_are_read_or_refused_with_an_input_error(page: SourcePage, edits: list[Mangling]) -> None:
    text = _SEED_TEXTS[page.file]
    for edit in edits:
        text = edit.apply(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the importer hands pages over
    refused: InputError | None = None
    try:
        sources = read_page(text, page, SEED_MANIFEST)
    except InputError as error:
        refused = error
    if refused is not None:  # a clear refusal names the page (or the manifest) and the problem
        assert refused.file in (page.file, SEED_MANIFEST.name)
        assert refused.problem
        return
    last_line = text.count("\n") + 1
    for source in sources:
        assert source.platform in SEED_MANIFEST.platform_ids
        for row in source.rows:
            assert isinstance(row.code, int)
            assert 1 <= row.source.line <= last_line
        for rejected in source.rejected:
            assert rejected.reason
            assert 1 <= rejected.source.line <= last_line
    assert row_account(reconcile(sources, SEED_MANIFEST)).read == rows_read(sources)


def test_the_unmangled_seed_pages_are_read() -> None:
    """The baseline of the mangling property: the seeds themselves read cleanly."""
    for page in SEED_MANIFEST.sources:
        sources = read_page(_SEED_TEXTS[page.file], page, SEED_MANIFEST)
        assert rows_read(sources) > 0


# -- bugs these properties found, fixed: their minimal cases ---------------------------------


def one_table_page(table_html: str, prose: str = "") -> tuple[str, SourcePage, Manifest]:
    page = source_page("sources/page.zh.md", "zh", "html", ["ios"])
    return f"## JMessage iOS\n\n{prose}\n\n{table_html}\n", page, manifest_for(page)


def read_or_refuse(text: str, page: SourcePage, manifest: Manifest) -> list[PlatformSource] | None:
    """The page's sources, or None when it is refused with an InputError (which is allowed)."""
    try:
        return read_page(text, page, manifest)
    except InputError:
        return None


@pytest.mark.parametrize(
    "href",
    [
        "https://docs.jiguang.cn：8080/guide/",  # a full-width colon, typed with a Chinese IME
        "https://docs.jiguang.cn／guide/",  # a full-width slash
        "http://[fe80::1/guide/",  # an IPv6 host without its closing bracket
    ],
)
def test_a_link_with_a_malformed_host_is_read_or_refused(href: str) -> None:
    text, page, manifest = one_table_page(
        f'<table><tr><td>1</td><td>m</td><td>见<a href="{href}">文档</a></td></tr></table>'
    )
    read_or_refuse(text, page, manifest)


def test_a_less_than_sign_in_prose_before_a_table_loses_no_row() -> None:
    # html5lib used to read the whole page as HTML, and saw a tag `<limit` running to the `>` of
    # `<table>`: no row was read and nothing was reported. It now reads only each table's own lines.
    text, page, manifest = one_table_page(
        "<table>\n<tr><td>1</td><td>m</td><td>d</td></tr>\n</table>", "Returned when `count<limit` fails."
    )
    sources = read_or_refuse(text, page, manifest)
    assert sources is None or rows_read(sources) == 1


def test_a_body_row_of_th_cells_is_read_or_rejected() -> None:
    text, page, manifest = one_table_page(
        "<table>\n<tr><th>Code</th><th>Message</th><th>Text</th></tr>\n<tr><th>1</th><th>m</th><th>d</th></tr>\n</table>"
    )
    sources = read_or_refuse(text, page, manifest)
    assert sources is None or rows_read(sources) == 1


def test_a_retired_code_that_was_listed_twice_keeps_the_account() -> None:
    table = "<table>\n<tr><td>1</td><td>a</td><td>甲</td></tr>\n{}</table>"
    twice = "<tr><td>2</td><td>b</td><td>乙</td></tr>\n" * 2
    text, page, manifest = one_table_page(table.format(twice))
    first = reconcile(read_page(text, page, manifest), manifest)
    [platform, *_] = first.platforms
    retired = tuple(replace(entry, deprecated=True) if entry.code == 2 else entry for entry in platform.entries)
    previous = replace(first, platforms=(replace(platform, entries=retired), *first.platforms[1:]))
    text, page, manifest = one_table_page(table.format(""))  # code 2 leaves the page
    sources = read_page(text, page, manifest)
    # run_import raised AssertionError("1 rows read but 2 accounted for: a row was lost") here.
    assert row_account(reconcile(sources, manifest, previous)).read == rows_read(sources) == 1


def test_bold_ending_in_cjk_punctuation_reads_as_its_text() -> None:
    text, page, manifest = one_table_page(
        "<table><tr><td>1</td><td>m</td><td><b>注意：</b>请检查参数</td></tr></table>"
    )
    [source] = read_page(text, page, manifest)
    assert reads_as(source.rows[0].description) == "注意：请检查参数"  # not "**注意：**请检查参数"


def test_a_span_inside_a_word_adds_no_space() -> None:
    text, page, manifest = one_table_page(
        '<table><tr><td>1</td><td>m</td><td>错误<span style="color:red">码</span>无效</td></tr></table>'
    )
    [source] = read_page(text, page, manifest)
    assert reads_as(source.rows[0].description) == "错误码无效"  # not "错误 码 无效"


# -- more bugs these properties found, fixed: their minimal cases ------------------------------


def description_of(cell_html: str) -> str:
    """What the description cell `cell_html` reads as, once imported into the spec's Markdown."""
    text, page, manifest = one_table_page(f"<table><tr><td>1</td><td>m</td><td>{cell_html}</td></tr></table>")
    [source] = read_page(text, page, manifest)
    return reads_as(source.rows[0].description)


@pytest.mark.parametrize(
    ("cell_html", "text"), [("a<span> b</span>", "a b"), ("<b>Note: </b>check the key", "Note: check the key")]
)
def test_whitespace_just_inside_an_inline_element_is_kept(cell_html: str, text: str) -> None:
    assert description_of(cell_html) == text  # not "ab", "Note:check the key"


@pytest.mark.parametrize("cell_html", ["&amp;<span>amp;</span>", "&amp;<!-- note -->amp;"])
def test_an_entity_like_text_split_by_markup_reads_as_its_text(cell_html: str) -> None:
    assert description_of(cell_html) == "&amp;"  # not "&"
