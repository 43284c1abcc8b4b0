"""Semantic diff of two versions of the spec: entries compared by (platform, code), never by line.

Each change has a kind, a severity and a stable id (`message-changed:android:871310`), so that
CI can gate on it and a reviewer can refer to it. Order and formatting alone change nothing.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from errorspec.model import TRANSLATABLE, WHAT_TO_DO, Entry, PlatformSpec, Spec
from errorspec.spec.crosslinks import normalised_message
from errorspec.spec.translations import field_texts, translation_of
from errorspec.text import escape_markdown, markdown_table_cell

ChangeSeverity = Literal["breaking", "warning", "info"]
DiffFormat = Literal["text", "markdown", "json"]
DIFF_VERSION = 1
SEVERITIES: tuple[ChangeSeverity, ...] = ("breaking", "warning", "info")

# What each kind of change means for the SDK's users and the readers.
KINDS: dict[str, ChangeSeverity] = {
    "platform-removed": "breaking",
    "code-removed": "breaking",
    "message-changed": "breaking",
    "code-moved": "warning",
    "code-deprecated": "warning",
    "constant-renamed": "warning",
    "constant-removed": "warning",
    "translation-removed": "warning",
    "translation-stale": "warning",
    "platform-added": "info",
    "code-added": "info",
    "description-changed": "info",
    "translation-added": "info",
    "translation-updated": "info",
    "translation-confirmed": "info",
    "constant-added": "info",
    "prose-changed": "info",
    "what-to-do-changed": "info",
}


@dataclass(frozen=True)
class Change:
    id: str
    kind: str
    severity: ChangeSeverity
    platform: str
    code: int | None
    lang: str | None
    field: str | None
    before: str | None
    after: str | None
    summary: str


def _change(
    kind: str,
    platform: str,
    summary: str,
    *,
    code: int | None = None,
    lang: str | None = None,
    field: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> Change:
    parts = [kind, platform, *(str(part) for part in (code, field, lang) if part is not None)]
    return Change(":".join(parts), kind, KINDS[kind], platform, code, lang, field, before, after, summary)


def _languages(old: Spec, new: Spec) -> list[str]:
    return list(dict.fromkeys([*new.language_ids, *old.language_ids]))


def diff_specs(old: Spec, new: Spec) -> list[Change]:
    """Every change from `old` to `new`, in platform order (new's first), then by code."""
    languages = _languages(old, new)
    old_platforms = {platform.platform: platform for platform in old.platforms}
    new_platforms = {platform.platform: platform for platform in new.platforms}
    order = list(dict.fromkeys([*new_platforms, *old_platforms]))
    removed = {
        (platform.platform, entry.code): entry
        for platform in old.platforms
        for entry in platform.entries
        if platform.platform not in new_platforms or entry.code not in _codes(new_platforms[platform.platform])
    }
    added = {
        (platform.platform, entry.code): entry
        for platform in new.platforms
        for entry in platform.entries
        if platform.platform not in old_platforms or entry.code not in _codes(old_platforms[platform.platform])
    }
    moves = _moves(removed, added)
    changes: list[Change] = []
    for name in order:
        before, after = old_platforms.get(name), new_platforms.get(name)
        if before is None and after is not None:
            changes.append(_change("platform-added", name, f"new platform with {len(after.entries)} codes"))
        elif after is None and before is not None:
            changes.append(_change("platform-removed", name, f"platform removed with its {len(before.entries)} codes"))
        if before is not None and after is not None:
            changes += _prose_changes(before, after, languages)
        old_entries = {entry.code: entry for entry in before.entries} if before else {}
        new_entries = {entry.code: entry for entry in after.entries} if after else {}
        for code in sorted(set(old_entries) | set(new_entries)):
            if code in old_entries and code in new_entries:
                changes += _entry_changes(name, old_entries[code], new_entries[code], languages)
            elif code in new_entries:
                origin = next((old for old, new in moves.items() if new == (name, code)), None)
                if origin is None:
                    changes.append(_added(name, new_entries[code]))
            else:
                target = moves.get((name, code))
                if target is not None:
                    changes.append(
                        _change(
                            "code-moved",
                            name,
                            f"moved to {target[0]} {target[1]}",
                            code=code,
                            before=f"{name}:{code}",
                            after=f"{target[0]}:{target[1]}",
                        )
                    )
                else:
                    entry = old_entries[code]
                    summary = f"code removed: {entry.message or '(no message)'}"
                    changes.append(_change("code-removed", name, summary, code=code, before=entry.message))
    return changes


def _added(platform: str, entry: Entry) -> Change:
    if entry.undocumented:
        names = ", ".join(f"{constant.name} ({constant.sdk} SDK)" for constant in entry.constants)
        summary = f"new code, on no page: declared as {names}"
    else:
        summary = f"new code: {entry.message or '(no message)'}"
    return _change("code-added", platform, summary, code=entry.code, after=entry.message)


def _codes(platform: PlatformSpec) -> set[int]:
    return {entry.code for entry in platform.entries}


def _moves(
    removed: dict[tuple[str, int], Entry], added: dict[tuple[str, int], Entry]
) -> dict[tuple[str, int], tuple[str, int]]:
    """Codes that left one platform for another: the same code number and the same message."""
    moves = {}
    for (platform, code), entry in removed.items():
        targets = [
            key
            for key, other in added.items()
            if key[1] == code
            and key[0] != platform
            and normalised_message(other.message) == normalised_message(entry.message)
        ]
        if len(targets) == 1:
            moves[(platform, code)] = targets[0]
    return moves


def _prose_changes(before: PlatformSpec, after: PlatformSpec, languages: list[str]) -> list[Change]:
    changes = []
    for field in ("title", "intro", "hint"):
        for lang in languages:
            old_text, new_text = getattr(before, field).get(lang), getattr(after, field).get(lang)
            if old_text != new_text:
                changes.append(
                    _change(
                        "prose-changed",
                        after.platform,
                        f"page {field} ({lang}) changed",
                        field=field,
                        lang=lang,
                        before=old_text,
                        after=new_text,
                    )
                )
    for lang in languages:
        old_links = [(link.title, link.url) for link in before.related.get(lang, ())]
        new_links = [(link.title, link.url) for link in after.related.get(lang, ())]
        if old_links != new_links:
            changes.append(
                _change(
                    "prose-changed",
                    after.platform,
                    f"related documents ({lang}) changed",
                    field="related",
                    lang=lang,
                    before="\n".join(f"{title} <{url}>" for title, url in old_links) or None,
                    after="\n".join(f"{title} <{url}>" for title, url in new_links) or None,
                )
            )
        old_ranges = [f"{item.prefix}: {item.description.get(lang) or ''}" for item in before.ranges]
        new_ranges = [f"{item.prefix}: {item.description.get(lang) or ''}" for item in after.ranges]
        if old_ranges != new_ranges:
            changes.append(
                _change(
                    "prose-changed",
                    after.platform,
                    f"code ranges ({lang}) changed",
                    field="ranges",
                    lang=lang,
                    before="\n".join(old_ranges) or None,
                    after="\n".join(new_ranges) or None,
                )
            )
    return changes


def _entry_changes(platform: str, old: Entry, new: Entry, languages: list[str]) -> list[Change]:
    changes = []
    code = old.code
    if old.message != new.message:
        changes.append(
            _change(
                "message-changed", platform, "SDK message changed", code=code, before=old.message, after=new.message
            )
        )
    if new.deprecated and not old.deprecated:
        note = f": {new.deprecated}" if isinstance(new.deprecated, str) else ""
        changes.append(_change("code-deprecated", platform, f"marked deprecated{note}", code=code))
    changes += _constant_changes(platform, old, new)
    changes += _what_to_do_changes(platform, old, new, languages)
    changed_languages = []
    for lang in languages:
        before, after = old.description.get(lang), new.description.get(lang)
        if before == after:
            continue
        if before is None:
            kind, summary = "translation-added", f"description added in {lang}"
        elif after is None:
            kind, summary = "translation-removed", f"description removed in {lang}"
        elif translation_of(new, "description", lang) is not None:
            # A translator's text, made from the other language's: that one needs no new look.
            kind, summary = "translation-updated", f"translation into {lang} updated"
        else:
            kind, summary = "description-changed", f"description changed in {lang}"
            changed_languages.append(lang)
        changes.append(_change(kind, platform, summary, code=code, lang=lang, before=before, after=after))
    changes += _confirmed_translations(platform, old, new, languages)
    # One language's text changed while another's, present before and after, did not: the
    # unchanged one may now say something else. That is a translator's next task.
    if changed_languages:
        for lang in languages:
            if lang in changed_languages:
                continue
            before, after = old.description.get(lang), new.description.get(lang)
            if before is not None and before == after:
                sources = ", ".join(changed_languages)
                changes.append(
                    _change(
                        "translation-stale",
                        platform,
                        f"{sources} changed, {lang} did not: check the {lang} translation",
                        code=code,
                        lang=lang,
                        before=before,
                        after=after,
                    )
                )
    return changes


def _confirmed_translations(platform: str, old: Entry, new: Entry, languages: list[str]) -> list[Change]:
    """Translations a translator confirmed: the same text, now recorded as made from the current
    source text (a stale one looked at and kept)."""
    changes = []
    for field in TRANSLATABLE:
        for lang in languages:
            text = field_texts(new, field).get(lang)
            renewed = translation_of(new, field, lang) not in (None, translation_of(old, field, lang))
            if text and text == field_texts(old, field).get(lang) and renewed:
                summary = f"translation of the {field} into {lang} confirmed"
                changes.append(
                    _change("translation-confirmed", platform, summary, code=new.code, lang=lang, field=field)
                )
    return changes


def _what_to_do_changes(platform: str, old: Entry, new: Entry, languages: list[str]) -> list[Change]:
    """Causes, solutions or an example added, changed or removed in a language: what readers are
    told to do about the code."""
    changes = []
    for field in WHAT_TO_DO:
        before_texts, after_texts = getattr(old, field) or {}, getattr(new, field) or {}
        for lang in languages:
            before, after = before_texts.get(lang), after_texts.get(lang)
            if before == after:
                continue
            how = "added" if before is None else "removed" if after is None else "changed"
            summary = f"{field} {how} in {lang}"
            changes.append(
                _change(
                    "what-to-do-changed",
                    platform,
                    summary,
                    code=old.code,
                    lang=lang,
                    field=field,
                    before=before,
                    after=after,
                )
            )
    return changes


def _constant_changes(platform: str, old: Entry, new: Entry) -> list[Change]:
    """A name an SDK gives the code, added, renamed or removed: app code uses these names."""
    before = {constant.sdk: constant.name for constant in old.constants}
    after = {constant.sdk: constant.name for constant in new.constants}
    changes = []
    for sdk in dict.fromkeys([*after, *before]):
        old_name, new_name = before.get(sdk), after.get(sdk)
        if old_name == new_name:
            continue
        if old_name is None:
            kind, summary = "constant-added", f"named {new_name} in the {sdk} SDK"
        elif new_name is None:
            kind, summary = "constant-removed", f"the {sdk} SDK no longer names it {old_name}"
        else:
            kind, summary = "constant-renamed", f"renamed in the {sdk} SDK: {old_name} -> {new_name}"
        changes.append(_change(kind, platform, summary, code=old.code, field=sdk, before=old_name, after=new_name))
    return changes


# -- output ------------------------------------------------------------------------------------


def summary_counts(changes: list[Change]) -> dict[str, int]:
    return {severity: sum(1 for change in changes if change.severity == severity) for severity in SEVERITIES}


def summary_line(changes: list[Change]) -> str:
    if not changes:
        return "No changes."
    counts = summary_counts(changes)
    return f"{len(changes)} change(s): " + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)


