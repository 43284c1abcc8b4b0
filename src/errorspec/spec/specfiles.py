"""The spec on disk: one canonical YAML file per platform, read back with line-aware checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from errorspec.model import (
    TRANSLATABLE,
    WHAT_TO_DO,
    CodeRange,
    Constant,
    Entry,
    Finding,
    InputError,
    Language,
    Link,
    PlatformSpec,
    Provenance,
    Resolution,
    Spec,
    SpecInvalid,
    Translated,
)
from errorspec.sources.manifest import Manifest
from errorspec.spec.fileset import finish_interrupted_write
from errorspec.spec.plainyaml import read_valid
from errorspec.spec.schema import SOURCES_SCHEMA, SPEC_SCHEMA, schema_errors, schema_text
from errorspec.spec.yamlio import (
    Flow,
    LocatedData,
    dump_yaml,
    not_utf8,
    parse_yaml,
    read_text,
)

HEADER = (
    "# yaml-language-server: $schema=errorspec.schema.json\n"
    "# One platform's error codes. `errorspec import` rewrites what comes from the pages and API reference in\n"
    "# sources/; resolution, related, unrelated, causes, solutions, example, deprecated, translated and\n"
    "# constants without a source are yours and are kept.\n"
)


def spec_file_name(platform: str) -> str:
    return f"{platform}.yaml"


# -- writing -----------------------------------------------------------------------------------


def _provenance(source: Provenance) -> Flow:
    return Flow(file=source.file, line=source.line)


def _finding(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": finding.kind, "severity": finding.severity}
    if finding.lang:
        data["lang"] = finding.lang
    if finding.source:
        data["source"] = _provenance(finding.source)
    data["detail"] = finding.detail
    if finding.value is not None:
        data["value"] = finding.value
    return data


def _constant(constant: Constant) -> dict[str, Any]:
    fields = {
        "name": constant.name,
        "source": _provenance(constant.source) if constant.source else None,
        "lang": constant.lang,
        "comment": constant.comment,
        "message": constant.message,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _entry(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": entry.code,
        "message": entry.message,
        "description": dict(entry.description),
    }
    if entry.source:
        data["source"] = {lang: _provenance(source) for lang, source in entry.source.items()}
    data["status"] = entry.status
    if entry.findings:
        data["findings"] = [_finding(finding) for finding in entry.findings]
    if entry.resolution:
        resolution = {"message": entry.resolution.message, "note": entry.resolution.note}
        data["resolution"] = {key: value for key, value in resolution.items() if value is not None}
    optional = {
        "related": list(entry.related),
        "unrelated": list(entry.unrelated),
        "constants": {constant.sdk: _constant(constant) for constant in entry.constants},
        "causes": entry.causes,
        "solutions": entry.solutions,
        "example": entry.example,
        "deprecated": entry.deprecated,
        "translated": _translated(entry.translated),
    }
    data.update({key: value for key, value in optional.items() if value not in (None, [], {})})
    return data


def _translated(records: tuple[Translated, ...]) -> dict[str, dict[str, Flow]]:
    """Per language, per field: `{from: zh, hash: 3fa2c1d9}`, a line each, in a stable order."""
    data: dict[str, dict[str, Flow]] = {}
    for record in sorted(records, key=lambda record: (record.lang, TRANSLATABLE.index(record.field))):
        data.setdefault(record.lang, {})[record.field] = Flow({"from": record.source_lang, "hash": record.source_hash})
    return data


def _code_range(code_range: CodeRange) -> dict[str, Any]:
    return {"prefix": code_range.prefix, "description": dict(code_range.description)}


def platform_to_data(platform: PlatformSpec) -> dict[str, Any]:
    product = {"product": platform.product} if platform.product else {}
    return {
        "platform": platform.platform,
        **product,
        "url": platform.url,
        "title": dict(platform.title),
        "intro": dict(platform.intro),
        "hint": dict(platform.hint),
        "related": {
            lang: [{"title": link.title, "url": link.url} for link in links] for lang, links in platform.related.items()
        },
        "sources": {lang: _provenance(source) for lang, source in platform.sources.items()},
        **({"ranges": [_code_range(code_range) for code_range in platform.ranges]} if platform.ranges else {}),
        "findings": [_finding(finding) for finding in platform.findings],
        "codes": [_entry(entry) for entry in platform.entries],
    }


def spec_files(spec: Spec, spec_dir: Path) -> dict[Path, str]:
    """Every file of the spec folder that errorspec writes, with its canonical text."""
    files = {
        spec_dir / spec_file_name(platform.platform): dump_yaml(platform_to_data(platform), HEADER)
        for platform in spec.platforms
    }
    for schema in (SPEC_SCHEMA, SOURCES_SCHEMA):
        files[spec_dir / schema] = schema_text(schema)
    return files


# -- reading -----------------------------------------------------------------------------------


def _read_provenance(data: dict[str, Any]) -> Provenance:
    return Provenance(data["file"], data["line"])


def _read_finding(data: dict[str, Any]) -> Finding:
    return Finding(
        kind=data["kind"],
        severity=data["severity"],
        detail=data["detail"],
        lang=data.get("lang"),
        source=_read_provenance(data["source"]) if "source" in data else None,
        value=data.get("value"),
    )


def _read_constant(sdk: str, data: dict[str, Any]) -> Constant:
    return Constant(
        sdk=sdk,
        name=data["name"],
        source=_read_provenance(data["source"]) if "source" in data else None,
        comment=data.get("comment"),
        lang=data.get("lang"),
        message=data.get("message"),
    )


def _read_entry(data: dict[str, Any]) -> Entry:
    resolution = data.get("resolution")
    return Entry(
        code=data["code"],
        message=data["message"],
        description=dict(data["description"]),
        source={lang: _read_provenance(source) for lang, source in data.get("source", {}).items()},
        status=data["status"],
        findings=tuple(_read_finding(finding) for finding in data.get("findings", [])),
        resolution=Resolution(resolution.get("message"), resolution.get("note")) if resolution else None,
        related=tuple(data.get("related", [])),
        unrelated=tuple(data.get("unrelated", [])),
        constants=tuple(_read_constant(sdk, constant) for sdk, constant in data.get("constants", {}).items()),
        causes=data.get("causes"),
        solutions=data.get("solutions"),
        example=data.get("example"),
        deprecated=data.get("deprecated"),
        translated=tuple(
            Translated(field, lang, record["from"], record["hash"])
            for lang, fields in data.get("translated", {}).items()
            for field, record in fields.items()
        ),
    )


def platform_from_data(data: dict[str, Any]) -> PlatformSpec:
    return PlatformSpec(
        platform=data["platform"],
        url=data.get("url"),
        title=dict(data["title"]),
        intro=dict(data.get("intro", {})),
        hint=dict(data.get("hint", {})),
        related={
            lang: tuple(Link(link["title"], link["url"]) for link in links)
            for lang, links in data.get("related", {}).items()
        },
        sources={lang: _read_provenance(source) for lang, source in data.get("sources", {}).items()},
        findings=tuple(_read_finding(finding) for finding in data.get("findings", [])),
        entries=tuple(_read_entry(entry) for entry in data["codes"]),
        product=data.get("product"),
        ranges=tuple(
            CodeRange(code_range["prefix"], dict(code_range["description"])) for code_range in data.get("ranges", [])
        ),
    )


def _consistency_errors(
    located: LocatedData, platform: str, languages: tuple[Language, ...], name: str
) -> list[InputError]:
    data = located.data
    errors = []
    if data["platform"] != platform:
        errors.append(
            InputError(
                name,
                located.line_of(("platform",)),
                f"platform '{data['platform']}' in the file named for '{platform}'",
            )
        )
    known = {language.id for language in languages}
    first_index: dict[int, int] = {}
    for index, entry in enumerate(data["codes"]):
        # Lines are looked up only for an error: finding them costs more than reading the file.
        if entry["code"] in first_index:
            first = located.line_of(("codes", first_index[entry["code"]]))
            errors.append(
                InputError(
                    name,
                    located.line_of(("codes", index)),
                    f"code {entry['code']} is listed twice (first at line {first})",
                )
            )
        first_index.setdefault(entry["code"], index)
        for field in ("description", *WHAT_TO_DO):
            unknown = sorted(set(entry.get(field) or ()) - known)
            if unknown:
                errors.append(
                    InputError(
                        name,
                        located.line_of(("codes", index, field, unknown[0])),
                        f"{field} in {', '.join(unknown)}, which sources.yaml does not list as a language",
                    )
                )
        for lang, fields in (entry.get("translated") or {}).items():
            for field, record in fields.items():
                where = located.line_of(("codes", index, "translated", lang, field))
                if lang not in known or record["from"] not in known:
                    wrong = lang if lang not in known else record["from"]
                    problem = f"translated: {wrong}, which sources.yaml does not list as a language"
                    errors.append(InputError(name, where, problem))
                elif record["from"] == lang:
                    errors.append(InputError(name, where, f"translated: the {field} in {lang} from {lang} itself"))
    return errors


def valid_platform_data(text: str, name: str, platform: str, languages: tuple[Language, ...]) -> Any | None:
    """The data of the platform file `name` whose text is `text`, where it is valid as `read_spec`
    checks it, read without a native library (spec/plainyaml.py); None where it is not sure:
    `read_spec` then reads the file, and says what is wrong."""
    text = text.removeprefix("\ufeff")
    data = read_valid(text, SPEC_SCHEMA)
    if data is None or _consistency_errors(LocatedData(data, text, name), platform, languages, name):
        return None
    return data


def lone_platform(located: LocatedData, name: str) -> Spec:
    """One platform file read on its own, without a manifest: its languages are those its
    descriptions use. Checked as a spec folder's files are; problems raise `SpecInvalid`."""
    errors = schema_errors(located, SPEC_SCHEMA, name)
    if errors:
        raise SpecInvalid(errors)
    used = dict.fromkeys(
        lang
        for entry in located.data["codes"]
        for field in ("description", *WHAT_TO_DO)
        for lang in entry.get(field) or ()
    )
    languages = tuple(Language(lang, lang, "Zyyy") for lang in used)
    errors = _consistency_errors(located, located.data["platform"], languages, name)
    if errors:
        raise SpecInvalid(errors)
    return Spec(languages, (platform_from_data(located.data),))


