"""`errorspec check`: the reconciliation report, per platform, as text, Markdown or JSON."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Literal

from errorspec.model import Entry, Finding, InputError, PlatformSpec, Spec
from errorspec.spec.translations import stale_translations
from errorspec.text import escape_markdown, markdown_table_cell

ReportFormat = Literal["text", "markdown", "json"]


@dataclass(frozen=True)
class RowAccount:
    """Every table row read is in the spec or reported with its reason: read = in_spec + reported."""

    read: int
    in_spec: int
    reported: int


# Findings that stand for a source row not in the spec: the row is reported with this reason.
_REPORTED_KINDS = {"rejected-row", "duplicate-code", "duplicate-constant"}


def row_accounts(spec: Spec) -> dict[str, RowAccount]:
    """Per source file, in file order: a page's table rows and an API reference's constants,
    each in the spec (an entry's source, a code's constant) or reported with its reason."""
    in_spec: Counter[str] = Counter()
    reported: Counter[str] = Counter()
    for platform in spec.platforms:
        findings = list(platform.findings)
        for entry in platform.entries:
            in_spec.update(source.file for source in entry.source.values())
            in_spec.update(constant.source.file for constant in entry.constants if constant.source)
            findings += entry.findings
        reported.update(f.source.file for f in findings if f.kind in _REPORTED_KINDS and f.source)
    return {
        file: RowAccount(in_spec[file] + reported[file], in_spec[file], reported[file])
        for file in sorted(in_spec.keys() | reported.keys())
    }


def row_account(spec: Spec) -> RowAccount:
    """Every source's rows together."""
    accounts = row_accounts(spec).values()
    return RowAccount(
        sum(account.read for account in accounts),
        sum(account.in_spec for account in accounts),
        sum(account.reported for account in accounts),
    )


@dataclass(frozen=True)
class ReportedFinding:
    code: int | None
    kind: str
    severity: str
    lang: str | None
    detail: str
    source: str | None
    value: str | None
    resolved: bool


@dataclass(frozen=True)
class PlatformReport:
    platform: str
    title: str
    codes: int
    undocumented: int
    """Codes on no page, declared only by an SDK's API reference."""
    constants: int
    """Constant names the SDKs give the platform's codes."""
    kinds: dict[str, int]
    """Findings per kind."""
    translated: dict[str, int]
    missing: dict[str, int]
    stale: dict[str, int]
    """Translations per language made from a text that has changed since (any field)."""
    stale_units: list[str]
    """Each stale translation: `871310 en description`."""
    empty_messages: int
    status: dict[str, int]
    findings: list[ReportedFinding]


@dataclass(frozen=True)
class CheckReport:
    languages: tuple[str, ...]
    platforms: list[PlatformReport]
    rows: RowAccount
    sources: dict[str, RowAccount]
    kinds: dict[str, int]
    errors: int
    warnings: int
    strict: bool

    @property
    def failed(self) -> bool:
        return self.errors > 0 or (self.strict and self.warnings > 0)


def _reported(finding: Finding, code: int | None, resolved: bool) -> ReportedFinding:
    source = f"{finding.source.file}:{finding.source.line}" if finding.source else None
    return ReportedFinding(
        code, finding.kind, finding.severity, finding.lang, finding.detail, source, finding.value, resolved
    )


def _platform_report(platform: PlatformSpec, languages: tuple[str, ...]) -> PlatformReport:
    entries: tuple[Entry, ...] = platform.entries
    translated = {lang: sum(1 for entry in entries if entry.description.get(lang)) for lang in languages}
    status: dict[str, int] = {}
    for entry in entries:
        status[entry.status] = status.get(entry.status, 0) + 1
    stale = [(entry.code, record) for entry in entries for record in stale_translations(entry)]
    findings = [_reported(finding, None, False) for finding in platform.findings]
    findings += [
        _reported(finding, entry.code, entry.resolution is not None) for entry in entries for finding in entry.findings
    ]
    return PlatformReport(
        platform=platform.platform,
        title=platform.name,
        codes=len(entries),
        undocumented=sum(1 for entry in entries if entry.undocumented),
        constants=sum(len(entry.constants) for entry in entries),
        kinds=dict(sorted(Counter(finding.kind for finding in findings).items())),
        translated=translated,
        missing={lang: len(entries) - count for lang, count in translated.items()},
        stale={lang: sum(1 for _, record in stale if record.lang == lang) for lang in languages},
        stale_units=[f"{code} {record.lang} {record.field}" for code, record in stale],
        empty_messages=sum(1 for entry in entries if not entry.message),
        status=dict(sorted(status.items())),
        findings=findings,
    )


def check_report(spec: Spec, *, strict: bool = False) -> CheckReport:
    platforms = [_platform_report(platform, spec.language_ids) for platform in spec.platforms]
    open_findings = [finding for report in platforms for finding in report.findings if not finding.resolved]
    return CheckReport(
        languages=spec.language_ids,
        platforms=platforms,
        rows=row_account(spec),
        sources=row_accounts(spec),
        kinds=dict(sorted(Counter(finding.kind for report in platforms for finding in report.findings).items())),
        errors=sum(1 for finding in open_findings if finding.severity == "error"),
        warnings=sum(1 for finding in open_findings if finding.severity == "warning"),
        strict=strict,
    )


