"""Issue 19: a site built from a spec whose every text is hostile runs none of it in a browser.

A copy of the real spec gets a filter-evasion vector (OWASP's cheat sheet) in every text field:
language names, platform titles, intros, hints, related links (titles and `javascript:` URLs), code
messages, descriptions, causes, solutions and constants' comments, errorspec's `site_name` and two
git release tags on the "What changed" page (which shows no commit message). Every page, in both
languages, opens in headless Chromium with a detector installed before any script runs; every link
from spec text is clicked, every copy control of a hostile row too, and the permanent-URL page gets
hostile hashes. Control characters are
refused by `errorspec check`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from selenium.common.exceptions import UnexpectedAlertPresentException
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SPEC, build_site, open_page, run_cli, serve, write_config

# Each vector calls alert(N), N its index, so that a failure names the vector that ran. "ZQ" marks
# every hostile text, and the links a text makes, for the browser test to find them.
VECTORS = [
    "<img src=x onerror=alert(0)>",
    "<svg onload=alert(1)>",
    '"><script>alert(2)</script>',
    "[ZQ link 3](javascript:alert(3))",
    '<a href="jav&#x09;ascript:alert(4)">ZQ link 4</a>',
    '<iframe srcdoc="&lt;script&gt;parent.alert(5)&lt;/script&gt;"></iframe>',
    '<!--<img src="--><img src=x onerror=alert(6)//">',
    "</script><script>alert(7)</script>",
    "tpl{{7*7}}tpl {% raw %}",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(9)">ZQ link 9</a>',
    "<details open ontoggle=alert(10)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(11)>",
    "[ZQ link 12](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=)",
    '" autofocus onfocus="alert(13)" \' onmouseover=\'alert(13)\' x="',
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(14)//'>",
    "<!--<script>alert(15)</script>-->",
]
URLS = [
    "javascript:alert(20)",
    "JaVaScRiPt:alert(21)",
    " javascript:alert(22)",
    "jav&#x09;ascript:alert(23)",
    "data:text/html,<script>alert(24)</script>",
    "vbscript:alert(25)",
    '"><img src=x onerror=alert(26)>',
    "javascript&colon;alert(27)",
]
SUBJECTS = ['"><img src=x onerror=alert(40)> tpl{{7*7}}tpl', "</script><script>alert(41)</script> <!--"]
# Release tags: git allows <, >, ", {, ( and = in a tag's name, though not a space or *.
TAGS = ['"><img/src=x/onerror=alert(43)>tpl{{7+42}}tpl', "</script><script>alert(44)</script>x<!--"]
# errorspec's site_name names the other languages' sites; MkDocs' own `site_name` (the default
# language's) is the host's HTML, which Material prints as it is, so it is left alone here.
SITE_NAMES = {"en": "codes</title><script>alert(30)</script>", "zh": '错误码"><img src=x onerror=alert(31)>'}
LANGUAGE_NAMES = {"en": "English<img src=x onerror=alert(32)>", "zh": '中文"><svg onload=alert(33)>'}
HASHES = [
    "%E0%A4%A",
    "%",
    "%ZZ",
    "constructor/0",
    "__proto__/1",
    "android/9007199254740993",
    "<img src=x onerror=alert(50)>",
]
PER_PLATFORM = len(VECTORS)  # codes per platform given a hostile message and description

# Installed before any page's own script: dialogs, uncaught errors and rejections are recorded in
# sessionStorage, which outlives a redirect within the site.
DETECTOR = """
(() => {
  const record = (kind, detail) => {
    const entry = kind + ': ' + detail + ' (' + location.href + ')'
    try {
      const log = JSON.parse(sessionStorage.getItem('__hostile') || '[]')
      log.push(entry)
      sessionStorage.setItem('__hostile', JSON.stringify(log))
    } catch (error) {}
  }
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => record('ran', name + '(' + args.map(String).join(', ') + ')')
  }
  window.addEventListener('error', event => {
    if (event instanceof ErrorEvent) record('uncaught', event.message + ' at ' + event.filename + ':' + event.lineno)
  }, true)
  window.addEventListener('unhandledrejection', event => record('unhandled rejection', String(event.reason)))
})()
"""


def hostile(index: int) -> str:
    return f"ZQ{index} {VECTORS[index % len(VECTORS)]}"


def make_hostile(spec_dir: Path) -> None:
    """Every text field of the spec, a vector; constants' names are pattern-checked, so kept."""
    manifest_path = spec_dir / "sources.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    for language in manifest["languages"]:
        language["name"] = LANGUAGE_NAMES[language["id"]]
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    counter = 0
    for path in sorted(spec_dir.glob("*.yaml")):
        if path.name == "sources.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in ("title", "intro", "hint"):
            data[field] = {lang: hostile(counter + offset) for offset, lang in enumerate(("en", "zh"))}
            counter += 2
        data["related"] = {
            lang: [{"title": hostile(counter + index), "url": url} for index, url in enumerate(URLS[offset::2])]
            for offset, lang in enumerate(("en", "zh"))
        }
        counter += 1
        for index, entry in enumerate(data["codes"][:PER_PLATFORM]):
            entry["message"] = hostile(index)
            entry["description"] = {"en": hostile(index + 1), "zh": hostile(index + 2)}
            for constant in entry.get("constants", {}).values():
                constant["comment"] = hostile(index + 3)
        first = data["codes"][0]
        first["causes"] = {"en": hostile(4), "zh": hostile(5)}
        first["solutions"] = {"en": hostile(6), "zh": hostile(7)}
        first["deprecated"] = hostile(8)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.name=ZQ <img src=x onerror=alert(42)>", "-c", "user.email=zq@example.com"]
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    command = ["git", "-C", str(folder), *identity, "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, check=True, capture_output=True, env=environment)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the hostile spec, built once: two commits, each with a hostile subject and tag."""
    root = tmp_path_factory.mktemp("hostile")
    spec_dir = root / "spec"
    shutil.copytree(SPEC, spec_dir)
    git(spec_dir, "init", "-q")
    git(spec_dir, "add", "-A")
    git(spec_dir, "commit", "-q", "-m", SUBJECTS[0])
    git(spec_dir, "tag", TAGS[0])
    make_hostile(spec_dir)
    git(spec_dir, "commit", "-q", "-a", "-m", SUBJECTS[1])
    git(spec_dir, "tag", TAGS[1])
    options = {"site_name": SITE_NAMES, "history": 2}
    return build_site(write_config(root, spec_dir, options), root / "site")


def pages(site: Path) -> list[str]:
    """Every generated page's path in the site, in both languages."""
    paths = [path.relative_to(site).parent.as_posix() for path in site.rglob("index.html")]
    return [*sorted(f"{path}/" if path != "." else "" for path in paths), "404.html"]


def test_every_language_and_page_is_built(site: Path) -> None:
    built = pages(site)
    for path in ("", "ios/", "server/", "status/", "changes/", "codes/", "zh/", "zh/ios/", "zh/changes/"):
        assert path in built


def test_no_template_runs_and_the_texts_read_verbatim(site: Path) -> None:
    for path in site.rglob("*.html"):
        assert "tpl49tpl" not in path.read_text(encoding="utf-8"), path
    ios = BeautifulSoup((site / "ios" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "tpl{{7*7}}tpl" in ios.get_text()
    changes = BeautifulSoup((site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert all(tag in changes.select_one("article").get_text() for tag in TAGS)


def test_no_payload_survives_as_markup(site: Path) -> None:
    """Static: no handler attribute, no script URL, no payload element, on any page."""
    found = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(site).as_posix()
        for tag in soup.find_all(True):
            handlers = [attribute for attribute in tag.attrs if attribute.lower().startswith("on")]
            if handlers:
                found.append(f"{name}: <{tag.name} {' '.join(handlers)}>")
            for attribute in ("href", "src", "action", "formaction", "srcdoc"):
                value = re.sub(r"[\x00-\x20]", "", str(tag.get(attribute, ""))).lower()
                if value.startswith(("javascript:", "vbscript:", "data:text/html")) or (
                    attribute == "srcdoc" and value
                ):
                    found.append(f"{name}: <{tag.name} {attribute}={tag[attribute]!r}>")
        # What a vector leaves when its markup survives: a frame, an element with a handler, an image
        # of x; a disclosure but errorspec's own (a row's "What to do").
        for tag in soup.find_all(["iframe", "details", "math", "img"]):
            if tag.name == "details" and tag.get("class") == ["errorspec-todo"]:
                continue
            if tag.name != "img" or tag.get("src") == "x":
                found.append(f"{name}: {str(tag)[:80]}")
        for script in soup.find_all("script"):
            if re.search(r"alert\((\d+)\)", script.get_text()) and not script.get("type", "").endswith("json"):
                found.append(f"{name}: a script holds {script.get_text()[:80]!r}")
    assert not found, "\n".join(dict.fromkeys(found))


@pytest.fixture(scope="module")
def detector(browser: Any) -> Iterator[Any]:
    """The session's browser with the detector in every new document, for this module only."""
    installed = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DETECTOR})
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": installed["identifier"]})


def read_log(browser: Any) -> list[str]:
    """What the detector recorded since the last read (the tab's sessionStorage, on the site's origin)."""
    try:
        log = browser.execute_script(
            "try { const log = sessionStorage.getItem('__hostile') || '[]';"
            " sessionStorage.removeItem('__hostile'); return log } catch (error) { return '[]' }"
        )
    except UnexpectedAlertPresentException as error:  # a dialog the detector did not catch
        return [f"ran: a real dialog: {error.alert_text}"]
    return list(json.loads(log))


def settle(browser: Any) -> None:
    time.sleep(0.15)
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script("return document.readyState") == "complete")


def problems(browser: Any, base: str, where: str) -> list[str]:
    """What is wrong now: a payload ran, an uncaught error, left the site, a blank page, a new window."""
    found = [f"{where}: {entry}" for entry in read_log(browser)]
    if len(browser.window_handles) > 1:
        for handle in browser.window_handles[1:]:
            browser.switch_to.window(handle)
            found.append(f"{where}: opened a window at {browser.current_url}")
            browser.close()
        browser.switch_to.window(browser.window_handles[0])
    if not browser.current_url.startswith(base):
        found.append(f"{where}: left the site for {browser.current_url}")
    elif not browser.execute_script("return document.body !== null && document.body.innerText.trim() !== ''"):
        found.append(f"{where}: a blank page")
    return found


# Links whose text comes from the spec, but that do not lead to a page of the site (that one is
# opened anyway): a hostile `href`, or none.
SPEC_LINKS = """
return [...document.querySelectorAll('a')].map((a, index) => [index, a, a.getAttribute('href')])
  .filter(([index, a, href]) => a.textContent.includes('ZQ')
    && !(href !== null && a.protocol.startsWith('http') && a.href.startsWith(arguments[0])))
  .map(([index, a, href]) => ({index, href, text: a.textContent.trim().slice(0, 60)}))
"""


def test_no_payload_runs_and_no_link_leaves_the_site(site: Path, detector: Any) -> None:
    found = []
    clicked = 0
    with serve(site) as base:
        open_page(detector, base)
        read_log(detector)
        for path in pages(site):
            open_page(detector, base + path)
            found += problems(detector, base, path)
            for link in detector.execute_script(SPEC_LINKS, base):
                if not detector.current_url.startswith(base + path):
                    open_page(detector, base + path)
                    read_log(detector)
                clicked += 1
                detector.execute_script("document.querySelectorAll('a')[arguments[0]].click()", link["index"])
                settle(detector)
                found += problems(detector, base, f"{path} link {link['text']!r} href={link['href']!r}")
    assert clicked > 0
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_permanent_url_page_survives_hostile_hashes(site: Path, detector: Any) -> None:
    found = []
    with serve(site) as base:
        for prefix in ("", "zh/"):
            for fragment in HASHES:
                open_page(detector, "about:blank")
                open_page(detector, f"{base}{prefix}codes/#{fragment}")
                settle(detector)
                found += problems(detector, base, f"{prefix}codes/#{fragment}")
    assert not found, "\n".join(dict.fromkeys(found))


# Each hostile row's copy controls: the row's code and message, and what each control copies.
COPIED = """
return [...document.querySelectorAll('button.errorspec-copy-markdown')].slice(0, arguments[0]).map(button => ({
  code: button.closest('tr').querySelector('a').textContent,
  message: button.closest('tr').cells[1].querySelector(':scope > code').textContent,
  link: button.previousElementSibling.getAttribute('data-clipboard-text'),
  markdown: button.getAttribute('data-clipboard-text')}))
"""


def test_a_hostile_message_is_copied_as_text_in_a_markdown_link(site: Path, detector: Any) -> None:
    found = []
    with serve(site) as base:
        for prefix in ("", "zh/"):
            open_page(detector, f"{base}{prefix}ios/")
            read_log(detector)
            rows = detector.execute_script(COPIED, PER_PLATFORM)
            assert len(rows) == PER_PLATFORM
            for row in rows:
                assert row["link"] == f"{base}{prefix}codes/#ios/{row['code']}"
                # The Markdown link, as an issue tracker renders it: one link, its text the row's.
                tokens = MarkdownIt("commonmark").parseInline(row["markdown"])[0].children or []
                assert [tokens[0].type, tokens[-1].type] == ["link_open", "link_close"], row["markdown"]
                assert tokens[0].attrGet("href") == row["link"]
                assert "".join(token.content for token in tokens[1:-1]) == f"{row['code']} {row['message']}"
            detector.execute_script(
                "document.querySelectorAll('button.errorspec-copy').forEach(button => button.click())"
            )
            settle(detector)
            found += problems(detector, base, f"{prefix}ios/ copy controls")
    assert not found, "\n".join(dict.fromkeys(found))


# Control characters are refused where a text is checked: escaped in double quotes, as YAML reads them.
CONTROLS = ["\\0", "\\x1b", "\\x7f", "\\x85", "\\x9f", "\\ufffe", "\\uffff", "\\u2028", "\\u2029"]


@pytest.mark.parametrize("field", ["title", "description"])
@pytest.mark.parametrize("control", CONTROLS)
def test_check_refuses_a_control_character(spec_copy: Path, field: str, control: str) -> None:
    path = spec_copy / "ios.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    anchor = "title:\n" if field == "title" else "    description:\n"
    line = lines.index(anchor) + 1  # the English text, on the line after
    key, _, text = lines[line].partition(": ")
    lines[line] = f'{key}: "{text.strip()} {control} x"\n'
    path.write_text("".join(lines), encoding="utf-8")
    code, stdout, stderr = run_cli("check", spec_dir=spec_copy)
    assert code == 1, (stdout, stderr)
    assert f"ios.yaml:{line + 1}" in stdout + stderr
