"""Synthetic error-code catalogues for the benchmark: a spec, its Markdown floor, and source pages.

Deterministic (seeded): the same N gives the same files. Texts have realistic lengths; some
Chinese translations are missing, as in the real catalogue.
"""

from __future__ import annotations

import random
from pathlib import Path

from errorspec.model import Entry, Language, PlatformSpec, Provenance, Spec
from errorspec.spec.specfiles import spec_files
from errorspec.spec.yamlio import write_files_atomically

PLATFORMS = ("ios", "android", "web", "windows", "server")
TITLES = {"ios": "iOS SDK", "android": "Android SDK", "web": "Web SDK", "windows": "Windows SDK", "server": "Server"}
LANGUAGES = (Language("en", "English", "Latn"), Language("zh", "中文", "Hani"))
EN_WORDS = (
    "request",
    "network",
    "connection",
    "user",
    "message",
    "group",
    "chatroom",
    "file",
    "upload",
    "download",
    "token",
    "appkey",
    "server",
    "parameter",
    "invalid",
    "failed",
    "timeout",
    "permission",
    "member",
    "friend",
    "blacklist",
    "conversation",
    "media",
    "database",
    "session",
    "login",
    "logout",
    "register",
    "device",
    "push",
    "receipt",
    "retract",
    "limit",
    "exceeded",
    "not",
    "found",
    "exists",
)
ZH_WORDS = (
    "请求",
    "网络",
    "连接",
    "用户",
    "消息",
    "群组",
    "聊天室",
    "文件",
    "上传",
    "下载",
    "令牌",
    "服务器",
    "参数",
    "不合法",
    "失败",
    "超时",
    "权限",
    "成员",
    "好友",
    "黑名单",
    "会话",
    "媒体",
    "数据库",
    "登录",
    "注销",
    "注册",
    "设备",
    "推送",
    "回执",
    "撤回",
    "限制",
    "超过",
    "不存在",
    "已存在",
    "请检查",
)


FLOOR_CODES_PER_PAGE = 500  # the floor's Markdown pages, as a hand-written catalogue would be split


def _sentence(rng: random.Random, words: list[str] | tuple[str, ...], low: int, high: int, joiner: str) -> str:
    return joiner.join(rng.choice(words) for _ in range(rng.randint(low, high)))


def synthetic_spec(codes: int, seed: int = 1) -> Spec:
    """`codes` codes spread over five platforms; about 8% lack a Chinese description."""
    rng = random.Random(seed)
    per_platform = [
        codes // len(PLATFORMS) + (1 if index < codes % len(PLATFORMS) else 0) for index in range(len(PLATFORMS))
    ]
    platforms = []
    for index, (platform, count) in enumerate(zip(PLATFORMS, per_platform, strict=True)):
        entries = []
        for number in range(count):
            code = 800000 + index * 20000 + number
            message = _sentence(rng, EN_WORDS, 3, 8, " ").capitalize() + "."
            english = _sentence(rng, EN_WORDS, 6, 22, " ").capitalize() + "."
            chinese = None if rng.random() < 0.08 else _sentence(rng, ZH_WORDS, 4, 14, "") + "。"
            entries.append(
                Entry(
                    code=code,
                    message=message,
                    description={"en": english, "zh": chinese},
                    source={"en": Provenance(f"sources/{platform}.en.md", number + 10)},
                    status="ok" if chinese else "untranslated",
                )
            )
        platforms.append(
            PlatformSpec(
                platform=platform,
                url=f"https://docs.example.com/{platform}/",
                title={"en": TITLES[platform], "zh": TITLES[platform]},
                intro={"en": f"Error codes of the {TITLES[platform]}.", "zh": f"{TITLES[platform]} 的错误码。"},
                hint={"en": None, "zh": None},
                related={"en": (), "zh": ()},
                sources={},
                findings=(),
                entries=tuple(entries),
            )
        )
    return Spec(LANGUAGES, tuple(platforms))


MANIFEST = """\
base_url: https://docs.example.com/
languages:
  - {id: en, name: English, script: Latn}
  - {id: zh, name: 中文, script: Hani}
platforms:
%s
sources: []
"""


def write_spec(spec: Spec, spec_dir: Path) -> None:
    platforms = "".join(f"  - {{id: {platform.platform}, page: {platform.platform}/}}\n" for platform in spec.platforms)
    files = spec_files(spec, spec_dir)
    files[spec_dir / "sources.yaml"] = MANIFEST % platforms.rstrip("\n")
    write_files_atomically(files)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _text(texts: dict[str, str | None], lang: str) -> str:
    return texts.get(lang) or texts["en"] or ""


def write_floor(spec: Spec, docs_dir: Path, page_size: int = FLOOR_CODES_PER_PAGE) -> int:
    """The same content written by hand as Markdown: one page per platform, language and 500 codes."""
    pages = 0
    for lang in ("en", "zh"):
        for platform in spec.platforms:
            for start in range(0, len(platform.entries), page_size):
                chunk = platform.entries[start : start + page_size]
                rows = "".join(
                    f"| {e.code} | `{_cell(e.message)}` | {_cell(_text(e.description, lang))} |\n" for e in chunk
                )
                text = (
                    f"# {platform.title[lang]} {chunk[0].code}–{chunk[-1].code}\n\n{platform.intro[lang]}\n\n"
                    f"| Code | Message | Description |\n|---|---|---|\n{rows}"
                )
                path = docs_dir / lang / f"{platform.platform}-{start // page_size + 1}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                pages += 1
    (docs_dir / "index.md").write_text("# Error codes\n", encoding="utf-8")
    return pages


def write_source_pages(spec: Spec, spec_dir: Path) -> int:
    """Vendor-style source pages for the import benchmark: HTML tables for English, pipe tables
    for Chinese; returns how many table rows they hold."""
    sources = []
    rows = 0
    for platform in spec.platforms:
        title = platform.title["en"]
        html_rows = "".join(
            f"    <tr>\n      <td>{e.code}</td>\n      <td>{e.message}</td>\n"
            f"      <td>{e.description['en']}</td>\n    </tr>\n"
            for e in platform.entries
        )
        header = "<tr><th>Code</th><th>Message</th><th>Description</th></tr>\n"
        page = f"# Error codes\n\n## {title}\n\n<table>\n{header}{html_rows}</table>\n"
        (spec_dir / "sources").mkdir(parents=True, exist_ok=True)
        (spec_dir / "sources" / f"{platform.platform}.en.md").write_text(page, encoding="utf-8")
        zh = [e for e in platform.entries if e.description["zh"]]
        md_rows = "".join(f"| {e.code} | {_cell(e.message)} | {_cell(e.description['zh'] or '')} |\n" for e in zh)
        page = f"# 错误码\n\n## {title}\n\n| Code | Message | 说明 |\n|---|---|---|\n{md_rows}"
        (spec_dir / "sources" / f"{platform.platform}.zh.md").write_text(page, encoding="utf-8")
        rows += len(platform.entries) + len(zh)
        for lang, table_format in (("en", "html"), ("zh", "markdown")):
            sources.append(
                f"  - file: sources/{platform.platform}.{lang}.md\n    language: {lang}\n    format: {table_format}\n"
                f"    sections:\n      - {{heading: '{title}', platform: {platform.platform}}}\n"
            )
    platforms = "".join(f"  - {{id: {platform.platform}}}\n" for platform in spec.platforms)
    manifest = (MANIFEST % platforms.rstrip("\n")).replace("sources: []\n", "sources:\n" + "".join(sources))
    (spec_dir / "sources.yaml").write_text(manifest, encoding="utf-8")
    return rows
