"""Translators' round trip: what is missing or stale goes out as PO or XLIFF, comes back checked,
and a translation remembers what it was made from, so that a changed source makes it stale."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import build_site, html_page, run_cli, write_config
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec
from errorspec.spec.translations import stale_translations, text_hash
from errorspec.spec.yamlio import dump_yaml, parse_yaml
from errorspec.translate.exchange import notes
from errorspec.translate.units import Unit

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
JMRTC_PO = FIXTURES / "jmrtc-android.en.po"
JMRTC_CODES = [0, 872001, 872002, 872003, 872004, 872100, 872101, 872102, 872103, 872104, 872105, 872106]
# The JMRTC Android source page's Chinese text of 872001, and the vendor's rewording of it.
OLD_872001 = "状态机当前状态不能发起此行为"
NEW_872001 = "状态机当前所处的状态不能发起此操作"


def spec_of(spec_dir: Path):
    return load_spec(spec_dir, load_manifest(spec_dir))


def entry(spec_dir: Path, platform: str, code: int):
    spec = spec_of(spec_dir)
    return next(e for p in spec.platforms if p.platform == platform for e in p.entries if e.code == code)


def spec_bytes(spec_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(spec_dir.glob("*.yaml"))}


def export(spec_dir: Path, tmp_path: Path, *args: str, name: str = "out.po") -> Path:
    target = tmp_path / name
    code, _, err = run_cli("translate", "export", *args, "-o", str(target), spec_dir=spec_dir)
    assert code == 0, err
    return target


def translate_import(spec_dir: Path, file: Path, *args: str) -> tuple[int, str]:
    code, out, err = run_cli("translate", "import", str(file), *args, spec_dir=spec_dir)
    assert out == ""
    return code, err


def po_units(path: Path) -> dict[str, tuple[str, str, bool]]:
    """Context -> (msgid, msgstr, fuzzy), read with translate-toolkit as a translation tool reads it."""
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(path))
    return {u.getcontext(): (u.source, u.target, u.isfuzzy()) for u in store.units if not u.isheader()}


def with_translations(po: Path, target: Path, translations: dict[str, str], fuzzy: bool | None = None) -> Path:
    """The PO file `po` with msgstr filled in per context (and, with `fuzzy`, its flags set)."""
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(po))
    for unit in store.units:
        if unit.getcontext() in translations:
            unit.target = translations[unit.getcontext()]
        if fuzzy is not None and not unit.isheader():
            unit.markfuzzy(fuzzy)
    target.write_bytes(bytes(store))
    return target


def fixture_translations() -> dict[str, str]:
    return {context: translated for context, (_, translated, _) in po_units(JMRTC_PO).items()}


def reword_872001(spec_dir: Path) -> None:
    """The vendor rewords 872001's Chinese text on its page, and the pages are imported again."""
    page = spec_dir / "sources" / "android.zh.md"
    page.write_text(page.read_text(encoding="utf-8").replace(OLD_872001, NEW_872001), encoding="utf-8")
    code, _, err = run_cli("import", spec_dir=spec_dir)
    assert code == 0, err


@pytest.fixture
def translated(spec_copy: Path) -> Path:
    """The real spec with the fixture's 12 JMRTC Android translations into English imported."""
    code, err = translate_import(spec_copy, JMRTC_PO)
    assert code == 0, err
    return spec_copy


# -- export -----------------------------------------------------------------------------------


def test_export_gives_each_missing_text_with_its_context_source_and_notes(spec_copy: Path, tmp_path: Path) -> None:
    po = export(spec_copy, tmp_path, "--lang", "en", "--site-url", "https://codes.example.com/")
    units = po_units(po)
    spec = spec_of(spec_copy)
    missing = [
        f"{p.platform}/{e.code}/description"
        for p in spec.platforms
        for e in p.entries
        if not e.description.get("en") and e.description.get("zh")
    ]
    assert list(units) == missing
    assert len([c for c in missing if c.startswith("jmrtc-android/")]) == 12
    assert units["jmrtc-android/872001/description"] == (OLD_872001, "", False)
    text = po.read_text(encoding="utf-8")
    assert '"Language: en\\n"' in text
    block = text[text.index('msgctxt "jmrtc-android/872001/description"') - 200 :]
    assert "#. SDK message: can not send %s signaling message . state error. cur state is %s." in block
    assert "#. Permanent URL: https://codes.example.com/codes/#jmrtc-android/872001" in block
    # Every code has its Chinese text: nothing to translate into Chinese, and the file says so.
    code, _, err = run_cli("translate", "export", "--lang", "zh", "-o", str(tmp_path / "zh.po"), spec_dir=spec_copy)
    assert code == 0
    assert "0 unit(s) into zh: 0 missing, 0 stale" in err
    assert po_units(tmp_path / "zh.po") == {}


