"""`errorspec lookup`: what a code means on every platform that has it, or which codes match words."""

from __future__ import annotations

from collections.abc import Sequence

from errorspec.model import Entry, PlatformSpec, Spec

Match = tuple[PlatformSpec, Entry]


def find_code(spec: Spec, code: int) -> list[Match]:
    return [(platform, entry) for platform in spec.platforms for entry in platform.entries if entry.code == code]


def search(spec: Spec, words: Sequence[str]) -> list[Match]:
    """Entries whose message or any description contains every word, ignoring case."""
    wanted = [word.casefold() for word in words if word.strip()]
    matches = []
    for platform in spec.platforms:
        for entry in platform.entries:
            haystack = " ".join([entry.message, *(text for text in entry.description.values() if text)]).casefold()
            if wanted and all(word in haystack for word in wanted):
                matches.append((platform, entry))
    return matches


def format_match(platform: PlatformSpec, entry: Entry, languages: Sequence[str]) -> str:
    title = platform.name
    retired = "  (deprecated)" if entry.deprecated else ""
    lines = [f"{entry.code}  {platform.platform}  {title}{retired}", f"  message: {entry.message or '(empty)'}"]
    for lang in languages:
        lines.append(f"  {lang}: {entry.description.get(lang) or '(no description in this language)'}")
    return "\n".join(lines)
