"""Hostile and broken sources: no row lost, nothing read from outside the spec folder, no code
removed unasked, messages verbatim.

Each test is one class of attack; each asserts what a user sees: the exact message, the exit
status, and the spec folder untouched when the import refuses.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI_MANIFEST, html_page
from errorspec.cli import cli
from errorspec.model import InputError
from errorspec.sources.apiref import read_api_reference
from errorspec.sources.importer import read_sources
from errorspec.sources.manifest import ApiSource, SourcePage
from errorspec.spec.reconcile import reconcile
from errorspec.spec.report import RowAccount, row_accounts
from test_bad_input import snapshot
from test_properties import FAST, MANGLINGS, SEED_MANIFEST, SPEC, Mangling

Make = Callable[..., Path]


def run(spec_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--spec", str(spec_dir), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def manifest_line(spec_dir: Path, text: str) -> int:
    lines = (spec_dir / "sources.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# -- 1. a row the table readers did not take stops the import at its line ---------------------

MARKDOWN_MANIFEST = MINI_MANIFEST.replace("format: html", "format: markdown", 1)
PIPE_TABLE = "# Codes\n\n## iOS\n\n| Code | Message | Text |\n|---|---|---|\n| 1 | One | one |\n"
HTML_TABLE = "# Codes\n\n## iOS\n\n<table>\n<tr><th>Code</th><th>Message</th><th>Text</th></tr>\n"
ONE_ROW = "<tr><td>1</td><td>One</td><td>one</td></tr>\n"
TWO_ROW = "<tr><td>2</td><td>Two</td><td>two</td></tr>\n"


@pytest.mark.parametrize(
    ("manifest", "page", "problem"),
    [
        pytest.param(
            MARKDOWN_MANIFEST,
            PIPE_TABLE + "<!-- added later -->\n| 2 | Two | two |\n| 3 | Three | three |\n",
            "9: '| 2 | Two | two |' looks like a table row, but no table holds it: line 8 ('<!-- added later -->') "
            "ends the table above; remove that line, or start a new table",
            id="a comment line inside a pipe table",
        ),
        pytest.param(
            MARKDOWN_MANIFEST,
            PIPE_TABLE + "\n| 2 | Two | two |\n",
            "9: '| 2 | Two | two |' looks like a table row, but no table holds it: the blank line 8 ends the table "
            "above; remove that line, or start a new table",
            id="a blank line inside a pipe table",
        ),
        pytest.param(
            MARKDOWN_MANIFEST,
            PIPE_TABLE.replace("|---|---|---|", "|---|---|"),
            "6: the delimiter row has 2 column(s) but the header row above it has 3: Markdown reads no table here "
            "and none of its rows is read; give the delimiter row 3 columns",
            id="a delimiter row narrower than its header",
        ),
        pytest.param(
            MARKDOWN_MANIFEST,
            PIPE_TABLE.replace("|---|---|---|", "|---|:|---|"),
            "6: the delimiter row is not one Markdown reads (each column is ---, :---, ---: or :---:): "
            "no row of the table below it is read; fix the delimiter row",
            id="a broken delimiter row",
        ),
        pytest.param(
            MINI_MANIFEST,
            HTML_TABLE.replace("<table>\n", "") + ONE_ROW + "</table>\n",
            "5: a <tr> outside any <table>...</table>: put the row inside its table (or restore its <table> tag)",
            id="a lost <table> tag",
        ),
        pytest.param(
            MINI_MANIFEST,
            HTML_TABLE + ONE_ROW + "<script>\n" + TWO_ROW + "</table>\n",
            "9: a row of the table that was not read: markup before it hides it (a <script>, <style>, <textarea> "
            "or comment left open, a <table> inside a row); close or remove that markup",
            id="an open script",
        ),
        pytest.param(
            MINI_MANIFEST,
            HTML_TABLE + "<tr><td>1</td><td>One</td><td>\n<table>\n" + TWO_ROW + "</table></td></tr>\n</table>\n",
            "9: a row of a table inside a table's cell: only a page's outermost tables are read; "
            "give its codes a table of their own",
            id="a table inside a cell",
        ),
    ],
)
def test_a_row_no_table_read_stops_the_import_at_its_line(
    mini_spec: Make, manifest: str, page: str, problem: str
) -> None:
    spec_dir = mini_spec({"ios.en.md": page, "ios.zh.md": html_page("iOS", [("1", "One", "一")])}, manifest)
    before = snapshot(spec_dir)
    code, _, err = run(spec_dir, "import")
    assert (code, err) == (1, f"error: sources/ios.en.md:{problem}\n")
    assert snapshot(spec_dir) == before


def test_a_mistyped_code_is_a_row_reported_never_a_header(mini_spec: Make) -> None:
    # A table without a header row, whose first code has a letter O for a zero: it was skipped
    # as if it were the header ("Code | Message | ..."). A header row is known by its text: a word.
    page = "# Codes\n\n## iOS\n\n<table>\n<tr><td>9000O1</td><td>One</td><td>one</td></tr>\n" + TWO_ROW + "</table>\n"
    spec_dir = mini_spec({"ios.en.md": page, "ios.zh.md": html_page("iOS", [("2", "Two", "二")])})
    code, _, err = run(spec_dir, "import")
    assert code == 0
    assert "  sources/ios.en.md: 2 rows read = 1 in the spec + 1 reported with a reason\n" in err
    assert "  sources/ios.zh.md: 1 rows read = 1 in the spec + 0 reported with a reason\n" in err  # its header: none
    _, out, _ = run(spec_dir, "check", "--format", "json")
    [finding] = [f for f in json.loads(out)["platforms"][0]["findings"] if f["kind"] == "rejected-row"]
    assert finding["source"] == "sources/ios.en.md:6"
    assert finding["value"] == "9000O1 | One | one"
    assert finding["detail"].startswith("row not imported: the code cell '9000O1' is not an integer")


# -- 2. codes leave the spec only when asked ---------------------------------------------------


def test_an_import_that_would_remove_codes_names_them_and_writes_nothing_unless_allowed(spec_copy: Path) -> None:
    web = yaml.safe_load((spec_copy / "web.yaml").read_text(encoding="utf-8"))
    codes = [entry["code"] for entry in web["codes"]]
    web["codes"][0]["deprecated"] = "retired in SDK 3"  # a retired code stays, its rows gone or not
    (spec_copy / "web.yaml").write_text(yaml.safe_dump(web, allow_unicode=True), encoding="utf-8")
    for name in ("web.en.md", "web.zh.md"):  # both pages lose their table; their headings stay
        page = spec_copy / "sources" / name
        text = page.read_text(encoding="utf-8")
        page.write_text("".join(line for line in text.splitlines(True) if not line.startswith("|")), encoding="utf-8")
    before = snapshot(spec_copy)

    code, _, err = run(spec_copy, "import")
    removed = codes[1:]
    first = ", ".join(map(str, removed[:5]))
    assert code == 1
    assert err == (
        f"error: spec/web.yaml: the import would remove {len(removed)} codes of web: {first} "
        f"and {len(removed) - 5} more\n"
        "nothing was written: no source has these codes any more. If a page lost them (a table gone, a heading "
        "renamed, rows deleted), fix the page; to remove them, run `errorspec import --allow-removals`; a code "
        "marked `deprecated: true` in the spec is kept.\n"
    )
    assert snapshot(spec_copy) == before

    code, _, err = run(spec_copy, "import", "--allow-removals")
    assert code == 0
    assert err.startswith(f"removed {len(removed)} codes of web: {first} and {len(removed) - 5} more\n")
    kept = yaml.safe_load((spec_copy / "web.yaml").read_text(encoding="utf-8"))
    assert [entry["code"] for entry in kept["codes"]] == codes[:1]

    (spec_copy / "web.yaml").unlink()  # a first import of the platform: nothing to remove
    assert run(spec_copy, "import")[0] == 0


# -- 3. sources are read from inside the spec folder only --------------------------------------

SECRET = "root:x:0:0:SECRET-OF-ANOTHER-FILE"


def _symlink_out(spec_dir: Path) -> str:
    outside = spec_dir.parent / "secret.md"
    outside.write_text(SECRET, encoding="utf-8")
    (spec_dir / "sources" / "ios.en.md").unlink()
    (spec_dir / "sources" / "ios.en.md").symlink_to(outside)
    return "sources/ios.en.md"


def _symlink_to_dev_zero(spec_dir: Path) -> str:
    (spec_dir / "sources" / "zero.md").symlink_to("/dev/zero")
    return "sources/zero.md"


def _folder(spec_dir: Path) -> str:
    (spec_dir / "sources" / "folder.md").mkdir()
    return "sources/folder.md"


def _too_big(spec_dir: Path) -> str:
    with (spec_dir / "sources" / "big.md").open("wb") as stream:
        stream.truncate(16 * 2**20 + 1)  # sparse: no disk space taken
    return "sources/big.md"


def _outside(spec_dir: Path) -> str:
    (spec_dir.parent / "outside.md").write_text(SECRET, encoding="utf-8")
    return "../outside.md"


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_outside, "goes up with '..': sources are read from inside the spec folder only; give its path from there"),
        (
            lambda spec_dir: "/etc/passwd",
            "is an absolute path: sources are read from inside the spec folder only; give its path from there",
        ),
        (_symlink_out, "leads outside the spec folder through a symbolic link: sources are read from inside it only"),
        (
            _symlink_to_dev_zero,
            "leads outside the spec folder through a symbolic link: sources are read from inside it only",
        ),
        (_folder, "is a folder, not a regular file"),
        (_too_big, "is 16,777,217 bytes, more than the 16 MiB (16,777,216 bytes) a source may be"),
        (lambda spec_dir: "sources/" + "x" * 300 + ".md", "cannot be read: File name too long"),
    ],
    ids=["dot-dot", "absolute", "symlink-out", "dev-zero", "folder", "too-big", "300-characters"],
)
def test_a_source_outside_the_spec_folder_or_not_a_regular_file_is_refused_unread(
    mini_spec: Make, make: Callable[[Path], str], problem: str
) -> None:
    spec_dir = mini_spec({"ios.en.md": html_page("iOS", [("1", "One", "one")]), "ios.zh.md": html_page("iOS", [])})
    file = make(spec_dir)
    manifest = spec_dir / "sources.yaml"
    manifest.write_text(MINI_MANIFEST.replace("file: sources/ios.en.md", f"file: {file}"), encoding="utf-8")
    line = manifest_line(spec_dir, f"file: {file}")
    before = snapshot(spec_dir)
    code, out, err = run(spec_dir, "import")
    assert (code, err) == (1, f"error: mini/sources.yaml:{line}: source file {file} {problem}\n")
    assert "SECRET" not in out + err
    assert snapshot(spec_dir) == before


def test_a_nul_byte_in_a_file_name_is_a_message(mini_spec: Make) -> None:
    spec_dir = mini_spec({}, MINI_MANIFEST.replace("file: sources/ios.en.md", 'file: "sources/ios\\0.en.md"'))
    code, _, err = run(spec_dir, "import")
    line = manifest_line(spec_dir, "ios\\0.en.md")
    assert (code, err) == (
        1,
        f"error: mini/sources.yaml:{line}: source file 'sources/ios\\x00.en.md' holds a control character "
        "(a NUL byte, a line break): name the file as it is named on disk\n",
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(mini_spec: Make) -> None:
    spec_dir = mini_spec({"ios.zh.md": html_page("iOS", [])})
    fifo = spec_dir / "sources" / "ios.en.md"
    os.mkfifo(fifo)
    outcome: list[tuple[int, str, str]] = []
    importing = threading.Thread(target=lambda: outcome.append(run(spec_dir, "import")), daemon=True)
    importing.start()
    importing.join(timeout=20)
    if importing.is_alive():  # it opened the FIFO: let it go, and fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("the import waited on a FIFO")
    line = manifest_line(spec_dir, "file: sources/ios.en.md")
    assert outcome == [
        (1, "", f"error: mini/sources.yaml:{line}: source file sources/ios.en.md is a FIFO, not a regular file\n")
    ]


def test_a_symlink_that_stays_in_the_spec_folder_is_read(mini_spec: Make) -> None:
    spec_dir = mini_spec({"ios.zh.md": html_page("iOS", [("1", "One", "一")])})
    (spec_dir / "pages").mkdir()
    (spec_dir / "pages" / "ios.en.md").write_text(html_page("iOS", [("1", "One", "one")]), encoding="utf-8")
    (spec_dir / "sources" / "ios.en.md").symlink_to(Path("..") / "pages" / "ios.en.md")
    code, _, err = run(spec_dir, "import")
    assert code == 0
    assert "  sources/ios.en.md: 1 rows read = 1 in the spec + 0 reported with a reason\n" in err


# -- 4. an SDK message is verbatim: a no-break space stays one --------------------------------


def test_a_no_break_space_in_a_message_is_kept(mini_spec: Make) -> None:
    pages = {
        "ios.en.md": html_page(
            "iOS", [("1", "Network&nbsp;error:&nbsp;&nbsp;%s", "No&nbsp;network"), ("2", "&nbsp;", "x")]
        ),
        "ios.zh.md": PIPE_TABLE.replace("| 1 | One | one |", "| 1 | Network&nbsp;error:&nbsp;&nbsp;%s | 网络 |"),
    }
    english, chinese = MINI_MANIFEST.split("file: sources/ios.zh.md")
    spec_dir = mini_spec(
        pages, english + "file: sources/ios.zh.md" + chinese.replace("format: html", "format: markdown")
    )
    assert run(spec_dir, "import")[0] == 0
    entries = {entry["code"]: entry for entry in yaml.safe_load((spec_dir / "ios.yaml").read_text("utf-8"))["codes"]}
    assert entries[1]["message"] == "Network\u00a0error:\u00a0\u00a0%s"  # both pages agree: no message-differs
    assert not [finding for finding in entries[1].get("findings", []) if finding["kind"] == "message-differs"]
    assert entries[1]["description"]["en"] == "No network"  # prose is prose: spaces collapse
    assert entries[2]["message"] == ""  # a cell of a no-break space only has no message


def test_a_javadoc_row_whose_name_is_a_row_header_is_read() -> None:
    # javadoc 11 and later write the constant's name in <th scope="row">: those rows were skipped.
    page = (
        '<table class="constantsSummary"><caption><span>com.example.ErrorCode</span></caption>\n'
        "<tr><th>Modifier and Type</th><th>Constant Field</th><th>Value</th></tr>\n"
        '<tr><td><code>public static final int</code></td><th scope="row"><code>NO_NETWORK</code></th>'
        "<td><code>871310</code></td></tr>\n"
        "<tr><td><code>public static final int</code></td><td><code>872000</code></td></tr>\n"
        "</table>\n"
    )
    declared = read_api_reference(
        page, ApiSource("sources/constants.html", "javadoc", "android", "android", None, 1), ""
    )
    assert [(constant.name, constant.code, constant.source.line) for constant in declared.constants] == [
        ("NO_NETWORK", 871310, 3)
    ]
    [rejected] = declared.rejected
    assert (rejected.source.line, rejected.reason) == (4, "a row of 2 cell(s), not a constant's type, name and value")


# -- 5. the real sources, mutated: refused by name, or every row accounted for -----------------


@dataclass(frozen=True)
class SourceEdit:
    """An edit of a real page that the vendor's pages could suffer, beside test_properties' manglings:
    `at` picks the place, modulo the candidates' count."""

    kind: str
    at: int
    variant: int

    def apply(self, text: str) -> str:
        if self.kind == "comment-line":  # a comment between two lines, as an editor leaves one
            lines = text.split("\n")
            lines.insert(self.at % len(lines), "<!-- TODO: check the codes below -->")
            return "\n".join(lines)
        patterns = {"typo-code": r"(?<![0-9])[0-9]{3,}(?![0-9])", "break-tag": r"</?[A-Za-z]+[^<>]*>"}
        patterns["delimiter"] = r"(?m)^ *\|?(?: *:?-+:? *\|)+ *:?-*:? *\|? *$"
        found = list(re.finditer(patterns[self.kind], text))
        if not found:
            return text
        match = found[self.at % len(found)]
        old = match.group()
        changes = {
            "typo-code": [old[:-1] + "O", old[:1] + "l" + old[2:], old[1:], old + "x"],
            "break-tag": [old[:-1], old[1:], old.replace("<", "< ", 1), old[:2] + "x" + old[2:], ""],
            "delimiter": [old.rsplit("|", 2)[0] + "|", old + "---|", old.replace("-", "=", 1), "|---|"],
        }[self.kind]
        return text[: match.start()] + changes[self.variant % len(changes)] + text[match.end() :]