def test_a_unit_notes_the_permanent_url_of_its_language_site() -> None:
    unit = Unit("server", 7132006, "description", "en", "User not exist", "zh", None, False, "")
    assert notes(unit, "https://codes.example.com", "en") == [
        "SDK message: (none)",
        "Permanent URL: https://codes.example.com/zh/codes/#server/7132006",
    ]
    assert notes(unit, None, "zh") == ["SDK message: (none)"]


def test_export_is_the_same_file_for_the_same_spec(spec_copy: Path, tmp_path: Path) -> None:
    for file_format, suffix in (("po", "po"), ("xliff", "xlf")):
        first = export(spec_copy, tmp_path, "--lang", "en", "--format", file_format, name=f"1.{suffix}").read_bytes()
        second = export(spec_copy, tmp_path, "--lang", "en", "--format", file_format, name=f"2.{suffix}").read_bytes()
        assert first == second
        assert b"POT-Creation-Date" not in first
        assert b"2026-" not in first


def test_the_exported_po_passes_msgfmt_check_format(spec_copy: Path, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("gettext's msgfmt is missing: scripts/test installs it (Debian's gettext)")
    # A maintainer's causes with placeholders: the unit is flagged so that msgfmt checks them.
    android = spec_copy / "android.yaml"
    text = android.read_text(encoding="utf-8")
    anchor = "  - code: 871310\n"
    at = text.index(anchor)
    status = text.index("    status:", at)
    status_end = text.index("\n", status) + 1
    causes = "    causes:\n      zh: 参数 %s 不合法，重试 %d 次后仍失败\n"
    android.write_text(text[:status_end] + causes + text[status_end:], encoding="utf-8")
    po = export(spec_copy, tmp_path, "--lang", "en", "--platform", "android")
    assert "#, c-format\n" in po.read_text(encoding="utf-8")
    checked = subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    # msgfmt does check: a translation that drops a placeholder fails it.
    bad = with_translations(po, tmp_path / "bad.po", {"android/871310/causes": "The parameter is invalid"})
    failed = subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(bad)], capture_output=True, text=True)
    assert failed.returncode != 0
    assert "format specification" in failed.stderr


def test_the_exported_xliff_is_valid_xliff_1_2(translated: Path, tmp_path: Path) -> None:
    reword_872001(translated)
    xlf = export(translated, tmp_path, "--lang", "en", "--format", "xliff", "--all", name="out.xlf")
    schema = etree.XMLSchema(etree.parse(str(FIXTURES / "xliff-1.2-subset.xsd")))
    document = etree.parse(str(xlf))
    assert schema.validate(document), schema.error_log
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert document.getroot().get("version") == "1.2"
    files = document.getroot().findall("x:file", ns)
    assert {f.get("original") for f in files} >= {"jmrtc-android.yaml", "server.yaml"}
    assert {(f.get("source-language"), f.get("target-language")) for f in files} == {("zh", "en")}
    stale = document.find(".//x:trans-unit[@id='jmrtc-android/872001/description']", ns)
    assert stale.findtext("x:source", namespaces=ns) == NEW_872001
    assert stale.find("x:target", ns).get("state") == "needs-review-translation"
    assert stale.get("approved") == "no"
    current = document.find(".//x:trans-unit[@id='jmrtc-android/872002/description']", ns)
    assert current.find("x:target", ns).get("state") == "translated"
    # The schema does hold errorspec to XLIFF: a unit without an id is refused.
    del current.attrib["id"]
    assert not schema.validate(document)


# -- import -----------------------------------------------------------------------------------


