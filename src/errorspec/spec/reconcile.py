"""Merges the languages' pages and the SDKs' API reference into one spec, and records every
discrepancy as a finding.

The key is (platform, code). The pages give descriptions; the API reference gives each code's
constant name per SDK, a description where no page has one, and the literal message where the
SDK declares it, which wins over the pages' (it is what the app receives). The previous spec is
an input too: what a maintainer decided or wrote (a resolution, a translation no page has, a
hand-added or retired code, a constant's name) survives imports. Findings are data for the
report and the site, not log lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from errorspec.model import (
    Constant,
    Entry,
    Finding,
    Language,
    PlatformSpec,
    Resolution,
    Spec,
    Status,
)
from errorspec.sources.manifest import Manifest, Platform
from errorspec.sources.rows import ApiDeclarations, DeclaredConstant, PlatformSource, SourceRow
from errorspec.spec.translations import kept_translations
from errorspec.text import collapse_whitespace

_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+ 0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t|q)?[diouxXeEfFgGaAcsp@]|\{[A-Za-z0-9_]*\}"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Findings that only say a language is missing: the entry is untranslated, not in doubt.
_TRANSLATION_KINDS = {"missing-translation", "empty-description"}

Declared = tuple[ApiDeclarations, DeclaredConstant]


def reconcile(
    sources: Sequence[PlatformSource],
    manifest: Manifest,
    previous: Spec | None = None,
    declarations: Sequence[ApiDeclarations] = (),
) -> Spec:
    """The spec for `sources` and the API reference's `declarations`, keeping what a maintainer
    added to `previous`."""
    old = {platform.platform: platform for platform in previous.platforms} if previous else {}
    order = {platform_id: index for index, platform_id in enumerate(manifest.platform_ids)}
    platforms = tuple(
        _platform(
            platform,
            [source for source in sources if source.platform == platform.id],
            [declared for declared in declarations if declared.platform == platform.id],
            manifest.languages,
            old.get(platform.id),
            order,
        )
        for platform in manifest.platforms
    )
    return Spec(manifest.languages, platforms, manifest.products)


def _platform(
    manifest_platform: Platform,
    sources: list[PlatformSource],
    declarations: list[ApiDeclarations],
    languages: tuple[Language, ...],
    previous: PlatformSpec | None,
    order: dict[str, int],
) -> PlatformSpec:
    platform = manifest_platform.id
    by_language = {language.id: [s for s in sources if s.lang == language.id] for language in languages}
    present = [language for language in languages if by_language[language.id]]
    findings: list[Finding] = []
    for language in languages:
        if present and not by_language[language.id]:
            others = ", ".join(other.name for other in present)
            findings.append(
                Finding(
                    "missing-section",
                    "warning",
                    f"the section is on no page in {language.name} (only in {others}): "
                    f"its codes have no description in {language.name}",
                    lang=language.id,
                )
            )
    for source in sources:
        for rejected in source.rejected:
            findings.append(
                Finding(
                    "rejected-row",
                    "warning",
                    f"row not imported: {rejected.reason}",
                    lang=source.lang,
                    source=rejected.source,
                    value=" | ".join(rejected.cells),
                )
            )
    for declared in declarations:
        for constant in declared.rejected:
            findings.append(
                Finding(
                    "rejected-row",
                    "warning",
                    f"constant not imported: {constant.reason}",
                    source=constant.source,
                    value=f"{constant.name} = {constant.value}" if constant.value else constant.name,
                )
            )

    def prose(field: str, empty: Any) -> dict[str, Any]:
        """A page's text in each language; where no page has it, what a maintainer wrote."""
        values = {}
        for language in languages:
            pages = by_language[language.id]
            if pages:
                values[language.id] = getattr(pages[0].prose, field)
            elif previous and language.id not in previous.sources:
                values[language.id] = getattr(previous, field).get(language.id, empty)
            else:
                values[language.id] = empty
        return values

    first_rows: dict[int, dict[str, SourceRow]] = {}
    duplicates: dict[int, list[SourceRow]] = {}
    for source in sources:
        for row in source.rows:
            rows = first_rows.setdefault(row.code, {})
            if row.lang in rows:
                duplicates.setdefault(row.code, []).append(row)
            else:
                rows[row.lang] = row
    declared_codes: dict[int, list[Declared]] = {}
    for declared in sorted(declarations, key=lambda item: order[item.sdk] if item.sdk != platform else -1):
        for constant in declared.constants:
            declared_codes.setdefault(constant.code, []).append((declared, constant))
    complete_sdks = [declared.sdk for declared in declarations if declared.complete]
    old_entries = {entry.code: entry for entry in previous.entries} if previous else {}
    entries = []
    for code in sorted(set(first_rows) | set(declared_codes) | set(old_entries)):
        if code in first_rows or code in declared_codes:
            entry = _entry(
                code,
                first_rows.get(code, {}),
                duplicates.get(code, []),
                languages,
                present,
                old_entries.get(code),
            )
            declared = declared_codes.get(code, [])
            entries.append(
                _with_declarations(
                    entry, first_rows.get(code, {}), declared, complete_sdks, languages, old_entries.get(code)
                )
            )
        elif not old_entries[code].source or old_entries[code].deprecated:
            # Written by hand, or retired by a maintainer: never deleted by an import.
            # Its findings were about rows that are gone.
            entries.append(_restatus(replace(old_entries[code], source={}, findings=()), languages))
    return PlatformSpec(
        platform=platform,
        url=manifest_platform.url,
        title={**prose("title", None), **manifest_platform.title},
        intro=prose("intro", None),
        hint=prose("hint", None),
        related=prose("related", ()),
        sources={language.id: by_language[language.id][0].source for language in present},
        findings=tuple(findings),
        entries=tuple(entries),
        product=manifest_platform.product,
        ranges=manifest_platform.ranges,
    )