SOURCE_EDITS = st.builds(
    SourceEdit,
    st.sampled_from(["comment-line", "typo-code", "typo-code", "break-tag", "delimiter"]),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
)


@settings(FAST, max_examples=120)
@given(st.sampled_from(SEED_MANIFEST.sources), st.lists(st.one_of(MANGLINGS, SOURCE_EDITS), min_size=1, max_size=3))
def test_mutated_real_sources_are_refused_by_name_or_every_row_is_accounted_for(
    page: SourcePage, edits: list[Mangling | SourceEdit]
) -> None:
    text = (SPEC / page.file).read_text(encoding="utf-8")
    for edit in edits:
        text = edit.apply(text)
    manifest = replace(SEED_MANIFEST, sources=(page,), api_references=())
    with tempfile.TemporaryDirectory() as folder:
        spec_dir = Path(folder) / "spec"
        (spec_dir / page.file).parent.mkdir(parents=True)
        (spec_dir / page.file).write_text(text, encoding="utf-8")
        refused: InputError | None = None
        try:
            read = read_sources(spec_dir, manifest)
        except InputError as error:
            refused = error
    if refused is not None:  # refused: it names the page (or the manifest's line for it), and why
        assert refused.file in (page.file, manifest.name), refused
        assert refused.problem
        return
    account = row_accounts(reconcile(read.pages, manifest)).get(page.file, RowAccount(0, 0, 0))
    # Rows read, counted from the page's text apart from its tables = in the spec + reported.
    assert account.read == read.rows_read[page.file]
