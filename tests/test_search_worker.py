"""errorspec's search worker reads pasted text as the command line does (pasted.py's Catalogue.read is
the reference): the worker of the real site, run in headless Chromium, against the corpus of pasted
inputs and a few harder ones; what site.py tells the worker; and a catalogue of more matches than
the worker sends, whose last result says how many more there are."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from conftest import SPEC, QuietHandler, open_page, serve
from errorspec.model import CodeRange, Entry, Language, PlatformSpec, Spec
from errorspec.publish.interface import UI
from errorspec.publish.site import language_site
from errorspec.sources.manifest import load_manifest
from errorspec.spec.pasted import RULES, Catalogue, Known
from errorspec.spec.specfiles import load_spec

CORPUS: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "fixtures" / "pasted.yaml").read_text("utf-8"))
SPEC_DATA = load_spec(SPEC, load_manifest(SPEC))
# Inputs the corpus does not hold: full-width characters, leading zeros and signs, numbers too long
# for a JavaScript number (and for a code), several codes in one log, messages in another case with
# a placeholder filled across words, or at their end.
HARDER = [
    "ＥｒｒｏｒＣｏｄｅ＝８７１３１０",
    "code 0 and 0871310 and -0",
    "status=-5",
    "errorCode=9007199254740993",
    "errorCode=12345678901234567 and errorCode=123456789012345678901234567890",
    "E/JMRTC: can not send invite signaling message . state error. cur state is CALLING_OUT.",
    "E/JMessage: code=871310\nE/JMessage: code=871305\nW/JMRTC: errCode=872106 and 871310 again",
    "INVITE USER FAILED. USER Alice Smith IS ALREADY IN CHAT!!",
    "kJMSGErrorSDKUserNotLogin kjmsgerrorsdkuserNotLogin RTC_INVITE_MYSELF_ERROR",
]
WORKER = "search/errorspec-worker.js"

# Posts each query to a worker of the page's site and gathers its answers: for each, its items as
# {location, reasons, note, more}. The first query is a word, answered only once the entries have
# arrived (a code would be answered from its file before them).
ASK = """
const [worker, queries, done] = arguments
const search = new Worker(worker)
const answers = new Map()
let warm = false
search.onmessage = ({data: message}) => {
  if (message.type !== 3) return
  if (!warm) { warm = true; for (const query of queries) search.postMessage({type: 2, data: query}); return }
  const parser = new DOMParser()
  answers.set(message.data.query, {total: message.data.total, items: message.data.items.map(([item]) => {
    const title = parser.parseFromString(item.title, "text/html")
    const matched = title.querySelector("[data-errorspec-reasons]")
    return {location: item.location, reasons: matched ? matched.dataset.errorspecReasons.split(" ") : [],
            note: item.errorspec.note, more: item.errorspec.more || null}
  })})
  if (answers.size === queries.length) { search.terminate(); done(queries.map(query => answers.get(query))) }
}
search.onerror = event => done(String(event.message))
search.postMessage({type: 0, data: {docs: [], config: {}}})
search.postMessage({type: 2, data: "warm"})
"""


def url_for(src: str) -> str:
    """A docs file's URL, as MkDocs gives it with directory URLs."""
    return src.removesuffix("index.md") if src.endswith("index.md") else f"{src[:-3]}/"


def ask(browser: Any, worker: str, queries: list[str]) -> list[dict[str, Any]]:
    browser.set_script_timeout(30)
    answers = browser.execute_async_script(ASK, worker, queries)
    assert isinstance(answers, list), answers  # else the worker's error
    return answers


def catalogue(spec: Spec) -> Catalogue:
    """The spec as the command line reads pastes against it: every code in the spec's order."""
    known = [
        Known(platform.platform, entry.code, entry.message, tuple(constant.name for constant in entry.constants))
        for platform in spec.platforms
        for entry in platform.entries
    ]
    return Catalogue(
        known, [(platform.platform, item.prefix) for platform in spec.platforms for item in platform.ranges]
    )


def expected(reading_of: Catalogue, paste: str) -> list[tuple[str, list[str]]]:
    """What the worker's answer starts with, as (location, reasons) in the real site (a page per
    platform): each code the paste holds, best first; then each number given as a code that is none
    (its permanent URL), followed by the codes nearest it."""
    reading = reading_of.read(paste)
    items = [(f"{match.platform}/#{match.code}", [reason for reason, _ in match.reasons]) for match in reading.matches]
    shown = {location for location, _ in items}
    for number in reading.not_codes:
        items.append((f"codes/#{number.number}", []))
        for code in number.nearest:
            for index in reading_of.by_code[code]:
                location = f"{reading_of.known[index].platform}/#{code}"
                if location not in shown:
                    items.append((location, []))
                    shown.add(location)
    return items


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


