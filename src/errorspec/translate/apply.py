"""`errorspec translate import`: a translator's file checked unit by unit, then written into the spec.

Each unit is checked as Weblate's quality checks would (translate-toolkit's own checks:
placeholders, an untranslated copy of the source, whitespace added at either end), plus what only
the spec knows: the unit must name a text errorspec exported, from a source text that has not
changed since. One refused unit refuses the file: a translator fixes it and imports the file
again, and a reviewer sees it all in one change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from translate.filters import checks

from errorspec.model import Entry, PlatformSpec, Spec, Translated
from errorspec.spec.reconcile import entry_status, written_in
from errorspec.spec.schema import unprintable
from errorspec.spec.translations import field_texts, given_by_page, text_hash, translation_of
from errorspec.translate.exchange import FileUnit, TranslationFile
from errorspec.translate.units import Unit, entry_unit, parse_context

Outcome = Literal["added", "updated", "confirmed", "unchanged", "untranslated", "fuzzy"]
OUTCOMES: tuple[Outcome, ...] = ("added", "updated", "confirmed", "unchanged", "untranslated", "fuzzy")
"""What became of a unit: a translation added where there was none, updated, confirmed (the same
text, now recorded as made from the current source), unchanged; or left out, as the file had no
translation for it or marked it as not ready (fuzzy)."""

# translate-toolkit's checks that a translation of an error's description must pass, with what
# a translator is told when one fails.
_CHECKS = {
    "printf": "placeholders (%s, %d, %@) differ from the source's",
    "pythonbraceformat": "placeholders ({name}) differ from the source's",
    "unchanged": "the translation is the source text, untranslated",
    "startwhitespace": "whitespace at the start differs from the source's",
    "endwhitespace": "whitespace at the end differs from the source's",
}
_CHECKER = checks.StandardChecker()


@dataclass(frozen=True)
class Refusal:
    line: int | None
    context: str
    problem: str


@dataclass(frozen=True)
class TranslationImport:
    lang: str
    spec: Spec
    """The spec with the translations in (the one given, if any unit was refused)."""
    outcomes: Counter[Outcome]
    refusals: list[Refusal]
    changed: tuple[str, ...]
    """The platforms whose file changes."""


class _Refused(Exception):
    def __init__(self, problem: str) -> None:
        self.problem = problem


def translation_problems(source: str, target: str) -> list[str]:
    """What translate-toolkit's checks find wrong with `target` as a translation of `source`."""
    problems = []
    for check, problem in _CHECKS.items():
        try:
            getattr(_CHECKER, check)(source, target)
        except checks.FilterFailure as failure:
            problems.append(f"{problem} ({failure})")
    return problems


def import_translations(spec: Spec, file: TranslationFile, lang: str) -> TranslationImport:
    """Every unit of `file` checked against `spec`, and applied where all pass."""
    outcomes: Counter[Outcome] = Counter()
    refusals: list[Refusal] = []
    entries = {(platform.platform, entry.code): entry for platform in spec.platforms for entry in platform.entries}
    updated: dict[tuple[str, int], Entry] = {}
    first_line: dict[str, int | None] = {}
    for unit in file.units:
        if unit.context in first_line:
            again = f"listed again (first at line {first_line[unit.context]})"
            refusals.append(Refusal(unit.line, unit.context, again))
            continue
        first_line[unit.context] = unit.line
        if not unit.target:
            outcomes["untranslated"] += 1
            continue
        if unit.fuzzy:
            outcomes["fuzzy"] += 1
            continue
        try:
            key, field, current = _exported_unit(spec, entries, unit, lang)
            _check(spec, unit, current)
        except _Refused as refused:
            refusals.append(Refusal(unit.line, unit.context, refused.problem))
            continue
        entry = updated.get(key, entries[key])
        outcome, entry = _applied(entry, field, current, unit.target, spec)
        outcomes[outcome] += 1
        if outcome != "unchanged":
            updated[key] = entry
    if refusals or not updated:
        return TranslationImport(lang, spec, outcomes, refusals, ())
    platforms = tuple(_with_entries(platform, updated) for platform in spec.platforms)
    changed = tuple(dict.fromkeys(platform for platform, _ in updated))
    return TranslationImport(lang, replace(spec, platforms=platforms), outcomes, refusals, changed)


def _exported_unit(
    spec: Spec, entries: dict[tuple[str, int], Entry], unit: FileUnit, lang: str
) -> tuple[tuple[str, int], str, Unit]:
    """The spec's unit that a file's unit stands for, or why there is none."""
    parsed = parse_context(unit.context)
    if parsed is None:
        raise _Refused("not a unit errorspec exported: its context should be <platform>/<code>/<field>")
    platform, code, field = parsed
    entry = entries.get((platform, code))
    if entry is None:
        raise _Refused(f"the spec has no code {code} on platform {platform}")
    current = entry_unit(spec, platform, entry, field, lang)
    if current is None:
        if given_by_page(entry, field, lang):
            where = entry.source[lang]
            raise _Refused(
                f"the {spec.language_name(lang)} description is the vendor's page's "
                f"({where.file}:{where.line}): correct it there, then import the pages"
            )
        raise _Refused(f"nothing to translate from: the code has no {field} in another language")
    return (platform, code), field, current


def _check(spec: Spec, unit: FileUnit, current: Unit) -> None:
    if unit.source != current.source:
        source_name = spec.language_name(current.source_lang)
        raise _Refused(
            f"conflict: the {source_name} text changed since the export (now {current.source!r}, "
            f"translated from {unit.source!r}): export again and translate the new text"
        )
    control = unprintable(unit.target)
    if control is not None:
        raise _Refused(f"holds the control character U+{ord(control):04X}, which no page can show: remove it")
    problems = translation_problems(current.source, unit.target)
    script = next(language.script for language in spec.languages if language.id == current.target_lang)
    if not written_in(unit.target, script):
        problems.append(f"not written in {spec.language_name(current.target_lang)}")
    if problems:
        raise _Refused("; ".join(problems))


def _applied(entry: Entry, field: str, current: Unit, target: str, spec: Spec) -> tuple[Outcome, Entry]:
    """The entry with the translation in, and what that was."""
    lang = current.target_lang
    record = Translated(field, lang, current.source_lang, text_hash(current.source))
    before = translation_of(entry, field, lang)
    if field_texts(entry, field).get(lang) == target:
        if before == record:
            return "unchanged", entry
        outcome: Outcome = "confirmed"
    else:
        outcome = "added" if current.target is None else "updated"
    texts = {**field_texts(entry, field), lang: target}
    texts = {language: texts[language] for language in spec.language_ids if language in texts}
    records = tuple(other for other in entry.translated if (other.field, other.lang) != (field, lang))
    changed = replace(entry, **{field: texts}, translated=(*records, record))
    if field == "description":
        # What an import of the pages would find now: the code has its description in `lang`.
        findings = tuple(f for f in entry.findings if not (f.kind == "missing-translation" and f.lang == lang))
        changed = replace(changed, findings=findings)
    return outcome, replace(changed, status=entry_status(changed, spec.languages))


def _with_entries(platform: PlatformSpec, updated: dict[tuple[str, int], Entry]) -> PlatformSpec:
    entries = tuple(updated.get((platform.platform, entry.code), entry) for entry in platform.entries)
    return replace(platform, entries=entries)
