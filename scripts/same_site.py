"""Whether a change leaves the built sites byte-identical: each site below built with errorspec as
it is at a git revision (HEAD unless given) and as it is in the working tree, into two folders,
and every file compared. A change made only for speed or memory must pass.

The sites: this repository's own (online and the offline bundle's folder), a synthetic catalogue
of 6,000 codes (split pages, code files of several prefixes), and the guest fixture of
tests/host in its three themes. The revision's errorspec is taken with `git archive` into the
work folder and put first on the module path; the rest (MkDocs, the spec, the sites) is shared.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import site_config, synthetic_spec, write_spec

REPO = Path(__file__).resolve().parent.parent
SYNTHETIC_CODES = 6000
SYNTHETIC_CONFIG = site_config("same")
SITES = {
    "site": REPO / "mkdocs.yml",
    "offline": REPO / "mkdocs.offline.yml",
    "host-mkdocs": REPO / "tests/host/mkdocs.yml",
    "host-en": REPO / "tests/host/en/mkdocs.yml",
    "host-material": REPO / "tests/host/mkdocs.material.yml",
}


def build(config: Path, site_dir: Path, module_path: Path | None) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0")
    if module_path is not None:
        env["PYTHONPATH"] = str(module_path)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{config} did not build:\n{done.stderr[-3000:]}")


def differences(before: Path, after: Path) -> list[str]:
    """Every file that is in one folder only or whose bytes differ, by path."""
    found = []
    pending = [filecmp.dircmp(before, after)]
    while pending:
        compared = pending.pop()
        where = Path(compared.left).relative_to(before)
        found += [f"{where / name}: only before" for name in compared.left_only]
        found += [f"{where / name}: only after" for name in compared.right_only]
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found += [f"{where / name}: differs" for name in mismatch + errors]
        pending += compared.subdirs.values()
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revision", nargs="?", default="HEAD", help="the errorspec to compare with (default: HEAD)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "same-site")
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    source = args.work / "revision"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", args.revision, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)

    synthetic = args.work / "synthetic"
    write_spec(synthetic_spec(SYNTHETIC_CODES), synthetic / "spec")
    (synthetic / "docs").mkdir()
    (synthetic / "mkdocs.yml").write_text(SYNTHETIC_CONFIG, encoding="utf-8")

    failed = False
    for name, config in {**SITES, "synthetic": synthetic / "mkdocs.yml"}.items():
        before, after = args.work / "before" / name, args.work / "after" / name
        build(config, before, source / "src")
        build(config, after, None)
        found = differences(before, after)
        files = sum(1 for path in after.rglob("*") if path.is_file())
        print(f"{name}: {files} files, " + (f"{len(found)} differ" if found else "byte-identical"))
        for line in found[:20]:
            print(f"  {line}")
        failed = failed or bool(found)
    if failed:
        raise SystemExit(f"the sites differ from those of errorspec at {args.revision}")


if __name__ == "__main__":
    main()