def fails(changes: list[Change], fail_on: Literal["breaking", "warning"] | None) -> bool:
    if fail_on is None:
        return False
    threshold = SEVERITIES.index(fail_on)
    return any(SEVERITIES.index(change.severity) <= threshold for change in changes)


_STYLES = {"breaking": {"fg": "red", "bold": True}, "warning": {"fg": "yellow"}, "info": {"fg": "cyan"}}


def format_text(changes: list[Change], old_label: str, new_label: str, style: Any = None) -> str:
    """One line per change; `style` (click.style) colours the severities on a terminal."""

    def paint(text: str, severity: str) -> str:
        return style(text, **_STYLES[severity]) if style else text

    lines = [f"errorspec diff {old_label} {new_label}"]
    for change in changes:
        where = f"{change.platform} {change.code}" if change.code is not None else change.platform
        lines.append(f"{paint(f'{change.severity:8}', change.severity)} {change.kind:20} {where:24} {change.summary}")
        if change.kind in ("message-changed", "description-changed", "prose-changed") and change.before is not None:
            lines.append(f"{'':30}- {change.before}")
            lines.append(f"{'':30}+ {change.after}")
        elif change.kind == "what-to-do-changed":  # added or removed: one side; an example's lines indented
            sides = (("-", change.before), ("+", change.after))
            lines += [f"{'':30}{sign} {text}".replace("\n", f"\n{'':32}") for sign, text in sides if text]
    lines.append(summary_line(changes))
    return "\n".join(lines) + "\n"


