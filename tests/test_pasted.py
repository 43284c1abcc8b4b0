"""Whatever a developer pastes, read on the command line: `errorspec lookup TEXT` and
`errorspec explain LOG`, checked against the corpus of pasted inputs the search box is checked
against too (tests/fixtures/pasted.yaml)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SPEC, run_cli
from errorspec.spec.explain import BLOCK
from errorspec.spec.pasted import Catalogue, Known, message_pattern

CORPUS: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "fixtures" / "pasted.yaml").read_text("utf-8"))


def test_the_corpus_is_realistic_and_large_enough() -> None:
    assert len(CORPUS) >= 40
    kinds = {case.get("reason") for case in CORPUS}
    assert {"code", "number", "constant", "message"} <= kinds
    assert sum(case["first"] is None for case in CORPUS) >= 4  # numbers that are no code
    platforms = {case["first"].split("/")[0] for case in CORPUS if case["first"]}
    assert platforms == {"ios", "jmrtc-ios", "android", "jmrtc-android", "web", "server"}


@pytest.mark.parametrize("case", CORPUS, ids=[case["paste"][:40] for case in CORPUS])
def test_lookup_reads_each_pasted_input(case: dict[str, Any]) -> None:
    status, out, err = run_cli("lookup", case["paste"], "--format", "json")
    answers = json.loads(out)
    if case["first"] is None:
        assert status == 1
        assert answers == []
    else:
        assert status == 0, err
        first = answers[0]
        assert f"{first['platform']}/{first['code']}" == case["first"]
        assert case["reason"] in [matched["reason"] for matched in first["matched"]]
        offered = {f"{answer['platform']}/{answer['code']}" for answer in answers}
        assert set(case.get("also", [])) <= offered
    if "not_code" in case:
        assert f"{case['not_code']} is not a code of this catalogue." in err


def test_lookup_shows_why_a_paste_matched_best_first() -> None:
    paste = '{"error": {"code": 899008, "message": "Basic authentication failed"}}'
    status, out, _ = run_cli("lookup", paste, "--lang", "en")
    assert status == 0
    first, second = out.split("\n\n")[:2]
    assert first.splitlines()[:2] == [
        "899008  server  Server Error",
        "  matched: code 899008; message 'basic authentication failed'",
    ]
    # The same message, with a full stop, is code 898008's: offered after the code that was given.
    assert second.splitlines()[:2] == [
        "898008  server  Server Error",
        "  matched: message 'basic authentication failed'",
    ]


def test_a_number_that_is_no_code_is_placed_by_the_spec_s_ranges_and_nearest_codes() -> None:
    status, out, err = run_cli("lookup", 'Error Domain=JMSGErrorDomain Code=869998 "(null)"', "--lang", "zh")
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "869998 is not a code of this catalogue.",
        "  codes starting with 86 (JMessage iOS): iOS SDK 内部的错误码",
        "  nearest codes: 869999 (JMessage iOS), 871001 (JMRTC iOS), 871002 (JMRTC iOS), 871003 (JMRTC iOS), "
        "871004 (JMRTC iOS)",
    ]
    status, _, err = run_cli("lookup", "999999")
    assert status == 1
    assert err.startswith("999999 is not a code of this catalogue.\n  nearest codes: 899050 (Server Error), ")
    assert "codes starting with" not in err  # no range of the spec holds it


def test_a_word_that_is_no_code_constant_or_message_is_searched_as_words() -> None:
    status, out, err = run_cli("lookup", "聊天室", "--format", "json")
    assert status == 0
    assert err == "no code, constant or message in '聊天室'; the codes whose texts hold its words:\n"
    assert {answer["code"] for answer in json.loads(out)} >= {868001, 868002, 871323}
    status, _, err = run_cli("lookup", "nosuchwordanywhere")
    assert (status, err) == (1, "no code found for 'nosuchwordanywhere'\n")


def test_messages_match_filled_in_whatever_their_case_and_final_punctuation() -> None:
    catalogue = Catalogue([Known("rtc", 1, "invite user failed. user %s is already in chat."), Known("x", 2, "ok")])
    for paste in (
        "INVITE USER FAILED. USER 张三 IS ALREADY IN CHAT",
        "error: invite user failed.   user a b c is already in chat!",
    ):
        assert [(match.code, match.reasons[0][0]) for match in catalogue.read(paste).matches] == [(1, "message")]
    assert catalogue.read("reinvite user failed. user x is already in chatroom").matches == ()  # not at word ends
    assert catalogue.read("ok").matches == ()  # too short a message to tell a code by
    assert message_pattern("%s") is None


def test_bare_numbers_count_only_with_enough_digits_and_not_inside_other_numbers() -> None:
    catalogue = Catalogue([Known("a", 30, "thirty"), Known("a", 871310, "x"), Known("a", 1234, "y")])
    assert catalogue.read("05:39:30.123 pid 1234").matches[0].code == 1234  # 30 is part of a time
    assert catalogue.read("v1.871310.2 id=8713100 x871310 871310abc").matches == ()
    assert [match.code for match in catalogue.read("code=30").matches] == [30]


# -- explain -----------------------------------------------------------------------------------

LOG = (
    "--------- beginning of main\n"
    "11-30 05:39:30.123  4321  4398 E JMessage: createGroup failed, responseCode=871305 responseDesc=Invalid name.\n"
    "11-30 05:39:31.001  4321  4398 I ChatActivity: took 1234 ms, 30 items\n"
    '{"error": {"code": 899008, "message": "Basic authentication failed"}}\r\n'
    "status: 0 (success)\n"
)


def explain(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`errorspec explain` as a user runs it: a process reading its input as it comes."""
    command = [sys.executable, "-m", "errorspec", "--spec", str(SPEC), "explain", *args]
    return subprocess.run(command, input=stdin, capture_output=True, check=False, timeout=120)


