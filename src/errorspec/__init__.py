"""errorspec: one reconciled, bilingual truth for an SDK's error codes, from its scattered pages.

The names below are imported when first used, so that the MkDocs plugin, which needs only a few
modules, starts fast. The importer (`errorspec.sources.importer.run_import`) is not among them: it
brings an HTML parser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from errorspec.model import Entry, Finding, InputError, Language, PlatformSpec, Provenance, Spec
    from errorspec.sources.manifest import Manifest, load_manifest
    from errorspec.spec.export import export_csv, export_json, export_markdown
    from errorspec.spec.lookup import find_code, search
    from errorspec.spec.reconcile import reconcile
    from errorspec.spec.report import CheckReport, check_report
    from errorspec.spec.specfiles import SpecInvalid, load_spec

_MODULES = {
    "errorspec.spec.export": ("export_csv", "export_json", "export_markdown"),
    "errorspec.spec.lookup": ("find_code", "search"),
    "errorspec.sources.manifest": ("Manifest", "load_manifest"),
    "errorspec.model": ("Entry", "Finding", "InputError", "Language", "PlatformSpec", "Provenance", "Spec"),
    "errorspec.spec.reconcile": ("reconcile",),
    "errorspec.spec.report": ("CheckReport", "check_report"),
    "errorspec.spec.specfiles": ("SpecInvalid", "load_spec"),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'errorspec' has no attribute '{name}'")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


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
