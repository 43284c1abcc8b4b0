"""A paste read by `errorspec lookup` through the index beside the spec, which answers without
loading the catalogue, holds the very codes, reasons, ranking, ranges and nearest codes that the
catalogue read whole in memory (`pasted.Catalogue`) gives: over the real spec and a synthetic
one, for log lines made of their messages, constant names, codes and numbers that are none."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, SPEC
from errorspec.model import Constant, Spec
from errorspec.sources.manifest import load_manifest
from errorspec.spec.lookup import Query
from errorspec.spec.lookupindex import look_up
from errorspec.spec.pasted import RULES, Catalogue, Known
from errorspec.spec.specfiles import load_spec

sys.path.insert(0, str(REPO / "scripts"))

from synthetic import synthetic_spec, write_spec  # the benchmark's catalogue

PLACEHOLDER = re.compile(str(RULES["placeholder"]))
FILLERS = ["42", "-7", "user_7", "房间 12", "", "%", "{x}", "a.b.c", "Network"]
LOG_PREFIXES = ["", "E/JMessage: ", "11-30 05:39:30.123  4012  4100 E IM: ", '{"error": "', "错误：", "ERROR "]
LOG_SUFFIXES = ["", ".", '"}', " (retry 3)", "！", " at line 1234", "\n"]
KEYS = ["errorCode=", "code: ", '"code": ', "Code=", "错误码：", "status ", "id=", "", " "]


def catalogue_of(spec: Spec) -> Catalogue:
    """The catalogue held in memory, as pasted text was read before the index answered it."""
    known = [
        Known(platform.platform, entry.code, entry.message, tuple(constant.name for constant in entry.constants))
        for platform in spec.platforms
        for entry in platform.entries
    ]
    return Catalogue(known, [(platform.platform, r.prefix) for platform in spec.platforms for r in platform.ranges])


def expected_reading(spec: Spec, catalogue: Catalogue, text: str) -> tuple[list[Any], list[Any]]:
    titles = {platform.platform: platform.name for platform in spec.platforms}
    reading = catalogue.read(text)
    answers = [(match.platform, match.code, match.reasons) for match in reading.matches]
    no_codes = [
        (
            item.number,
            [(titles[platform], prefix) for platform, prefix in item.ranges],
            [
                (code, tuple(titles[catalogue.known[p].platform] for p in catalogue.by_code[code]))
                for code in item.nearest
            ],
        )
        for item in reading.not_codes
    ]
    return answers, no_codes


def indexed_reading(spec_dir: Path, text: str) -> tuple[list[Any], list[Any]]:
    found = look_up(spec_dir, Query(pasted=text))
    if found.by_words:  # nothing read from the text: its words searched instead
        return [], []
    answers = [(answer.data["platform"], answer.data["code"], answer.matched) for answer in found.answers]
    no_codes = [
        (item.number, [(title, prefix) for title, prefix, _ in item.ranges], list(item.nearest))
        for item in found.no_codes
    ]
    return answers, no_codes


def pastes(spec: Spec, rng: random.Random, count: int) -> list[str]:
    """Log lines and fragments a developer might paste, made of the spec's own codes, names and messages."""
    entries = [entry for platform in spec.platforms for entry in platform.entries]
    codes = sorted({entry.code for entry in entries})
    messages = [entry.message for entry in entries if entry.message]
    names = [constant.name for entry in entries for constant in entry.constants]

    def filled() -> str:
        message = PLACEHOLDER.sub(lambda _: rng.choice(FILLERS), rng.choice(messages))
        message = rng.choice([message, message.upper(), message.lower(), message.rstrip(".。!！")])
        return rng.choice(LOG_PREFIXES) + message + rng.choice(LOG_SUFFIXES)

    def glued() -> str:  # the message's words with no spaces between them, or a part of it cut off
        message = rng.choice(messages)
        return rng.choice([message.replace(" ", ""), message[: len(message) // 2], message[len(message) // 3 :]])

    def code() -> str:
        shown = str(rng.choice(codes))
        shown = rng.choice([shown, shown.translate(str.maketrans("0123456789", "０１２３４５６７８９"))])
        return rng.choice(LOG_PREFIXES) + rng.choice(KEYS) + shown + rng.choice(LOG_SUFFIXES)

    def no_code() -> str:
        number = rng.choice([rng.choice(codes) + rng.randint(-3, 3), rng.randint(-(10**6), 10**9), rng.randint(0, 99)])
        return rng.choice([str(number), f"{rng.choice(KEYS)}{number}", f"request {number} failed, code={number}"])

    def named() -> str:
        name = rng.choice(names)
        return f"{rng.choice(LOG_PREFIXES)}{rng.choice([name, name.upper(), name.lower()])}{rng.choice(LOG_SUFFIXES)}"

    makers = [filled, filled, glued, code, no_code, *([named] if names else [])]
    texts = []
    for _ in range(count):
        parts = [rng.choice(makers)() for _ in range(rng.choice([1, 1, 1, 2, 3, 12]))]
        texts.append(rng.choice([" ", "\n", " | ", ""]).join(parts))
    return texts


def synthetic_with_names_and_placeholders(codes: int) -> Spec:
    """The benchmark's catalogue, each code named by its SDK, a third of its messages with a
    placeholder, some shared by codes of two platforms, and some of one word."""
    spec = synthetic_spec(codes)
    rng = random.Random(7)
    shared = [entry.message for entry in spec.platforms[0].entries]
    platforms = []
    for platform in spec.platforms:
        entries = []
        for number, entry in enumerate(platform.entries):
            message = entry.message
            if rng.random() < 0.3:
                words = message.split()
                words[rng.randrange(len(words))] = rng.choice(["%s", "%d", "{name}", "%1$@"])
                message = " ".join(words)
            elif rng.random() < 0.1:
                message = shared[number % len(shared)]
            elif rng.random() < 0.05:
                message = message.replace(" ", "")  # one word
            constant = Constant(platform.platform, f"k{platform.platform}Error{entry.code}")
            entries.append(dataclasses.replace(entry, message=message, constants=(constant,)))
        platforms.append(dataclasses.replace(platform, entries=tuple(entries)))
    return dataclasses.replace(spec, platforms=tuple(platforms))


@pytest.fixture(scope="module", params=["real", "synthetic"])
def spec_and_folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Spec, Path]:
    folder = tmp_path_factory.mktemp(request.param) / "spec"
    if request.param == "real":
        shutil.copytree(SPEC, folder, ignore=shutil.ignore_patterns(".errorspec-cache"))
    else:
        write_spec(synthetic_with_names_and_placeholders(2500), folder)
    return load_spec(folder, load_manifest(folder)), folder


def test_a_paste_read_through_the_index_holds_what_the_whole_catalogue_gives(
    spec_and_folder: tuple[Spec, Path],
) -> None:
    spec, folder = spec_and_folder
    catalogue = catalogue_of(spec)
    corpus = yaml.safe_load((Path(__file__).parent / "fixtures" / "pasted.yaml").read_text("utf-8"))
    texts = [case["paste"] for case in corpus] + pastes(spec, random.Random(17), 400)
    differing, reasons, placed = [], set(), 0
    for text in texts:
        expected = expected_reading(spec, catalogue, text)
        if indexed_reading(folder, text) != expected:
            differing.append(text)
        reasons |= {reason for _, _, matched in expected[0] for reason, _ in matched}
        placed += sum(bool(ranges) for _, ranges, _ in expected[1])
    assert differing == []
    # The texts hold every kind of evidence, and numbers that are no code.
    assert reasons == {"code", "number", "constant", "message"}
    assert placed > 0 or not any(platform.ranges for platform in spec.platforms)