def test_explain_annotates_each_line_that_holds_a_code(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text(LOG, encoding="utf-8")
    result = explain(str(log))
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        f"{log}:2: {LOG.splitlines()[1]}",
        "    -> 871305 JMessage Android: Invalid name. | Name is illegal (including nickname groupname notename)",
        f'{log}:4: {{"error": {{"code": 899008, "message": "Basic authentication failed"}}}}',
        "    -> 899008 Server Error: Basic authentication failed | Failed to verify",
        f"{log}:5: status: 0 (success)",
        "    -> 0 JMessage Android: Success | success",
        "    -> 0 JMRTC Android: ok | (zh) 成功",
        "    -> 0 JMessage Web: success | Successful",
    ]
    assert result.stderr.decode() == "3 line(s) with a known code\n"


def test_explain_reads_stdin_in_chinese_passes_every_line_and_fails_on_request() -> None:
    result = explain("--all", "--lang", "zh", "--fail-on-code", stdin=LOG.encode())
    assert result.returncode == 3
    lines = result.stdout.decode().splitlines()
    assert lines[:4] == [
        "--------- beginning of main",
        LOG.splitlines()[1],
        "    -> 871305 JMessage Android: Invalid name. | 名称不合法（包括nickname groupname notename）",
        "11-30 05:39:31.001  4321  4398 I ChatActivity: took 1234 ms, 30 items",
    ]
    assert explain("--fail-on-code", stdin=b"nothing here\n").returncode == 0


def test_explain_json_is_one_object_per_line_that_holds_codes() -> None:
    result = explain("--format", "json", stdin=LOG.encode())
    objects = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(item["log"], item["line"]) for item in objects] == [("<stdin>", 2), ("<stdin>", 4), ("<stdin>", 5)]
    assert objects[1]["codes"] == [
        {
            "matched": "code",
            "platform": "server",
            "title": "Server Error",
            "code": 899008,
            "message": "Basic authentication failed",
            "description": "Failed to verify",
            "lang": "en",
        }
    ]
    assert [code["platform"] for code in objects[2]["codes"]] == ["android", "jmrtc-android", "web"]