def test_importing_the_fixture_fills_jmrtc_android_and_the_status(spec_copy: Path) -> None:
    before = entry(spec_copy, "jmrtc-android", 872001)
    assert before.description["en"] is None
    assert before.status == "untranslated"
    code, err = translate_import(spec_copy, JMRTC_PO)
    assert code == 0, err
    assert "12 unit(s) into en: 12 added, 0 updated, 0 confirmed, 0 unchanged" in err
    assert "0 refused" in err
    translations = fixture_translations()
    spec = spec_of(spec_copy)
    jmrtc = next(p for p in spec.platforms if p.platform == "jmrtc-android")
    for number in JMRTC_CODES:
        found = next(e for e in jmrtc.entries if e.code == number)
        assert found.description["en"] == translations[f"jmrtc-android/{number}/description"]
        assert found.status != "untranslated"
        (record,) = found.translated
        assert (record.field, record.lang, record.source_lang) == ("description", "en", "zh")
        assert record.source_hash == text_hash(found.description["zh"])
    # One line changed per description, and the record beside it.
    text = (spec_copy / "jmrtc-android.yaml").read_text(encoding="utf-8")
    assert "      en: The state machine's current state does not allow this action\n" in text
    assert re.search(r"    translated:\n      en:\n        description: \{from: zh, hash: '?[0-9a-f]{8}'?\}\n", text)
    # The pages imported again keep every translation: a translator's text is no page's.
    files = spec_bytes(spec_copy)
    code, _, err = run_cli("import", spec_dir=spec_copy)
    assert code == 0
    assert "spec unchanged" in err
    assert spec_bytes(spec_copy) == files


def test_a_round_trip_without_edits_changes_nothing(translated: Path, tmp_path: Path) -> None:
    files = spec_bytes(translated)
    for file_format, name in (("po", "all.po"), ("xliff", "all.xlf")):
        for scope in ((), ("--all",)):
            out = export(translated, tmp_path, "--lang", "en", "--format", file_format, *scope, name=name)
            code, err = translate_import(translated, out)
            assert code == 0, err
            assert "spec unchanged" in err
            assert spec_bytes(translated) == files
    # With --all, the 12 translations come back as they are: unchanged, not confirmed again.
    code, err = translate_import(translated, export(translated, tmp_path, "--lang", "en", "--all"))
    assert "12 unchanged" in err
    assert "0 refused" in err


def test_a_translated_xliff_imports_as_the_po_does(spec_copy: Path, tmp_path: Path) -> None:
    by_po = tmp_path / "by-po"
    shutil.copytree(spec_copy, by_po)
    assert translate_import(by_po, JMRTC_PO)[0] == 0
    xlf = export(spec_copy, tmp_path, "--lang", "en", "--format", "xliff", "--platform", "jmrtc-android", name="j.xlf")
    document = etree.parse(str(xlf))
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    for unit, (context, text) in zip(document.iter(f"{ns}trans-unit"), fixture_translations().items(), strict=True):
        assert unit.get("id") == context
        target = etree.Element(f"{ns}target", state="translated")
        target.text = text
        unit.find(f"{ns}source").addnext(target)
    document.write(str(xlf), encoding="UTF-8", xml_declaration=True)
    code, err = translate_import(spec_copy, xlf)
    assert code == 0, err
    assert spec_bytes(spec_copy) == spec_bytes(by_po)


def test_dry_run_counts_and_writes_nothing(spec_copy: Path) -> None:
    files = spec_bytes(spec_copy)
    code, err = translate_import(spec_copy, JMRTC_PO, "--dry-run")
    assert code == 0
    assert "12 added" in err
    assert "dry run: nothing was written" in err
    assert spec_bytes(spec_copy) == files


def refused(spec_dir: Path, tmp_path: Path, translations: dict[str, str], *, lang: str = "en") -> str:
    """The messages of an import of an exported PO with `translations` in, which must be refused
    and write nothing."""
    po = export(spec_dir, tmp_path, "--lang", lang, "--all", name=f"{lang}.po")
    files = spec_bytes(spec_dir)
    code, err = translate_import(spec_dir, with_translations(po, tmp_path / "edited.po", translations))
    assert code == 1
    assert "nothing was written: fix the refused units and import the file again" in err
    assert spec_bytes(spec_dir) == files
    return err


def line_of(po: Path, context: str) -> int:
    """The line of the unit whose msgctxt is `context`: its first line (its comments')."""
    lines = po.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'msgctxt "{context}"')
    while at > 0 and lines[at - 1].startswith("#"):
        at -= 1
    return at + 1