def load_spec(spec_dir: Path, manifest: Manifest, *, missing_ok: bool = False) -> Spec:
    """The spec in `spec_dir`; raises `SpecInvalid` listing every problem with file and line.

    With `missing_ok`, a platform without a file yet (a first import) is left out. An import
    stopped while it replaced the spec's files is first completed (or undone, if it had not
    staged them all): see `write_files_atomically`.
    """

    def read(file_name: str) -> str | None:
        path = spec_dir / file_name
        if missing_ok and not path.exists():
            return None
        return read_text(path, f"{spec_dir.name}/{file_name}")

    finish_interrupted_write(spec_dir)
    return read_spec(manifest, read, spec_dir.name)


def read_spec(manifest: Manifest, read: Callable[[str], str | None], folder: str) -> Spec:
    """The spec whose platform files `read` returns by name (None: not there, left out).

    `folder` names where they come from in messages (`spec`, `HEAD~1:spec`).
    """
    platforms = []
    errors: list[InputError] = []
    for platform in manifest.platform_ids:
        name = f"{folder}/{spec_file_name(platform)}"
        try:
            text = read(spec_file_name(platform))
            if text is None:
                continue
            located = parse_yaml(text, name)
        except InputError as error:
            errors.append(error)
            continue
        except UnicodeDecodeError as error:  # from a reader that decodes, such as git's
            errors.append(not_utf8(name, error))
            continue
        problems = schema_errors(located, SPEC_SCHEMA, name)
        if not problems:
            problems = _consistency_errors(located, platform, manifest.languages, name)
        if problems:
            errors += problems
            continue
        platforms.append(platform_from_data(located.data))
    if errors:
        raise SpecInvalid(errors)
    return Spec(manifest.languages, tuple(platforms), manifest.products)