def test_explain_counts_lines_across_blocks_and_reads_any_bytes() -> None:
    filler = b"11-30 05:39:30.123 I Tag: nothing to see\n" * (BLOCK // 40 + 7)
    log = filler + b"\xff\xfe broken bytes, errorCode=871310\n" + b"x" * (2 * BLOCK) + b" 871310\n" + filler
    result = explain("--format", "json", stdin=log)
    found = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [item["line"] for item in found] == [filler.count(b"\n") + 1, filler.count(b"\n") + 2]
    assert found[0]["text"] == "\ufffd\ufffd broken bytes, errorCode=871310"
    assert [code["matched"] for code in found[1]["codes"]] == ["number"]


def test_explain_refuses_a_missing_log_and_an_unknown_language(tmp_path: Path) -> None:
    result = explain(str(tmp_path / "missing.log"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr.decode()
    result = explain("--lang", "fr", stdin=b"")
    assert result.returncode == 2
    assert "'fr' is not one of en, zh" in result.stderr.decode()


# -- ranges in the spec ------------------------------------------------------------------------


def test_ranges_come_from_the_manifest_into_the_spec_and_diff_shows_them(spec_copy: Path) -> None:
    ios, manifest = spec_copy / "ios.yaml", spec_copy / "sources.yaml"
    assert "ranges:\n  - prefix: '86'\n    description:\n      en: Internal errors of the iOS SDK\n" in ios.read_text(
        "utf-8"
    )
    before = spec_copy.parent / "before"
    shutil.copytree(spec_copy, before)
    manifest.write_text(
        manifest.read_text("utf-8").replace("Internal errors of the iOS SDK", "iOS SDK errors"), "utf-8"
    )
    assert run_cli("import", spec_dir=spec_copy)[0] == 0
    assert "      en: iOS SDK errors\n" in ios.read_text("utf-8")
    status, out, _ = run_cli("diff", str(before), str(spec_copy), spec_dir=spec_copy)
    assert status == 0
    assert "info     prose-changed        ios                      code ranges (en) changed" in out


def test_a_range_is_digits(spec_copy: Path) -> None:
    manifest = spec_copy / "sources.yaml"
    text = manifest.read_text("utf-8")
    manifest.write_text(text.replace("prefix: '86'", "prefix: '8x'"), "utf-8")
    line = text[: text.index("prefix: '86'")].count("\n") + 1
    status, _, err = run_cli("import", spec_dir=spec_copy)
    assert status == 1
    problem = 'platforms[0].ranges[0].prefix: "8x" does not match "^[0-9]{1,15}$"'
    assert err == f"error: {spec_copy.name}/sources.yaml:{line}: {problem}\n"


def test_a_large_log_file_is_explained_as_the_same_log_through_a_pipe(tmp_path: Path) -> None:
    # Over 8 MiB, a file is scanned by a process per core: the same lines, in the same order.
    lines = [f"11-30 05:39:{n % 60:02d}.{n % 1000:03d} I Tag: request {n} took {n % 977} ms" for n in range(200_000)]
    for n in range(0, len(lines), 9_973):
        lines[n] += f" errorCode={(871305, 899008, 0, 863004)[n % 4]}"
    log = tmp_path / "big.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert log.stat().st_size > 8 * BLOCK
    from_file = explain("--format", "json", str(log))
    from_pipe = explain("--format", "json", stdin=log.read_bytes())
    held = [json.loads(line) for line in from_file.stdout.decode().splitlines()]
    assert [item["line"] for item in held] == [n + 1 for n in range(0, len(lines), 9_973)]
    assert from_file.stdout.decode().replace(str(log), "<stdin>") == from_pipe.stdout.decode()
