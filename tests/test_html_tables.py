"""The HTML table reader on what real pages contain."""

from __future__ import annotations

from errorspec.sources.html_tables import html_table_line_spans, read_html_tables

BASE = "https://docs.example.com/sdk/"


def cells(text: str) -> list[list[str]]:
    tables, _ = read_html_tables(text, BASE)
    return [[cell.text for cell in row.cells] for row in tables[0].rows]


def test_spaced_tags_and_tabs() -> None:
    text = "<table>\n\t<tr >\n\t  <td>0</td>\n\t  <td>Success</td>\n\t  <td>success</td>\n\t</tr>\n</table>"
    assert cells(text) == [["0", "Success", "success"]]


def test_cell_split_over_lines_is_one_line_of_text() -> None:
    text = "<table><tr><td>871324</td><td>Illegal type.</td><td>Note that eventNotification\n    </td></tr></table>"
    assert cells(text) == [["871324", "Illegal type.", "Note that eventNotification"]]


def test_unclosed_cells_end_at_the_next_cell() -> None:
    text = "<table>\n<tr><td>2<td>msg two</td><td>d2\n</table>"
    assert cells(text) == [["2", "msg two", "d2"]]


def test_stray_closing_anchor_is_ignored_and_links_are_kept() -> None:
    text = '<table><tr><td>1</td><td>m</td><td>see <a href="../guide/">Guide</a></a> now</td></tr></table>'
    tables, _ = read_html_tables(text, BASE)
    description = tables[0].rows[0].cells[2]
    assert description.text == "see Guide now"
    assert description.markdown == "see [Guide](https://docs.example.com/guide/) now"


def test_entities_are_decoded_in_text_and_escaped_in_markdown() -> None:
    text = "<table><tr><td>1</td><td>a &amp; b &lt;x&gt; &#20320;</td><td>x &lt;y&gt;</td></tr></table>"
    tables, _ = read_html_tables(text, BASE)
    message, description = tables[0].rows[0].cells[1:]
    assert message.text == "a & b <x> 你"
    assert description.markdown == r"x \<y>"


def test_bold_header_row_and_empty_cells() -> None:
    text = "<table><tr><th><b>Code</b></th><th>Msg</th><th>Text</th></tr><tr><td>7</td><td></td><td> </td></tr></table>"
    tables, _ = read_html_tables(text, BASE)
    header, row = tables[0].rows
    assert header.header
    assert [cell.text for cell in header.cells] == ["Code", "Msg", "Text"]
    assert not row.header
    assert [cell.text for cell in row.cells] == ["7", "", ""]


def test_row_lines_are_the_lines_of_the_source() -> None:
    text = "intro\n\n<table>\n<tr><th>Code</th></tr><tr>\n<td>1</td><td>m</td><td>d</td>\n</tr></table>"
    tables, _ = read_html_tables(text, BASE)
    assert tables[0].line == 3
    assert [row.line for row in tables[0].rows] == [4, 4]


def test_nested_tables_do_not_leak_rows() -> None:
    text = "<table><tr><td>1</td><td>m</td><td><table><tr><td>inner</td></tr></table></td></tr></table>"
    tables, _ = read_html_tables(text, BASE)
    assert len(tables) == 1
    assert len(tables[0].rows) == 1


def test_html_headings_are_found_outside_tables() -> None:
    text = "<h2>JMessage <b>iOS</b></h2>\n<table><tr><td><h3>no</h3></td></tr></table>\n\n<H3 class=x>\nRTC</H3>"
    _, headings = read_html_tables(text, BASE)
    assert [(heading.line, heading.text) for heading in headings] == [(1, "JMessage iOS"), (4, "RTC")]


def test_a_less_than_sign_in_prose_does_not_swallow_the_table() -> None:
    tables, _ = read_html_tables(
        "Returned when `count<limit` fails.\n\n<table>\n<tr><td>1</td><td>m</td></tr>\n</table>", BASE
    )
    assert [(row.line, [cell.text for cell in row.cells]) for row in tables[0].rows] == [(4, ["1", "m"])]


def test_line_spans_cover_tables_and_run_an_unclosed_one_to_the_end() -> None:
    text = "a\n<TABLE border=1>\n<tr><td>1</td></tr>\n</table>\nb\n<!-- <table> -->\n<table>\n<tr>\nend"
    assert html_table_line_spans(text) == [(2, 4), (7, 9)]
