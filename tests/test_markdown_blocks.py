"""The Markdown reader: pipe tables, headings, prose and link lists, with their lines."""

from __future__ import annotations

from errorspec.sources.blocks import Heading, LinkList, Paragraph, Table
from errorspec.sources.markdown_blocks import blank_lines, read_markdown_blocks

BASE = "https://docs.example.com/sdk/"

PAGE = """\
# Title

## JMessage iOS

Codes that only appear in **iOS**.

| **Code** | **Error Message** | **Instructions** |
|----------|-------------------|------------------|
| 860015   | Network failed.   | Failed to download. |
| 860018   | a \\| b `c\\|d`     | see [guide](../guide/) |
| 860020   | extra | cells | here | too |
| 860021   |

If not found, check the [Server Error Code](https://docs.example.com/sdk/server/)

## Related Documents

-   [Android SDK Error Code](../client/android/)

+ [Server](./server/)
"""


def test_blocks_in_order_with_lines() -> None:
    blocks = read_markdown_blocks(PAGE, BASE)
    kinds = [(type(block).__name__, block.line) for block in blocks]
    assert kinds == [
        ("Heading", 1),
        ("Heading", 3),
        ("Paragraph", 5),
        ("Table", 7),
        ("Paragraph", 14),
        ("Heading", 16),
        ("LinkList", 18),
        ("LinkList", 20),
    ]
    heading = blocks[1]
    assert isinstance(heading, Heading)
    assert heading.text == "JMessage iOS"
    intro = blocks[2]
    assert isinstance(intro, Paragraph)
    assert intro.markdown == "Codes that only appear in <strong>iOS</strong>."


def test_pipe_table_rows_cells_and_extra_cells() -> None:
    table = next(block for block in read_markdown_blocks(PAGE, BASE) if isinstance(block, Table))
    header, first, second, third, fourth = table.rows
    assert header.header
    assert [cell.text for cell in header.cells] == ["Code", "Error Message", "Instructions"]
    assert [cell.text for cell in first.cells] == ["860015", "Network failed.", "Failed to download."]
    assert first.line == 9
    assert second.cells[1].text == "a | b c|d"
    assert second.cells[2].markdown == "see [guide](https://docs.example.com/guide/)"
    assert [cell.text for cell in third.extra_cells] == ["here", "too"]
    assert [cell.text for cell in fourth.cells] == ["860021", "", ""]


def test_link_lists_resolve_relative_links() -> None:
    lists = [block for block in read_markdown_blocks(PAGE, BASE) if isinstance(block, LinkList)]
    links = [link for block in lists for link in block.links]
    assert [(link.title, link.url) for link in links] == [
        ("Android SDK Error Code", "https://docs.example.com/client/android/"),
        ("Server", "https://docs.example.com/sdk/server/"),
    ]


def test_tag_only_lines_do_not_swallow_the_next_paragraph() -> None:
    text = "</table>\n</div>\n\n<br>\nIf not found, see [server](./server/)\n"
    blocks = read_markdown_blocks(blank_lines(text, []), BASE)
    assert blocks == [Paragraph(5, "If not found, see [server](https://docs.example.com/sdk/server/)")]


def test_blanked_spans_keep_line_numbers() -> None:
    text = "a\n<table>\n<tr><td>1</td></tr>\n</table>\n\n## After"
    assert blank_lines(text, [(2, 4)]) == "a\n\n\n\n\n## After"