def test_each_refusal_names_the_file_the_line_and_the_unit(spec_copy: Path, tmp_path: Path) -> None:
    # 872001's SDK message has placeholders, its description none: give it a description with some.
    jmrtc = spec_copy / "jmrtc-android.yaml"
    jmrtc.write_text(
        jmrtc.read_text(encoding="utf-8").replace(
            "      zh: 状态机当前状态不能发起此行为\n", "      zh: 状态机当前状态 %s 不能发起此行为 {action}\n"
        ),
        encoding="utf-8",
    )
    cases = {
        "jmrtc-android/872001/description": ("The state machine's state forbids {action}", "placeholders (%s, %d, %@)"),
        "jmrtc-android/872002/description": ("状态机状态超时，将回到idle状态", "the translation is the source text"),
        "jmrtc-android/872003/description": (" Inviting the user failed", "whitespace at the start"),
        "jmrtc-android/872004/description": ("The engine is not initialized ", "whitespace at the end"),
        "jmrtc-android/872100/description": ("音视频引擎初始化失败", "not written in English"),
        "jmrtc-android/872101/description": ("The engine\x07 failed", "holds the control character U+0007"),
    }
    err = refused(spec_copy, tmp_path, {context: text for context, (text, _) in cases.items()})
    po = tmp_path / "edited.po"
    for context, (_, problem) in cases.items():
        line = line_of(po, context)
        assert re.search(
            rf"^error: {re.escape(str(po))}:{line}: {re.escape(context)}: .*{re.escape(problem)}", err, re.M
        )
    assert "pythonbraceformat" not in err  # the library's check names stay behind the sentence
    assert "6 refused" in err


def test_units_errorspec_did_not_export_are_refused(spec_copy: Path, tmp_path: Path) -> None:
    po = export(spec_copy, tmp_path, "--lang", "en", "--platform", "jmrtc-android")
    text = po.read_text(encoding="utf-8")
    foreign = (
        '\nmsgctxt "jmrtc-android/999999/description"\nmsgid "不存在"\nmsgstr "Does not exist"\n'
        '\nmsgctxt "greeting"\nmsgid "你好"\nmsgstr "Hello"\n'
        '\nmsgctxt "android/871310/description"\nmsgid "名称不合法"\nmsgstr "Bad name"\n'
        '\nmsgctxt "jmrtc-android/0/description"\nmsgid "成功"\nmsgstr "Success"\n'
        '\nmsgctxt "jmrtc-android/0/description"\nmsgid "成功"\nmsgstr "Succeeded"\n'
    )
    po.write_text(text + foreign, encoding="utf-8")
    files = spec_bytes(spec_copy)
    code, err = translate_import(spec_copy, po)
    assert code == 1
    assert "jmrtc-android/999999/description: the spec has no code 999999 on platform jmrtc-android" in err
    assert "greeting: not a unit errorspec exported: its context should be <platform>/<code>/<field>" in err
    assert "android/871310/description: the English description is the vendor's page's (sources/android.en.md:" in err
    assert "correct it there, then import the pages" in err
    first = line_of(po, "jmrtc-android/0/description")
    assert f"jmrtc-android/0/description: listed again (first at line {first})" in err
    assert spec_bytes(spec_copy) == files


def test_a_unit_whose_source_changed_since_the_export_is_a_conflict(spec_copy: Path, tmp_path: Path) -> None:
    po = with_translations(
        export(spec_copy, tmp_path, "--lang", "en", "--platform", "jmrtc-android"),
        tmp_path / "translated.po",
        fixture_translations(),
    )
    reword_872001(spec_copy)  # while the translator worked
    files = spec_bytes(spec_copy)
    code, err = translate_import(spec_copy, po)
    assert code == 1
    line = line_of(po, "jmrtc-android/872001/description")
    assert f"{po}:{line}: jmrtc-android/872001/description: conflict: the 中文 text changed since the export" in err
    assert f"(now '{NEW_872001}', translated from '{OLD_872001}')" in err
    assert "11 added" in err
    assert "1 refused" in err
    assert spec_bytes(spec_copy) == files


def test_empty_and_fuzzy_units_are_left_out(spec_copy: Path, tmp_path: Path) -> None:
    po = export(spec_copy, tmp_path, "--lang", "en", "--platform", "jmrtc-android")
    half = dict(list(fixture_translations().items())[:6])
    code, err = translate_import(spec_copy, with_translations(po, tmp_path / "fuzzy.po", half, fuzzy=True))
    assert code == 0, err
    assert "0 added" in err
    assert "6 untranslated, 6 fuzzy" in err
    assert "spec unchanged" in err


