"""The `errorspec` command: a thin adapter over the pipeline's modules.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 failure (bad input, a failed
check, nothing found), 2 usage errors (click's own).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import click

# What one command alone needs is imported in that command: `lookup`, answered by its index,
# starts without the importer's HTML parsers or the spec's YAML validation.
from errorspec.model import InputError, Spec, SpecInvalid
from errorspec.publish.bundle import UNUSED
from errorspec.spec.lookup import answer_data, format_answer, format_no_code, query
from errorspec.spec.lookupindex import code_book, look_up


@dataclass
class State:
    spec_dir: Path

    def load(self) -> Spec:
        from errorspec.sources.manifest import load_manifest
        from errorspec.spec.specfiles import load_spec

        return load_spec(self.spec_dir, load_manifest(self.spec_dir))


pass_state = click.make_pass_decorator(State)


class _Group(click.Group):
    """Turns bad input into one message on stderr and exit 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)
        except SpecInvalid as invalid:
            for problem in invalid.errors:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)


class _Path(click.Path):
    """click's Path, refusing a NUL byte (no file name holds one) before click's own checks crash on it."""

    def convert(
        self, value: str | os.PathLike[str], param: click.Parameter | None, ctx: click.Context | None
    ) -> object:
        if "\0" in os.fspath(value):
            self.fail(f"{os.fspath(value)!r} holds a NUL byte, which no file name can", param, ctx)
        return super().convert(value, param, ctx)


@click.group(cls=_Group)
@click.option(
    "--spec",
    "spec_dir",
    type=_Path(file_okay=False, path_type=Path),
    default="spec",
    show_default=True,
    envvar="ERRORSPEC_SPEC",
    help="The spec folder (holding sources.yaml).",
)
@click.version_option(package_name="errorspec")
@click.pass_context
def cli(ctx: click.Context, spec_dir: Path) -> None:
    """Import, reconcile, check, look up and export an SDK's error codes."""
    ctx.obj = State(spec_dir)


@cli.command(name="import")
@click.option(
    "--allow-removals",
    is_flag=True,
    help="Remove from the spec the codes no source has any more (a breaking change); without it, such an "
    "import writes nothing.",
)
@pass_state
def import_command(state: State, allow_removals: bool) -> None:
    """Read the pages in sources.yaml and write the reconciled spec files.

    Also reads the SDKs' API reference listed there (appledoc, javadoc): each code's constant
    name, doc comment and literal message. Imported fields are rewritten; a maintainer's
    resolution, translations no page has, related codes, constants written by hand, causes,
    solutions and retired codes are kept. Codes that no source has any more are removed only
    with --allow-removals.
    """
    from errorspec.sources.importer import RemovalRefused, removal_summary, run_import

    try:
        result = run_import(state.spec_dir, allow_removals=allow_removals)
    except RemovalRefused as refused:
        for platform, removed in refused.removed.items():
            summary = removal_summary(platform, removed)
            click.echo(f"error: {refused.files[platform]}: the import would remove {summary}", err=True)
        click.echo(
            "nothing was written: no source has these codes any more. If a page lost them (a table gone, "
            "a heading renamed, rows deleted), fix the page; to remove them, run `errorspec import "
            "--allow-removals`; a code marked `deprecated: true` in the spec is kept.",
            err=True,
        )
        sys.exit(1)
    for platform, removed in result.removed.items():
        click.echo(f"removed {removal_summary(platform, removed)}", err=True)
    codes = sum(len(platform.entries) for platform in result.spec.platforms)
    click.echo(f"{codes} codes on {len(result.spec.platforms)} platforms", err=True)
    for file, rows in result.accounts.items():
        click.echo(
            f"  {file}: {rows.read} rows read = {rows.in_spec} in the spec + {rows.reported} reported with a reason",
            err=True,
        )
    if result.changed:
        for path in result.changed:
            click.echo(f"wrote {path}", err=True)
    else:
        click.echo("spec unchanged", err=True)


