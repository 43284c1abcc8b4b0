"""The `errorspec` command: a thin adapter over the pipeline's modules.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 failure (bad input, a failed
check, nothing found), 2 usage errors (click's own).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from errorspec.bundle import UNUSED, content_version, write_bundle
from errorspec.export import entry_data, export_csv, export_json, export_markdown
from errorspec.importer import run_import
from errorspec.lookup import find_code, format_match, search
from errorspec.manifest import load_manifest
from errorspec.model import InputError, Spec
from errorspec.report import check_report, format_invalid, format_report
from errorspec.specfiles import SpecInvalid, load_spec, spec_files
from errorspec.yamlio import write_files_atomically


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

    Imported fields are rewritten; a maintainer's resolution, translations no page has,
    related codes, constants, causes, solutions and retired codes are kept.
    """
    result = run_import(state.spec_dir)
    codes = sum(len(platform.entries) for platform in result.spec.platforms)
    rows = result.account
    click.echo(
        f"{codes} codes on {len(result.spec.platforms)} platforms; rows: {rows.read} read = "
        f"{rows.in_spec} in the spec + {rows.reported} reported with a reason",
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
@click.argument("code", type=int, required=False)
@click.option(
    "-s", "--search", "words", multiple=True, help="Words to find in messages and descriptions (any language)."
)
@click.option("--lang", help="Show the description in this language only.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def lookup(state: State, code: int | None, words: tuple[str, ...], lang: str | None, output_format: str) -> None:
    """Show what CODE means on every platform, or which codes match the -s words.

    \b
      errorspec lookup 871310
      errorspec lookup -s chatroom
      errorspec lookup -s 聊天室 --lang zh
    """
    if code is None and not words:
        raise click.UsageError("give a CODE, or words with -s")
    spec = state.load()
    if lang is not None and lang not in spec.language_ids:
        raise click.BadParameter(f"'{lang}' is not one of {', '.join(spec.language_ids)}", param_hint="--lang")
    split_words = [part for word in words for part in word.split()]
    matches = find_code(spec, code) if code is not None else search(spec, split_words)
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