_TOKENS = re.compile(r"\s+|[\u3400-\u9fff]|[^\s\u3400-\u9fff]+")


def marked_words(before: str | None, after: str | None) -> tuple[str, str]:
    """Before and after as Markdown, with removed words struck and added words in bold."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    left, right = [], []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        old_part, new_part = _cell("".join(old[i1:i2])), _cell("".join(new[j1:j2]))
        if operation == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part.strip():
            left.append(f"~~{old_part.strip()}~~" + (" " if old_part.endswith(" ") else ""))
        if new_part.strip():
            right.append(f"**{new_part.strip()}**" + (" " if new_part.endswith(" ") else ""))
    return "".join(left) or "—", "".join(right) or "—"


def _cell(text: str) -> str:
    return markdown_table_cell(escape_markdown(text))


def format_markdown(changes: list[Change], old_label: str, new_label: str) -> str:
    lines = [f"**errorspec diff** `{old_label}` → `{new_label}`: {summary_line(changes)}"]
    platforms = list(dict.fromkeys(change.platform for change in changes))
    for platform in platforms:
        lines += ["", f"### `{platform}`", "", "| | change | code | before | after |", "|---|---|---:|---|---|"]
        for change in (c for c in changes if c.platform == platform):
            before, after = marked_words(change.before, change.after)
            if change.kind in (
                "code-added",
                "code-removed",
                "code-moved",
                "code-deprecated",
                "platform-added",
                "platform-removed",
            ):
                before, after = _cell(change.before or "—"), _cell(change.after or "—")
            field = f" {change.field}" if change.kind == "what-to-do-changed" else ""  # causes, solutions, example
            label = f"{change.kind}{field}" + (f" ({change.lang})" if change.lang else "")
            code = "" if change.code is None else str(change.code)
            lines.append(f"| {change.severity} | {label} | {code} | {before} | {after} |")
    return "\n".join(lines) + "\n"


def format_json(changes: list[Change], old_label: str, new_label: str) -> str:
    data = {
        "version": DIFF_VERSION,
        "old": old_label,
        "new": new_label,
        "summary": summary_counts(changes),
        "changes": [asdict(change) for change in changes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_diff(
    changes: list[Change], old_label: str, new_label: str, diff_format: DiffFormat, style: Any = None
) -> str:
    if diff_format == "json":
        return format_json(changes, old_label, new_label)
    if diff_format == "markdown":
        return format_markdown(changes, old_label, new_label)
    return format_text(changes, old_label, new_label, style)


def spec_lines(spec: Spec) -> str:
    """The spec as sorted lines, one per field (git's textconv): line diffs of it show meaning."""
    lines = []
    for platform in spec.platforms:
        for field in ("title", "intro", "hint"):
            for lang, text in sorted(getattr(platform, field).items()):
                lines.append(f"{platform.platform} {field}.{lang}: {text}")
        for entry in sorted(platform.entries, key=lambda item: item.code):
            prefix = f"{platform.platform} {entry.code}"
            lines.append(f"{prefix} message: {entry.message}")
            lines += [f"{prefix} constant.{c.sdk}: {c.name}" for c in sorted(entry.constants, key=lambda c: c.sdk)]
            lines += [f"{prefix} description.{lang}: {text}" for lang, text in sorted(entry.description.items())]
            # One line per text: an example's line breaks are written as \n.
            lines += [
                f"{prefix} {field}.{lang}: {text}".replace("\n", "\\n")
                for field in WHAT_TO_DO
                for lang, text in sorted((getattr(entry, field) or {}).items())
            ]
            if entry.deprecated:
                lines.append(f"{prefix} deprecated: {entry.deprecated}")
    return "".join(f"{line}\n" for line in lines)