@cli.command()
@click.option(
    "--format", "report_format", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@pass_state
def check(state: State, report_format: str, strict: bool) -> None:
    """Validate the spec against its schema and print the reconciliation report.

    Exits 0 with only warnings, 1 on errors (or on warnings with --strict).
    """
    from errorspec.sources.manifest import load_manifest
    from errorspec.spec.report import check_report, format_invalid, format_report
    from errorspec.spec.specfiles import load_spec

    manifest = load_manifest(state.spec_dir)
    try:
        spec = load_spec(state.spec_dir, manifest)
    except SpecInvalid as invalid:
        click.echo(format_invalid(invalid.errors, report_format), nl=False)  # type: ignore[arg-type]
        sys.exit(1)
    report = check_report(spec, strict=strict)
    click.echo(format_report(report, report_format), nl=False)  # type: ignore[arg-type]
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("code", required=False)
@click.option(
    "-s", "--search", "words", multiple=True, help="Words to find in messages and descriptions (any language)."
)
@click.option("--lang", help="Show the description in this language only.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def lookup(state: State, code: str | None, words: tuple[str, ...], lang: str | None, output_format: str) -> None:
    """Show what CODE means on every platform, which codes a pasted text holds, or which codes
    match the -s words.

    CODE is a number, an SDK constant's name, or any text that holds codes: a log line, an
    error object, a server reply, a message with its placeholders filled in. The best match
    comes first, with what matched (code, number, constant, message).

    \b
      errorspec lookup 871310
      errorspec lookup kJMSGErrorSDKUserNotLogin
      errorspec lookup 'Error Domain=JMSGErrorDomain Code=863004 "(null)"'
      errorspec lookup -s chatroom
      errorspec lookup -s 聊天室 --lang zh
    """
    if code is None and not words:
        raise click.UsageError("give a CODE, or words with -s")
    split_words = [part for word in words for part in word.split()]
    asked = query(code, split_words)
    found = look_up(state.spec_dir, asked)
    if lang is not None and lang not in found.languages:
        raise click.BadParameter(f"'{lang}' is not one of {', '.join(found.languages)}", param_hint="--lang")
    languages = (lang,) if lang else found.languages
    for no_code in found.no_codes:
        click.echo(format_no_code(no_code, languages), err=True)
    if found.by_words and found.answers:
        click.echo(f"no code, constant or message in {code!r}; the codes whose texts hold its words:", err=True)
    if output_format == "json":
        data = [answer_data(answer, languages) for answer in found.answers]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        # What matched is worth a line where it is not what was typed: a code or a name in a paste.
        shown = found.answers if asked.pasted is not None else [replace(answer, matched=()) for answer in found.answers]
        text = "\n\n".join(format_answer(answer, languages) for answer in shown)
        click.echo(text, nl=bool(found.answers))
    if not found.answers:
        if not found.no_codes:
            click.echo(f"no code found for {code if code is not None else ' '.join(split_words)!r}", err=True)
        sys.exit(1)


#: Exit code of `explain --fail-on-code` when a log holds a code: distinct from failure (1) and usage (2).
CODES_FOUND = 3


@cli.command()
@click.argument("logs", nargs=-1, type=_Path(exists=True, dir_okay=False, allow_dash=True, path_type=str))
@click.option("--lang", help="Describe the codes in this language (default: the spec's first).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--all", "every_line", is_flag=True, help="Print every line, each one holding a code followed by its meaning."
)
@click.option(
    "--fail-on-code", is_flag=True, help=f"Exit {CODES_FOUND} when a line holds a code (for CI over test logs)."
)
@pass_state
def explain(
    state: State, logs: tuple[str, ...], lang: str | None, output_format: str, every_line: bool, fail_on_code: bool
) -> None:
    """Annotate the lines of LOGS (files, or - for stdin, the default) that hold a known code
    with its platform, message and description.

    A code is a number after a key (errorCode=, Code=, "code": , 错误码：) or a number of four
    digits or more standing alone. JSON is one object per line that holds a code. The log is
    read as it comes: `adb logcat | errorspec explain --all`.

    \b
      errorspec explain app.log
      adb logcat | errorspec explain --lang zh
      errorspec explain --fail-on-code --format json test-output/*.log
    """
    from errorspec.spec.explain import explain as explained_lines
    from errorspec.spec.explain import format_explained

    lines_held = 0
    with code_book(state.spec_dir, lang) as book:
        if lang is not None and lang not in book.languages:
            raise click.BadParameter(f"'{lang}' is not one of {', '.join(book.languages)}", param_hint="--lang")
        out = click.get_text_stream("stdout")
        for log in logs or ("-",):
            name = "<stdin>" if log == "-" else log
            with click.open_file(log, "rb") as stream:
                for _, text, held in explained_lines(stream, book.codes, book.meanings, every_line):
                    if held is None:
                        out.write(text + "\n")
                        continue
                    lines_held += 1
                    out.write(format_explained(name, held, output_format, every_line, book.lang) + "\n")
                out.flush()
    click.echo(f"{lines_held} line(s) with a known code", err=True)
    if fail_on_code and lines_held:
        sys.exit(CODES_FOUND)


@cli.command()
@click.option(
    "--format", "export_format", type=click.Choice(["json", "csv", "markdown"]), default="json", show_default=True
)
@click.option("--lang", help="With --format markdown: the page's language (default: the primary one).")
@click.option(
    "-o", "--output", type=_Path(dir_okay=False, path_type=Path), default="-", help="File to write; - for stdout."
)
@pass_state
def export(state: State, export_format: str, lang: str | None, output: Path) -> None:
    """Write the whole spec for other tools: JSON, CSV, or a Markdown page per language.

    In the CSV, a text a spreadsheet would run as a formula (starting with = + - @) starts with '.
    """
    from errorspec.spec.export import export_csv, export_json, export_markdown, write_export

    spec = state.load()
    if export_format == "json":
        text = export_json(spec)
    elif export_format == "csv":
        text = export_csv(spec)
    else:
        language = lang or spec.language_ids[0]
        if language not in spec.language_ids:
            raise click.BadParameter(f"'{language}' is not one of {', '.join(spec.language_ids)}", param_hint="--lang")
        text = export_markdown(spec, language)
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        write_export(output, text)
        click.echo(f"wrote {output}", err=True)


@cli.group()
def translate() -> None:
    """Hand what is untranslated or stale to translators (PO, XLIFF) and take their work back."""


def _language(spec: Spec, lang: str, option: str = "--lang") -> str:
    if lang not in spec.language_ids:
        raise click.BadParameter(f"'{lang}' is not one of {', '.join(spec.language_ids)}", param_hint=option)
    return lang


@translate.command(name="export")
@click.option("--lang", required=True, help="The language to translate into.")
@click.option("--format", "file_format", type=click.Choice(["po", "xliff"]), default="po", show_default=True)
@click.option(
    "--all", "everything", is_flag=True, help="Every text a translator may write, not only the missing and stale ones."
)
@click.option(
    "--site-url", help="The published site's URL (as mkdocs.yml's site_url): each unit notes its code's permanent URL."
)
@click.option("--project", default="error codes", show_default=True, help="The project's name in a PO file's header.")
@click.option("--platform", "platforms", multiple=True, help="Only this platform's codes (repeatable).")
@click.option(
    "-o", "--output", type=_Path(dir_okay=False, path_type=Path), default="-", help="File to write; - for stdout."
)
@pass_state
def translate_export(
    state: State,
    lang: str,
    file_format: str,
    everything: bool,
    site_url: str | None,
    project: str,
    platforms: tuple[str, ...],
    output: Path,
) -> None:
    """Write the units to translate into LANG: by default those missing and those stale (marked fuzzy).

    Each unit is named by its context, <platform>/<code>/<field>, carries the text to translate
    from and the current translation, and notes the SDK's message and the code's permanent URL.
    """
    from errorspec.spec.export import write_export
    from errorspec.translate.exchange import write_units
    from errorspec.translate.units import translation_units

    spec = state.load()
    _language(spec, lang)
    unknown = [platform for platform in platforms if platform not in {p.platform for p in spec.platforms}]
    if unknown:
        known = ", ".join(platform.platform for platform in spec.platforms)
        raise click.BadParameter(f"'{unknown[0]}' is not one of {known}", param_hint="--platform")
    units = [
        unit
        for unit in translation_units(spec, lang, "all" if everything else "todo")
        if not platforms or unit.platform in platforms
    ]
    data = write_units(
        units,
        lang,
        "xliff" if file_format == "xliff" else "po",
        project=project,
        site_url=site_url,
        default_lang=spec.language_ids[0],
    )
    stale = sum(1 for unit in units if unit.stale)
    missing = sum(1 for unit in units if unit.target is None)
    click.echo(f"{len(units)} unit(s) into {lang}: {missing} missing, {stale} stale", err=True)
    if str(output) == "-":
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_export(output, data.decode("utf-8"))
        click.echo(f"wrote {output}", err=True)


@translate.command(name="import")
@click.argument("file", type=_Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", help="The language translated into, where the file does not say.")
@click.option("--dry-run", is_flag=True, help="Check and count, but write nothing.")
@pass_state
def translate_import(state: State, file: Path, lang: str | None, dry_run: bool) -> None:
    """Check every unit of FILE (PO or XLIFF) and write the translations into the spec files.

    A unit is refused if its placeholders differ from the source's, it is the source text
    untranslated, it adds whitespace at either end, it is not written in its language, its source
    text changed since the export (a conflict), or its context is unknown. Any refusal: nothing
    is written. Units left empty or marked fuzzy are left out.
    """
    from errorspec.spec.fileset import write_files_atomically
    from errorspec.spec.specfiles import spec_file_name, spec_files
    from errorspec.translate.apply import OUTCOMES, import_translations
    from errorspec.translate.exchange import read_units

    spec = state.load()
    read = read_units(file, str(file))
    if lang and read.lang and lang != read.lang:
        raise InputError(str(file), None, f"the file is in {read.lang}, not {lang} (--lang)")
    language = lang or read.lang
    if language is None:
        raise InputError(str(file), None, "the file names no language it is translated into: give --lang")
    if language not in spec.language_ids:
        known = ", ".join(spec.language_ids)
        raise InputError(str(file), None, f"translated into {language}, which is not one of {known}")
    result = import_translations(spec, read, language)
    for refusal in result.refusals:
        where = f"{file}:{refusal.line}" if refusal.line else str(file)
        click.echo(f"error: {where}: {refusal.context}: {refusal.problem}", err=True)
    counts = ", ".join(f"{result.outcomes[outcome]} {outcome}" for outcome in OUTCOMES)
    click.echo(f"{len(read.units)} unit(s) into {language}: {counts}; {len(result.refusals)} refused", err=True)
    if result.refusals:
        click.echo("nothing was written: fix the refused units and import the file again", err=True)
        sys.exit(1)
    if dry_run or not result.changed:
        click.echo("spec unchanged" if not result.changed else "dry run: nothing was written", err=True)
        return
    names = {state.spec_dir / spec_file_name(platform) for platform in result.changed}
    files = {path: text for path, text in spec_files(result.spec, state.spec_dir).items() if path in names}
    for path in write_files_atomically(files):
        click.echo(f"wrote {path}", err=True)


def _bundle_name(ctx: click.Context, param: click.Parameter, name: str) -> str:
    """A bundle's name is a file name: a path there would put the zip, and its entries, elsewhere."""
    if not name or any(part in name for part in ("/", "\\", "..", "\0")):
        raise click.BadParameter(f"{name!r} is no file name: give one without '/', '\\', '..' or a NUL byte")
    return name


@cli.command()
@click.argument("site_dir", type=_Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--name",
    default="errorcodes-offline",
    show_default=True,
    callback=_bundle_name,
    help="The zip's name, before its version.",
)
@click.option("-o", "--output", type=_Path(file_okay=False, path_type=Path), default="dist", show_default=True)
@click.option(
    "--exclude",
    multiple=True,
    default=UNUSED,
    show_default=True,
    help="A glob of files to leave out (relative to SITE_DIR); repeat for several.",
)
@pass_state
def bundle(state: State, site_dir: Path, name: str, output: Path, exclude: tuple[str, ...]) -> None:
    """Zip a built site (SITE_DIR) into OUTPUT/NAME-VERSION.zip, the offline bundle.

    VERSION is a hash of the spec, so it changes exactly when the catalogue does; the same
    site gives the same bytes (dated by SOURCE_DATE_EPOCH when set). Only regular files are
    packed: symlinks, pipes and devices are left out, and named on stderr.
    """
    from errorspec.publish.bundle import content_version, write_bundle
    from errorspec.spec.specfiles import spec_files

    spec = state.load()
    version = content_version({path.name: text for path, text in spec_files(spec, state.spec_dir).items()})
    zip_path = output / f"{name}-{version}.zip"
    written = write_bundle(site_dir, zip_path, f"{name}-{version}", exclude)
    for relative in written.left_out:
        click.echo(f"left out {site_dir / relative}: not a regular file", err=True)
    click.echo(str(zip_path))
    click.echo(f"wrote {zip_path} ({written.size:,} bytes)", err=True)


#: Exit code of `diff --fail-on` when changes reach the threshold: distinct from failure (1) and usage (2).
CHANGES_FOUND = 3


@cli.command()
@click.argument("old")
@click.argument("new", required=False)
@click.option(
    "--format", "diff_format", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "warning"]),
    help=f"Exit {CHANGES_FOUND} when a change of this severity or worse is found (for CI).",
)
@pass_state
def diff(state: State, old: str, new: str | None, diff_format: str, fail_on: str | None) -> None:
    """What changed between two versions of the spec, by platform and code.

    OLD and NEW are each a spec folder, a platform file, or a git revision (main, HEAD~3, a
    tag); without NEW, the working tree. Order and formatting alone are no change.

    \b
      errorspec diff HEAD
      errorspec diff v1.0 main --format markdown
      errorspec diff main --fail-on breaking
    """
    from errorspec.review.diff import diff_specs, fails, format_diff
    from errorspec.review.revisions import load_version

    before = load_version(old, state.spec_dir)
    after = load_version(new, state.spec_dir)
    changes = diff_specs(before.spec, after.spec)
    style = click.style if diff_format == "text" else None
    click.echo(format_diff(changes, before.label, after.label, diff_format, style), nl=False)  # type: ignore[arg-type]
    if fails(changes, fail_on):  # type: ignore[arg-type]
        sys.exit(CHANGES_FOUND)


@cli.command(name="git-diff", hidden=True)
@click.argument("args", nargs=-1)
def git_diff(args: tuple[str, ...]) -> None:
    """git's external diff for spec files: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE."""
    if len(args) < 7:
        raise click.UsageError("git runs this with 7 arguments; see README.md (git integration)")
    from errorspec.review.diff import diff_specs, format_diff
    from errorspec.review.revisions import platform_file

    path, old_file, new_file = args[0], args[1], args[4]

    def side(file: str) -> Spec:
        return Spec(()) if file == "/dev/null" else platform_file(Path(file), path)

    changes = diff_specs(side(old_file), side(new_file))
    click.echo(format_diff(changes, f"a/{path}", f"b/{path}", "text", click.style), nl=False)


@cli.command(hidden=True)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def textconv(file: Path) -> None:
    """git's textconv for spec files: one sorted line per field, so that `git log -p` shows meaning."""
    from errorspec.review.diff import spec_lines
    from errorspec.review.revisions import platform_file

    spec = platform_file(file, str(file))
    click.echo(spec_lines(spec), nl=False)


@cli.command(name="git-setup")
def git_setup() -> None:
    """Make `git diff` and `git log -p` show spec changes semantically, in this repository.

    Sets diff.errorspec.command and diff.errorspec.textconv; .gitattributes assigns the driver.
    """
    import subprocess

    program = Path(sys.argv[0]).resolve()
    for key, value in (("command", f"{program} git-diff"), ("textconv", f"{program} textconv")):
        done = subprocess.run(["git", "config", f"diff.errorspec.{key}", value], check=False)
        if done.returncode:
            raise InputError(".git/config", None, f"git config diff.errorspec.{key} failed")
        click.echo(f"git config diff.errorspec.{key} '{value}'", err=True)