def test_every_rule_is_a_javascript_pattern_with_the_u_flag(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}404.html")
    patterns = {name: value for name, value in RULES.items() if isinstance(value, str)}
    refused = browser.execute_script(
        "const refused = {}"
        "; for (const [name, source] of Object.entries(arguments[0]))"
        " try { new RegExp(source, 'u') } catch (error) { refused[name] = error.message }"
        "; return refused",
        patterns,
    )
    assert refused == {}


def test_the_worker_reads_pastes_as_the_command_line_does(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}404.html")
    pastes = [case["paste"] for case in CORPUS] + HARDER
    reading_of = catalogue(SPEC_DATA)
    for paste, answer in zip(pastes, ask(browser, f"{base_url}{WORKER}", pastes), strict=True):
        want = expected(reading_of, paste)
        got = [(item["location"], item["reasons"]) for item in answer["items"][: len(want)]]
        assert got == want, paste
        # After them come codes that only have the paste's words (none here holds a paste's reasons).
        assert not any(item["reasons"] for item in answer["items"][len(want) :]), paste


def test_the_worker_says_what_matched_in_the_sites_language(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}404.html")
    paste = '{"error": {"code": 899008, "message": "Basic authentication failed"}}'
    english, chinese = (ask(browser, f"{base_url}{root}{WORKER}", [paste])[0]["items"][0] for root in ("", "zh/"))
    assert english["note"] == "Matched: code 899008 · message"
    assert chinese["note"] == "匹配：错误码 899008 · 消息"


def test_the_worker_is_told_the_command_lines_rules_and_the_sites_ranges() -> None:
    ranges = (CodeRange("86", {"en": None, "zh": "iOS SDK 内部的错误码"}), CodeRange("87", {"en": "Other", "zh": None}))
    entries = (Entry(860001, "failed", {"en": "Failed.", "zh": "失败。"}, {}, "ok"),)
    platform = PlatformSpec("ios", None, {"en": "iOS"}, {}, {}, {}, {}, (), entries, ranges=ranges)
    spec = Spec((Language("en", "English", "Latn"), Language("zh", "中文", "Hani")), (platform,))
    for lang, root, said in [
        # [platform, prefix, description, and where it is another language's: that language, the marker]
        ("en", "", [["iOS", "86", "iOS SDK 内部的错误码", "zh", "Chinese only"], ["iOS", "87", "Other"]]),
        ("zh", "zh/", [["iOS", "86", "iOS SDK 内部的错误码"], ["iOS", "87", "Other", "en", "仅英文"]]),
    ]:
        site = language_site(spec, lang, url_for, root)
        written = {path: "".join(pieces) for path, pieces in site.extra_files()}
        settings = json.loads(re.search(r"\nconst SETTINGS = (.*)\n", written[root + WORKER])[1])
        assert settings["rules"] == json.loads(json.dumps(RULES))  # written from pasted.py, never typed again
        assert settings["ranges"] == said
        assert settings["resolver"] == f"{root}codes/"
        assert settings["texts"]["notCode"] == UI[lang]["search.not_code"]


def test_a_codes_entry_has_the_other_languages_text_where_it_differs() -> None:
    entries = (
        Entry(1, "one", {"en": "Network down.", "zh": "网络断开。"}, {}, "ok"),
        Entry(2, "two", {"en": "Only English.", "zh": None}, {}, "untranslated"),
        Entry(3, "three", {"en": "Same", "zh": "Same"}, {}, "ok"),
    )
    platform = PlatformSpec("sdk", None, {"en": "SDK"}, {}, {}, {}, {}, (), entries)
    spec = Spec((Language("en", "English", "Latn"), Language("zh", "中文", "Hani")), (platform,))
    for lang, root, other in [("en", "", {"zh": "网络断开。"}), ("zh", "zh/", {"en": "Network down."})]:
        site = language_site(spec, lang, url_for, root)
        text = "".join(dict(site.extra_files())[f"{root}search/errorspec-index.js"])
        by_code = {entry[0].rsplit("#", 1)[1]: entry for entry in json.loads(text.split("=", 1)[1]) if "#" in entry[0]}
        assert by_code["1"][4:] == [[], other]
        # Code 2 shows its English text on both sites (marked as a fallback on the Chinese one); 3 has one text.
        assert by_code["2"][4:] == []
        assert by_code["3"][4:] == []


