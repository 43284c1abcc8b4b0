"""Untrusted page text becomes safe inline Markdown."""

from __future__ import annotations

from bs4 import BeautifulSoup

from errorspec.sources.inline import element_markdown, markdown_fragment
from errorspec.text import escape_markdown

BASE = "https://docs.example.com/sdk/"


def convert(html: str) -> str:
    return element_markdown(BeautifulSoup(f"<table><tr><td>{html}</td></tr></table>", "html5lib").td, BASE)


def test_scripts_and_event_attributes_do_not_survive() -> None:
    result = convert('ok <script>alert(1)</script><img src=x onerror="alert(2)"><b onclick="x()">bold</b>')
    assert result == "ok <strong>bold</strong>"


def test_unsafe_link_schemes_become_plain_text() -> None:
    assert convert('<a href="javascript:alert(1)">click</a>') == "click"
    assert convert('<a href=" JaVaScRiPt:alert(1)">click</a>') == "click"
    assert convert('<a href="data:text/html,x">d</a>') == "d"


def test_relative_links_resolve_against_the_vendor_site() -> None:
    assert (
        convert('<a href="./im_errorcode_server/">server</a>')
        == "[server](https://docs.example.com/sdk/im_errorcode_server/)"
    )
    assert convert('<a href="../client/ios/">ios</a>') == "[ios](https://docs.example.com/client/ios/)"
    assert convert('<a href="https://other.example.org/x">x</a>') == "[x](https://other.example.org/x)"


def test_code_emphasis_and_line_breaks() -> None:
    assert convert("use <code>a`b</code> and <em>this</em><br>then") == "use ``a`b`` and <em>this</em><br>then"


def test_inline_tags_join_their_text_and_block_tags_separate_it() -> None:
    assert convert('错误<span style="color:red">码</span>无效') == "错误码无效"
    assert convert("<b>注意：</b>请检查参数") == "<strong>注意：</strong>请检查参数"
    assert convert("<p>one</p><p>two</p>") == "one two"


def test_markdown_specials_in_text_are_escaped_but_intraword_underscores_stay() -> None:
    assert escape_markdown("send_failed *x* [y] `z` <b> &amp; _a") == r"send_failed \*x\* \[y\] \`z\` \<b> \&amp; \_a"


def test_markdown_fragment_renders_links_and_keeps_raw_html() -> None:
    fragment = markdown_fragment('see [Guide](../guide/) or <a href="https://x.example/">x</a>')
    assert element_markdown(fragment, BASE) == "see [Guide](https://docs.example.com/guide/) or [x](https://x.example/)"


def test_a_stray_closing_tag_in_markdown_does_not_cut_the_text() -> None:
    fragment = markdown_fragment("before </td></span> after")
    assert element_markdown(fragment, BASE) == "before after"