def _entry(
    code: int,
    rows: dict[str, SourceRow],
    duplicates: list[SourceRow],
    languages: tuple[Language, ...],
    present: list[Language],
    previous: Entry | None,
) -> Entry:
    resolution = previous.resolution if previous else None
    description: dict[str, str | None] = {}
    findings: list[Finding] = []
    for language in languages:
        row = rows.get(language.id)
        if row is not None:
            description[language.id] = row.description or None
            if not row.description:
                findings.append(
                    Finding("empty-description", "warning", "the description cell is empty", language.id, row.source)
                )
        elif _maintainers_text(previous, language.id):
            description[language.id] = previous.description[language.id] if previous else None
        else:
            description[language.id] = None
            if language in present and rows:
                findings.append(
                    Finding(
                        "missing-translation", "warning", f"the code is not on the {language.name} page", language.id
                    )
                )
    message = _chosen_message(rows, languages, resolution)
    for language in languages:
        row = rows.get(language.id)
        if row is None:
            continue
        if not row.message:
            findings.append(
                Finding("empty-message", "warning", "the SDK message cell is empty", language.id, row.source)
            )
        elif row.message != message:
            findings.append(
                Finding(
                    "message-differs",
                    "warning",
                    f"the {language.name} page gives another SDK message",
                    language.id,
                    row.source,
                    row.message,
                )
            )
        if row.extra_cells:
            findings.append(
                Finding(
                    "extra-cells",
                    "warning",
                    f"the row has {len(row.extra_cells)} cell(s) past the description",
                    language.id,
                    row.source,
                    " | ".join(row.extra_cells),
                )
            )
    findings += _placeholder_findings(rows, description, languages)
    findings += _script_findings(rows, description, languages)
    for duplicate in duplicates:
        first = rows[duplicate.lang]
        same = (duplicate.message, duplicate.description) == (first.message, first.description)
        alike = same or [collapse_whitespace(text) for text in (duplicate.message, duplicate.description)] == [
            collapse_whitespace(text) for text in (first.message, first.description)
        ]
        if same:
            how = " with the same text"
        elif alike:
            how = f" with the same text but for whitespace; line {first.source.line} was kept"
        else:
            how = f" with other text; line {first.source.line} was kept"
        findings.append(
            Finding(
                "duplicate-code",
                "warning" if alike else "error",
                f"listed again at line {duplicate.source.line}{how}",
                duplicate.lang,
                duplicate.source,
                None if same else f"{duplicate.message} | {duplicate.description}",
            )
        )
    entry = Entry(
        code=code,
        message=message,
        description=description,
        source={language.id: rows[language.id].source for language in languages if language.id in rows},
        status="ok",
        findings=tuple(findings),
    )
    if previous:
        entry = replace(
            entry,
            resolution=previous.resolution,
            related=previous.related,
            unrelated=previous.unrelated,
            causes=previous.causes,
            solutions=previous.solutions,
            example=previous.example,
            deprecated=previous.deprecated,
            translated=previous.translated,
        )
        entry = replace(entry, translated=kept_translations(entry))
    return _restatus(entry, languages)


