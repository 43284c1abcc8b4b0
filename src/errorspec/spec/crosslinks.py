"""Which codes on other platforms mean the same: equal SDK messages, plus a maintainer's links.

Computed links come from messages that are equal once case, spaces and punctuation are set
aside ("Chatroom not exist." on Android, "ChatRoom not exist" on iOS). A maintainer adds links
with an entry's `related` and vetoes computed ones with `unrelated`; both work both ways.
"""

from __future__ import annotations

import re
from collections import defaultdict

from errorspec.model import Spec

CodeKey = tuple[str, int]

_NOT_WORD = re.compile(r"[\W_]+")


def normalised_message(message: str) -> str:
    return _NOT_WORD.sub("", message.casefold())


def _reference(text: str) -> CodeKey:
    platform, _, code = text.rpartition(":")
    return platform, int(code)


def cross_links(spec: Spec) -> dict[CodeKey, list[CodeKey]]:
    """For each code, the codes on other platforms it links to, in platform order then by code."""
    order = {platform.platform: index for index, platform in enumerate(spec.platforms)}
    by_message: dict[str, list[CodeKey]] = defaultdict(list)
    known: set[CodeKey] = set()
    for platform in spec.platforms:
        for entry in platform.entries:
            key = (platform.platform, entry.code)
            known.add(key)
            if message := normalised_message(entry.message):
                by_message[message].append(key)
    links: dict[CodeKey, set[CodeKey]] = defaultdict(set)
    for keys in by_message.values():
        if len(keys) > 1:  # most messages are one code's: no set for each of them
            for key in keys:
                links[key].update(other for other in keys if other[0] != key[0])
    vetoes: set[tuple[CodeKey, CodeKey]] = set()
    for platform in spec.platforms:
        for entry in platform.entries:
            key = (platform.platform, entry.code)
            for other in map(_reference, entry.related):
                if other in known and other != key:
                    links[key].add(other)
                    links[other].add(key)
            for other in map(_reference, entry.unrelated):
                vetoes.update({(key, other), (other, key)})
    return {
        key: sorted((other for other in others if (key, other) not in vetoes), key=lambda k: (order[k[0]], k[1]))
        for key, others in links.items()
        if any((key, other) not in vetoes for other in others)
    }


def broken_references(spec: Spec) -> list[tuple[CodeKey, str]]:
    """Each `related` or `unrelated` reference to a code the spec does not have, with its entry."""
    if not any(entry.related or entry.unrelated for platform in spec.platforms for entry in platform.entries):
        return []  # most specs: no set of every code to make
    known = {(platform.platform, entry.code) for platform in spec.platforms for entry in platform.entries}
    return [
        ((platform.platform, entry.code), reference)
        for platform in spec.platforms
        for entry in platform.entries
        for reference in (*entry.related, *entry.unrelated)
        if _reference(reference) not in known
    ]