def _summary_line(report: CheckReport) -> str:
    verdict = "FAILED" if report.failed else "OK"
    strict = " (--strict: warnings count as errors)" if report.strict and report.warnings else ""
    return f"{verdict}: {report.errors} error(s), {report.warnings} warning(s){strict}"


def _rows_line(report: CheckReport) -> str:
    rows = report.rows
    return f"rows: {rows.read} read = {rows.in_spec} in the spec + {rows.reported} reported with a reason"


def _kinds(kinds: dict[str, int]) -> str:
    return ", ".join(f"{kind} {count}" for kind, count in kinds.items())


def _coverage(platform: PlatformReport) -> str:
    parts = []
    for lang, count in platform.translated.items():
        gaps = [f"{platform.missing[lang]} missing"] if platform.missing[lang] else []
        gaps += [f"{platform.stale[lang]} stale"] if platform.stale[lang] else []
        parts.append(f"{lang} {count}/{platform.codes}" + (f" ({', '.join(gaps)})" if gaps else ""))
    return ", ".join(parts)


def _finding_label(finding: ReportedFinding) -> str:
    return "resolved" if finding.resolved else finding.severity


def format_text(report: CheckReport) -> str:
    lines = []
    for platform in report.platforms:
        lines.append(f"{platform.platform} ({platform.title}): {platform.codes} codes; {_coverage(platform)}")
        if platform.constants or platform.undocumented:
            lines.append(
                f"  {platform.constants} constant name(s); {platform.undocumented} code(s) only an SDK declares"
            )
        if platform.empty_messages:
            lines.append(f"  {platform.empty_messages} code(s) with an empty SDK message")
        if platform.kinds:
            lines.append(f"  findings: {_kinds(platform.kinds)}")
        lines += [f"  stale     {unit}: translated from a text that has changed since" for unit in platform.stale_units]
        for finding in platform.findings:
            code = str(finding.code) if finding.code is not None else "-"
            where = f"  [{finding.source}]" if finding.source else ""
            value = f": {finding.value!r}" if finding.value else ""
            label = f"{_finding_label(finding):8} {code:>7} {finding.lang or '':3}"
            lines.append(f"  {label} {finding.kind}: {finding.detail}{value}{where}")
    if report.kinds:
        lines.append(f"findings: {_kinds(report.kinds)}")
    for file, rows in report.sources.items():
        lines.append(f"  {file}: {rows.read} rows read = {rows.in_spec} in the spec + {rows.reported} reported")
    lines += [_rows_line(report), _stale_line(report), _summary_line(report)]
    return "\n".join(lines) + "\n"


def _stale_line(report: CheckReport) -> str:
    counts = ", ".join(
        f"{lang} {sum(platform.stale[lang] for platform in report.platforms)}" for lang in report.languages
    )
    return f"stale translations: {counts}"


def _cell(text: str) -> str:
    return markdown_table_cell(escape_markdown(text))


def format_markdown(report: CheckReport) -> str:
    lines = [
        "# Reconciliation report",
        "",
        f"**{_summary_line(report)}**; {_rows_line(report)}; {_stale_line(report)}.",
        "",
    ]
    lines += [
        "| platform | codes | " + " | ".join(report.languages) + " | empty messages | constants | only in an SDK |",
        "|---|---:|" + "---:|" * len(report.languages) + "---:|---:|---:|",
    ]
    for platform in report.platforms:
        coverage = " | ".join(f"{count}/{platform.codes}" for count in platform.translated.values())
        title = f"{_cell(platform.title)} (`{platform.platform}`)"
        lines.append(
            f"| {title} | {platform.codes} | {coverage} | {platform.empty_messages} "
            f"| {platform.constants} | {platform.undocumented} |"
        )
    if report.kinds:
        lines += ["", "| finding | count |", "|---|---:|"]
        lines += [f"| {kind} | {count} |" for kind, count in report.kinds.items()]
    for platform in report.platforms:
        lines += ["", f"## {platform.title} (`{platform.platform}`)", ""]
        if not platform.findings:
            lines.append("No discrepancies.")
            continue
        lines += ["| | code | lang | kind | detail | source |", "|---|---:|---|---|---|---|"]
        for finding in platform.findings:
            code = "" if finding.code is None else str(finding.code)
            detail = finding.detail + (f": `{finding.value}`" if finding.value else "")
            lines.append(
                f"| {_finding_label(finding)} | {code} | {finding.lang or ''} "
                f"| {finding.kind} | {_cell(detail)} | {finding.source or ''} |"
            )
    return "\n".join(lines) + "\n"


def report_data(report: CheckReport) -> dict[str, Any]:
    return {
        "ok": not report.failed,
        "errors": report.errors,
        "warnings": report.warnings,
        "strict": report.strict,
        "languages": list(report.languages),
        "rows": asdict(report.rows),
        "sources": {file: asdict(rows) for file, rows in report.sources.items()},
        "kinds": report.kinds,
        "platforms": [asdict(platform) for platform in report.platforms],
    }


def format_json(report: CheckReport) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


def format_report(report: CheckReport, report_format: ReportFormat) -> str:
    formatters = {"text": format_text, "markdown": format_markdown, "json": format_json}
    return formatters[report_format](report)


def format_invalid(errors: list[InputError], report_format: ReportFormat) -> str:
    """The report for a spec that cannot be read: its problems, each with file and line."""
    if report_format == "json":
        problems = [{"file": error.file, "line": error.line, "problem": error.problem} for error in errors]
        return json.dumps({"ok": False, "invalid": problems}, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{error}\n" for error in errors)