def _with_declarations(
    entry: Entry,
    rows: dict[str, SourceRow],
    declared: list[Declared],
    complete_sdks: list[str],
    languages: tuple[Language, ...],
    previous: Entry | None,
) -> Entry:
    """`entry` with what the API reference declares of its code: the constants' names, the
    literal message, descriptions no page gives; and the findings where pages and SDK disagree."""
    if not declared and not complete_sdks and not (previous and previous.constants):
        return entry  # no SDK has a word on it: most codes of a catalogue
    constants: list[Constant] = []
    findings = list(entry.findings)
    for declarations, constant in declared:
        if any(named.sdk == declarations.sdk for named in constants):
            first = next(named for named in constants if named.sdk == declarations.sdk)
            findings.append(
                Finding(
                    "duplicate-constant",
                    "warning",
                    f"the {declarations.sdk} SDK names the code twice; {first.name} was kept",
                    source=constant.source,
                    value=constant.name,
                )
            )
            continue
        constants.append(
            Constant(
                declarations.sdk,
                constant.name,
                constant.source,
                constant.comment,
                declarations.lang if constant.comment else None,
                constant.message,
            )
        )
    # A name a maintainer wrote for an SDK whose API reference is not among the sources is kept.
    imported = {constant.sdk for constant in constants}
    if previous:
        constants += [c for c in previous.constants if c.source is None and c.sdk not in imported]
    description = dict(entry.description)
    for language in languages:
        if description.get(language.id):
            continue
        comment = next((c for c in constants if c.lang == language.id and c.comment), None)
        if comment is None:
            continue
        description[language.id] = comment.comment
        if entry.source:
            findings.append(
                Finding(
                    "description-from-sdk",
                    "info",
                    f"no page describes it in {language.name}: the {comment.sdk} SDK's doc comment does",
                    language.id,
                    comment.source,
                )
            )
    message = entry.message
    literal = next((constant for constant in constants if constant.message is not None), None)
    if literal is not None and literal.message is not None:
        message = literal.message
        # The pages' messages are compared with what the app receives, not with each other.
        findings = [finding for finding in findings if finding.kind != "message-differs"]
        for lang, row in rows.items():
            if row.message and row.message != message:
                findings.append(
                    Finding(
                        "message-differs-from-sdk",
                        "info",
                        f"the page gives another message than the {literal.sdk} SDK returns; the SDK's is shown",
                        lang,
                        row.source,
                        row.message,
                    )
                )
    if not entry.source and constants:
        sdks = ", ".join(dict.fromkeys(constant.sdk for constant in constants if constant.source))
        findings.append(
            Finding("undocumented", "warning", f"on no page: only the API reference of the {sdks} SDK declares it")
        )
    elif entry.source:
        for sdk in complete_sdks:
            if not any(constant.sdk == sdk and constant.source for constant in constants):
                findings.append(
                    Finding("not-declared", "warning", f"the {sdk} SDK's API reference does not declare it")
                )
    updated = replace(
        entry, message=message, description=description, findings=tuple(findings), constants=tuple(constants)
    )
    return _restatus(updated, languages)


def _maintainers_text(previous: Entry | None, lang: str) -> bool:
    """Whether `previous` holds a description in `lang` that a maintainer wrote: one that no page
    gave and that is not the SDK's doc comment either."""
    if previous is None or lang in previous.source or not previous.description.get(lang):
        return False
    return all(previous.description[lang] != constant.comment for constant in previous.constants)


def _chosen_message(rows: dict[str, SourceRow], languages: tuple[Language, ...], resolution: Resolution | None) -> str:
    if resolution and resolution.message in rows and rows[resolution.message].message:
        return rows[resolution.message].message
    return next(
        (rows[language.id].message for language in languages if language.id in rows and rows[language.id].message), ""
    )


def _placeholder_findings(
    rows: dict[str, SourceRow], description: dict[str, str | None], languages: tuple[Language, ...]
) -> list[Finding]:
    findings = []
    messages = {lang: Counter(_PLACEHOLDER.findall(row.message)) for lang, row in rows.items() if row.message}
    if len({tuple(sorted(counter.items())) for counter in messages.values()}) > 1:
        findings.append(Finding("placeholders-differ", "error", "the pages' SDK messages have different placeholders"))
    texts = {lang: Counter(_PLACEHOLDER.findall(text)) for lang, text in description.items() if text}
    if len({tuple(sorted(counter.items())) for counter in texts.values()}) > 1:
        detail = ", ".join(
            f"{language.id}: {' '.join(sorted(texts[language.id].elements())) or 'none'}"
            for language in languages
            if language.id in texts
        )
        findings.append(
            Finding("placeholders-differ", "warning", f"the descriptions have different placeholders ({detail})")
        )
    return findings


def _script_findings(
    rows: dict[str, SourceRow], description: dict[str, str | None], languages: tuple[Language, ...]
) -> list[Finding]:
    findings = []
    for language in languages:
        text = description.get(language.id)
        if not text:
            continue
        if not written_in(text, language.script):
            row = rows.get(language.id)
            findings.append(
                Finding(
                    "wrong-language",
                    "warning",
                    f"the {language.name} description is not written in {language.name}",
                    language.id,
                    row.source if row else None,
                )
            )
    return findings


def written_in(text: str, script: str) -> bool:
    """Whether a text may be in a language of `script` (ISO 15924): Han text holds Han characters,
    Latin text Latin letters and no Han; of other scripts nothing is known."""
    has_han = bool(_HAN.search(text))
    if script == "Hani":
        return has_han
    if script == "Latn":
        return not has_han and bool(_LATIN.search(text))
    return True


def entry_status(entry: Entry, languages: tuple[Language, ...]) -> Status:
    """What a reader and a maintainer need to know first about an entry."""
    open_findings = (
        []
        if entry.resolution
        else [f for f in entry.findings if f.kind not in _TRANSLATION_KINDS and f.severity != "info"]
    )
    if open_findings:
        return "needs-review"
    if any(not entry.description.get(language.id) for language in languages):
        return "untranslated"
    return "resolved" if entry.findings else "ok"


def _restatus(entry: Entry, languages: tuple[Language, ...]) -> Entry:
    return replace(entry, status=entry_status(entry, languages))