def test_a_file_that_is_no_translation_file_is_one_clear_error(spec_copy: Path, tmp_path: Path) -> None:
    cases = {
        "broken.po": (
            'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a\nmsgstr "b"\n',
            r"broken\.po:\d+: not a PO file",
        ),
        "broken.xlf": ("<xliff version='1.2'>\n<file>\n</xliff>\n", r"broken\.xlf:3: not XML"),
        "nolang.po": ('msgid ""\nmsgstr ""\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "b"\n', "names no language"),
        "klingon.po": ('msgid ""\nmsgstr ""\n"Language: tlh\\n"\n', "translated into tlh, which is not one of en, zh"),
        "notes.txt": ("hello\n", "not a translation file errorspec reads"),
    }
    for name, (text, problem) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, _, err = run_cli("translate", "import", str(path), spec_dir=spec_copy)
        assert code == 1, name
        assert len(err.strip().splitlines()) == 1, err
        assert re.search(problem, err), (name, err)
    code, _, err = run_cli("translate", "import", str(JMRTC_PO), "--lang", "zh", spec_dir=spec_copy)
    assert code == 1
    assert "the file is in en, not zh (--lang)" in err


# -- staleness ---------------------------------------------------------------------------------


def test_a_changed_source_makes_its_translation_stale_everywhere(translated: Path, tmp_path: Path) -> None:
    reword_872001(translated)
    stale = entry(translated, "jmrtc-android", 872001)
    assert stale.description["en"] == "The state machine's current state does not allow this action"
    assert [(r.field, r.lang) for r in stale_translations(stale)] == [("description", "en")]
    # check counts it
    _, out, _ = run_cli("check", spec_dir=translated)
    assert "en 12/13 (1 missing, 1 stale)" in out
    assert "  stale     872001 en description: translated from a text that has changed since" in out
    assert "stale translations: en 1, zh 0" in out
    # lookup says so, and the JSON export carries it
    _, out, _ = run_cli("lookup", "872001", spec_dir=translated)
    assert "  en: The state machine's current state does not allow this action  (may be out of date:" in out
    _, out, _ = run_cli("lookup", "872002", spec_dir=translated)
    assert "may be out of date" not in out
    _, out, _ = run_cli("export", spec_dir=translated)
    exported = {(e["platform"], e["code"]): e for e in json.loads(out)["entries"]}
    assert exported["jmrtc-android", 872001]["stale"] == {"en": ["description"]}
    assert "stale" not in exported["jmrtc-android", 872002]
    # the next export hands it out again, fuzzy, with the new source text
    units = po_units(export(translated, tmp_path, "--lang", "en"))
    assert units["jmrtc-android/872001/description"] == (
        NEW_872001,
        "The state machine's current state does not allow this action",
        True,
    )
    # the site marks it, and the status page lists it
    root = tmp_path / "built"
    root.mkdir()
    site = build_site(write_config(root, translated, {"changes": False}), root / "site")
    for folder, marker in (("", "may be out of date"), ("zh/", "可能已过时")):
        soup = BeautifulSoup((site / folder / "jmrtc-android/index.html").read_text(encoding="utf-8"), "html5lib")
        assert [m.get_text() for m in soup.find(id="872001").select(".errorspec-stale")] == (
            [marker] if not folder else []
        )
        assert not soup.find(id="872002").select(".errorspec-stale")
    # Rows end where the next begins, as HTML has them: a parser that knows HTML's rules reads them.
    english = BeautifulSoup((site / "jmrtc-android/index.html").read_text(encoding="utf-8"), "html5lib")
    assert english.find(id="872001").select("td")[2].get_text().strip() == (
        "The state machine's current state does not allow this action may be out of date"
    )
    status = BeautifulSoup((site / "status/index.html").read_text(encoding="utf-8"), "html.parser")
    jmrtc = next(row for row in status.select("tbody tr") if row.select_one("a").get_text() == "JMRTC Android")
    assert [cell.get_text() for cell in jmrtc.select("td")][1:] == ["13", "12 (92.3%)", "12 (92.3%)"]
    listed = status.select('p.errorspec-stale-list[data-lang="en"]')
    assert [p.get_text(" ", strip=True) for p in listed] == [
        "Translated into English from a text that has changed since (1) : 872001"
    ]
    assert listed[0].select_one("a")["href"] == "../jmrtc-android/#872001"


