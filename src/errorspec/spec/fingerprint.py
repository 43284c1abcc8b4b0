"""What errorspec keeps beside a spec folder, and which errorspec made it."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

CACHE_FOLDER = ".errorspec-cache"
"""Beside the spec: the lookup index and the build's cache of the spec, never committed."""


def errorspec_fingerprint() -> str:
    """Which errorspec made a cache: its code and schemas (each file's path, size and time) and
    the Python running it. Another may validate, read or answer otherwise, so its cache is stale."""
    package = Path(__file__).resolve().parent.parent
    parts = [sys.version]
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                path = os.path.join(folder, name)
                metadata = os.stat(path)
                parts.append(f"{os.path.relpath(path, package)} {metadata.st_size} {metadata.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
