"""errorspec: one reconciled, bilingual truth for an SDK's error codes, from its scattered pages.

The importer (`errorspec.importer.run_import`) is not imported here: it brings an HTML parser
that the site's build does not need.
"""

from errorspec.export import export_csv, export_json, export_markdown
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
    "search",
]