def test_confirming_a_stale_translation_records_the_new_source(translated: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    reword_872001(translated)
    shutil.copytree(translated, before)
    po = export(translated, tmp_path, "--lang", "en", "--platform", "jmrtc-android")
    code, err = translate_import(translated, with_translations(po, tmp_path / "ok.po", {}, fuzzy=False))
    assert code == 0, err
    assert "1 confirmed" in err
    confirmed = entry(translated, "jmrtc-android", 872001)
    assert not stale_translations(confirmed)
    assert confirmed.translated[0].source_hash == text_hash(NEW_872001)
    code, out, _ = run_cli("diff", str(before), str(translated), spec_dir=translated)
    assert re.search(r"info\s+translation-confirmed\s+jmrtc-android 872001\s+translation of the description", out)
    assert "translation-stale" not in out


def test_diff_tells_an_updated_translation_from_an_edited_description(translated: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(translated, before)
    po = export(translated, tmp_path, "--lang", "en", "--all", "--platform", "jmrtc-android")
    updated = {"jmrtc-android/872106/description": "The audio and video engine has not been initialized yet"}
    code, err = translate_import(translated, with_translations(po, tmp_path / "u.po", updated))
    assert code == 0
    assert "1 updated" in err
    assert "11 unchanged" in err
    code, out, _ = run_cli("diff", str(before), str(translated), spec_dir=translated)
    assert re.search(r"info\s+translation-updated\s+jmrtc-android 872106\s+translation into en updated", out)
    assert "description-changed" not in out


def test_a_page_that_now_gives_the_text_replaces_the_translation(spec_copy: Path, tmp_path: Path) -> None:
    """Once the vendor's English page lists the code, the page's text wins and the record goes."""
    po = export(spec_copy, tmp_path, "--lang", "en", "--platform", "ios")
    ios_po = with_translations(po, tmp_path / "ios.po", {"ios/860016/description": "Another network error"})
    assert translate_import(spec_copy, ios_po)[0] == 0
    assert entry(spec_copy, "ios", 860016).translated
    page = spec_copy / "sources" / "ios.en.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    after = next(index for index, line in enumerate(lines) if line.startswith("| 860015"))
    lines.insert(after + 1, "| 860016 | Network failed. | A network error of another kind. |\n")
    page.write_text("".join(lines), encoding="utf-8")
    code, _, err = run_cli("import", spec_dir=spec_copy)
    assert code == 0, err
    now = entry(spec_copy, "ios", 860016)
    assert now.description["en"] == "A network error of another kind."
    assert now.translated == ()
    assert "ios/860016/description" not in po_units(export(spec_copy, tmp_path, "--lang", "en", "--all", name="a.po"))


def test_hashes_that_look_like_numbers_stay_text() -> None:
    """YAML 1.2 reads 6e370217 as a number (infinity): errorspec's files quote it."""
    data = {"translated": {"en": {"description": {"from": "zh", "hash": "6e370217"}}}, "message": "1e5"}
    assert parse_yaml(dump_yaml(data), "x.yaml").data == data


def test_translating_every_unit_brings_the_language_to_100_percent(mini_spec, tmp_path: Path) -> None:
    english = html_page("iOS", [("1001", "Bad name", "The name is invalid")])
    chinese = html_page(
        "iOS", [("1001", "Bad name", "名字不合法"), ("1002", "Timeout", "请求超时"), ("1003", "Offline", "网络不可用")]
    )
    spec_dir = mini_spec({"ios.en.md": english, "ios.zh.md": chinese})
    assert run_cli("import", spec_dir=spec_dir)[0] == 0
    po = export(spec_dir, tmp_path, "--lang", "en")
    assert list(po_units(po)) == ["ios/1002/description", "ios/1003/description"]
    translations = {"ios/1002/description": "The request timed out", "ios/1003/description": "No network"}
    code, err = translate_import(spec_dir, with_translations(po, tmp_path / "all.po", translations))
    assert code == 0, err
    root = tmp_path / "built"
    root.mkdir()
    site = build_site(write_config(root, spec_dir, {"changes": False}), root / "site")
    status = BeautifulSoup((site / "status/index.html").read_text(encoding="utf-8"), "html.parser")
    ios = next(row for row in status.select("tbody tr") if row.select_one("a").get_text() == "iOS")
    assert [cell.get_text() for cell in ios.select("td")][1:] == ["3", "3 (100%)", "3 (100%)"]
    assert not status.select('p.errorspec-missing[data-lang="en"] a')
