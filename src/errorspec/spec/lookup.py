"""`errorspec lookup`: what a code means on every platform that has it, or which codes match words."""

from __future__ import annotations

from collections.abc import Sequence

from errorspec.model import Entry, PlatformSpec, Spec

Match = tuple[PlatformSpec, Entry]


def find_code(spec: Spec, code: int) -> list[Match]:
    return [(platform, entry) for platform in spec.platforms for entry in platform.entries if entry.code == code]


def find_constant(spec: Spec, name: str) -> list[Match]:
    """The entries an SDK names `name`: exactly, else ignoring case (`kjmsgerrorsdkusernotlogin`)."""
    for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
        matches = [
            (platform, entry)
            for platform in spec.platforms
            for entry in platform.entries
            if any(same(constant.name, name) for constant in entry.constants)
        ]
        if matches:
            return matches
    return []


def search(spec: Spec, words: Sequence[str]) -> list[Match]:
    """Entries whose message, descriptions or constant names contain every word, ignoring case."""
    wanted = [word.casefold() for word in words if word.strip()]
    matches = []
    for platform in spec.platforms:
        for entry in platform.entries:
            texts = [entry.message, *(text for text in entry.description.values() if text)]
            haystack = " ".join(texts + [constant.name for constant in entry.constants]).casefold()
            if wanted and all(word in haystack for word in wanted):
                matches.append((platform, entry))
    return matches


def format_match(platform: PlatformSpec, entry: Entry, languages: Sequence[str]) -> str:
    title = platform.name
    retired = "  (deprecated)" if entry.deprecated else ""
    undocumented = "  (only in the SDK: on no page)" if entry.undocumented else ""
    lines = [f"{entry.code}  {platform.platform}  {title}{retired}{undocumented}"]
    lines += [f"  constant: {constant.name} ({constant.sdk} SDK)" for constant in entry.constants]
    lines.append(f"  message: {entry.message or '(empty)'}")
    for lang in languages:
        lines.append(f"  {lang}: {entry.description.get(lang) or '(no description in this language)'}")
    return "\n".join(lines)
