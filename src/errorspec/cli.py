"""The `errorspec` command: a thin adapter over the pipeline's modules.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 failure (bad input, a failed
check, nothing found), 2 usage errors (click's own).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from errorspec.model import InputError, Spec
from errorspec.publish.bundle import UNUSED, content_version, write_bundle
from errorspec.review.diff import diff_specs, fails, format_diff, spec_lines
from errorspec.review.revisions import load_version, platform_file
from errorspec.sources.importer import run_import
from errorspec.sources.manifest import load_manifest
from errorspec.spec.export import entry_data, export_csv, export_json, export_markdown
from errorspec.spec.lookup import find_code, find_constant, format_match, search
from errorspec.spec.report import check_report, format_invalid, format_report
from errorspec.spec.specfiles import SpecInvalid, load_spec, spec_files
from errorspec.spec.yamlio import write_files_atomically

CODE_ARGUMENT = re.compile(r"[+-]?[0-9]+")


@dataclass
class State:
    spec_dir: Path

    def load(self) -> Spec:
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


@click.group(cls=_Group)
@click.option(
    "--spec",
    "spec_dir",
    type=click.Path(file_okay=False, path_type=Path),
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
@pass_state
def import_command(state: State) -> None:
    """Read the pages in sources.yaml and write the reconciled spec files.

    Also reads the SDKs' API reference listed there (appledoc, javadoc): each code's constant
    name, doc comment and literal message. Imported fields are rewritten; a maintainer's
    resolution, translations no page has, related codes, constants written by hand, causes,
    solutions and retired codes are kept.
    """
    result = run_import(state.spec_dir)
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
    """Show what CODE means on every platform, or which codes match the -s words.

    CODE is a number or an SDK constant's name.

    \b
      errorspec lookup 871310
      errorspec lookup kJMSGErrorSDKUserNotLogin
      errorspec lookup -s chatroom
      errorspec lookup -s 聊天室 --lang zh
    """
    if code is None and not words:
        raise click.UsageError("give a CODE, or words with -s")
    spec = state.load()
    if lang is not None and lang not in spec.language_ids:
        raise click.BadParameter(f"'{lang}' is not one of {', '.join(spec.language_ids)}", param_hint="--lang")
    split_words = [part for word in words for part in word.split()]
    if code is None:
        matches = search(spec, split_words)
    elif CODE_ARGUMENT.fullmatch(code):
        matches = find_code(spec, int(code))
    else:
        matches = find_constant(spec, code)
    if code is not None and split_words:
        matches = [match for match in matches if match in search(spec, split_words)]
    languages = (lang,) if lang else spec.language_ids
    if output_format == "json":
        data = [entry_data(platform, entry, languages) for platform, entry in matches]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(
            "\n\n".join(format_match(platform, entry, languages) for platform, entry in matches) or "", nl=bool(matches)
        )
    if not matches:
        click.echo(f"no code found for {code if code is not None else ' '.join(split_words)!r}", err=True)
        sys.exit(1)


@cli.command()
@click.option(
    "--format", "export_format", type=click.Choice(["json", "csv", "markdown"]), default="json", show_default=True
)
@click.option("--lang", help="With --format markdown: the page's language (default: the primary one).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="-", help="File to write; - for stdout."
)
@pass_state
def export(state: State, export_format: str, lang: str | None, output: Path) -> None:
    """Write the whole spec for other tools: JSON, CSV, or a Markdown page per language."""
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
        write_files_atomically({output: text})
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--name", default="errorcodes-offline", show_default=True, help="The zip's name, before its version.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default="dist", show_default=True)
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
    site gives the same bytes (dated by SOURCE_DATE_EPOCH when set).
    """
    spec = state.load()
    version = content_version({path.name: text for path, text in spec_files(spec, state.spec_dir).items()})
    zip_path = output / f"{name}-{version}.zip"
    size = write_bundle(site_dir, zip_path, f"{name}-{version}", exclude)
    click.echo(str(zip_path))
    click.echo(f"wrote {zip_path} ({size:,} bytes)", err=True)


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
    path, old_file, new_file = args[0], args[1], args[4]

    def side(file: str) -> Spec:
        return Spec(()) if file == "/dev/null" else platform_file(Path(file), path)

    changes = diff_specs(side(old_file), side(new_file))
    click.echo(format_diff(changes, f"a/{path}", f"b/{path}", "text", click.style), nl=False)


@cli.command(hidden=True)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def textconv(file: Path) -> None:
    """git's textconv for spec files: one sorted line per field, so that `git log -p` shows meaning."""
    spec = platform_file(file, str(file))
    click.echo(spec_lines(spec), nl=False)


@cli.command(name="git-setup")
def git_setup() -> None:
    """Make `git diff` and `git log -p` show spec changes semantically, in this repository.

    Sets diff.errorspec.command and diff.errorspec.textconv; .gitattributes assigns the driver.
    """
    program = Path(sys.argv[0]).resolve()
    for key, value in (("command", f"{program} git-diff"), ("textconv", f"{program} textconv")):
        done = subprocess.run(["git", "config", f"diff.errorspec.{key}", value], check=False)
        if done.returncode:
            raise InputError(".git/config", None, f"git config diff.errorspec.{key} failed")
        click.echo(f"git config diff.errorspec.{key} '{value}'", err=True)