def test_past_the_limit_the_last_result_says_how_many_more(browser: Any, tmp_path: Path) -> None:
    entries = tuple(Entry(100000 + n, f"request failed {n}", {"en": f"Failed {n}."}, {}, "ok") for n in range(2000))
    platform = PlatformSpec("sdk", None, {"en": "SDK"}, {}, {}, {}, {}, (), entries)
    site = language_site(Spec((Language("en", "English", "Latn"),), (platform,)), "en", url_for)
    for path, pieces in site.extra_files():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("".join(pieces), encoding="utf-8")
    (tmp_path / "blank.html").write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    with serve(tmp_path) as base:
        open_page(browser, f"{base}blank.html")
        failed, one = ask(browser, f"{base}{WORKER}", ["failed", "request failed 1999"])
    assert failed["total"] == 2000
    assert len(failed["items"]) == 501
    assert failed["items"][-1] == {
        "location": "codes/",
        "reasons": [],
        "note": "1500 more matches are not shown: refine the search",
        "more": 1500,
    }
    # Fewer matches: all of them, and nothing more to say ("request failed 199" is another message;
    # the code is on the fourth page of 500).
    assert one == {
        "total": 1,
        "items": [{"location": "sdk/4/#101999", "reasons": ["message"], "note": "Matched: message", "more": None}],
    }


class _SlowIndexHandler(QuietHandler):
    """Serves a site, but each language's errorspec-index.js only after INDEX_DELAY seconds."""

    def do_GET(self) -> None:
        if self.path.endswith("/errorspec-index.js"):
            time.sleep(INDEX_DELAY)
        super().do_GET()


INDEX_DELAY = 3.0

# Posts one query as soon as the worker has started, and gives its first answer and when it came.
FIRST_ANSWER = """
const [worker, query, done] = arguments
const search = new Worker(worker)
const start = performance.now()
search.onmessage = ({data: message}) => {
  if (message.type !== 3) return
  search.terminate()
  done({ms: performance.now() - start, locations: message.data.items.map(([item]) => item.location)})
}
search.onerror = event => done(String(event.message))
search.postMessage({type: 0, data: {docs: [], config: {}}})
search.postMessage({type: 2, data: query})
"""


def test_a_pasted_log_line_is_answered_from_the_code_files_before_the_entries_arrive(
    browser: Any, real_site: Path
) -> None:
    # A large catalogue's entries take a while to arrive: the codes a paste gives by number do not wait.
    with serve(real_site, _SlowIndexHandler) as base:
        open_page(browser, f"{base}404.html")
        browser.set_script_timeout(30)
        paste = "11-30 05:39:30.123 E JMessage: gotResult: responseCode:871310 ,responseMessage:Network not available"
        first = browser.execute_async_script(FIRST_ANSWER, f"{base}{WORKER}", paste)
        assert isinstance(first, dict), first
        assert first["locations"][:1] == ["android/#871310"]
        assert first["ms"] < INDEX_DELAY * 1000 / 2
        first = browser.execute_async_script(FIRST_ANSWER, f"{base}zh/{WORKER}", "no code in these words")
        assert first["ms"] > INDEX_DELAY * 1000  # words wait for the entries


class _RecordingHandler(QuietHandler):
    """Serves a site and notes each path it is asked for, in order."""

    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.asked.append(self.path)
        super().do_GET()


def test_opening_a_page_does_not_fetch_the_entries(browser: Any, real_site: Path) -> None:
    # Material asks its worker for the search box's empty query as soon as the worker is ready, while
    # the page loads. That finds nothing and needs no entries (megabytes in a large catalogue, which
    # would be fetched and read while the page is shown): the search box says it is ready at once.
    from selenium.webdriver.support.ui import WebDriverWait

    _RecordingHandler.asked = []
    ready = "return document.querySelector('.md-search-result__meta').textContent.trim()"
    with serve(real_site, _RecordingHandler) as base:
        browser.get(f"{base}android/#871310")
        said = WebDriverWait(browser, 10, poll_frequency=0.02).until(lambda driver: driver.execute_script(ready))
        asked = list(_RecordingHandler.asked)
    assert said == "Type to start searching"
    assert "/search/errorspec-worker.js" in asked
    assert not [path for path in asked if path.endswith("errorspec-index.js")]
