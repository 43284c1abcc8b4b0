"""errorspec: one reconciled, bilingual truth for an SDK's error codes, from its scattered pages."""

from errorspec.export import export_csv, export_json, export_markdown
from errorspec.importer import ImportResult, run_import
from errorspec.lookup import find_code, search
from errorspec.manifest import Manifest, load_manifest
from errorspec.model import Entry, Finding, InputError, Language, PlatformSpec, Provenance, Spec
from errorspec.reconcile import reconcile
from errorspec.report import CheckReport, check_report
from errorspec.specfiles import SpecInvalid, load_spec

__all__ = [
    "CheckReport",
    "Entry",
    "Finding",
    "ImportResult",
    "InputError",
    "Language",
    "Manifest",
    "PlatformSpec",
    "Provenance",
    "Spec",
    "SpecInvalid",
    "check_report",
    "export_csv",
    "export_json",
    "export_markdown",
    "find_code",
    "load_manifest",
    "load_spec",
    "reconcile",
    "run_import",
    "search",
]
