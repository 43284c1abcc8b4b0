"""Synthetic inputs for the benchmark: error-code catalogues and a host documentation site.

A catalogue of N codes: a spec, its Markdown floor, and source pages. Texts have realistic
lengths; some Chinese translations are missing, as in the real catalogue.

A host site modelled on the vendor's Chinese site, for errorspec as a guest: `write_host` writes
what the vendor has today: `mkdocs.yml` (a theme with a small custom theme folder, the search
plugin, the vendor's navigation) and `docs/` with hand-written pages in nested product folders,
among them four error-code pages written by hand. `write_guest` writes the same host with
errorspec added as a guest: those four pages are excluded and errorspec generates them from a
spec copied beside the config.

Deterministic (seeded): the same arguments give the same files.
"""

from __future__ import annotations

import posixpath
import random
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from errorspec.model import Entry, Language, PlatformSpec, Provenance, Spec
from errorspec.spec.fileset import write_files_atomically
from errorspec.spec.specfiles import spec_files

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


def site_config(name: str) -> str:
    """The mkdocs.yml of a site of a synthetic spec in `spec/` beside it: errorspec's, with Material,
    no history; `name` is its site's name in both languages."""
    return (
        f"site_name: {name}\n"
        "theme: {name: material, font: false}\n"
        "plugins:\n"
        "  search: {}\n"
        f"  errorspec: {{spec: spec, history: 0, site_name: {{zh: {name}}}}}\n"
    )


def write_spec(spec: Spec, spec_dir: Path) -> None:
    platforms = "".join(f"  - {{id: {platform.platform}, page: {platform.platform}/}}\n" for platform in spec.platforms)
    files = spec_files(spec, spec_dir)
    files[spec_dir / "sources.yaml"] = MANIFEST % platforms.rstrip("\n")
    write_files_atomically(files)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _text(texts: Mapping[str, str | None], lang: str) -> str:
    """The text in `lang`, else in any language that has one (as errorspec's pages show it)."""
    return texts.get(lang) or next((text for text in texts.values() if text), "")


def write_floor(spec: Spec, docs_dir: Path, page_size: int = FLOOR_CODES_PER_PAGE) -> int:
    """The same content written by hand as Markdown: one page per platform, language and 500 codes,
    with the SDKs' names of the codes where a page's codes have any (the real spec's do)."""
    pages = 0
    for lang in ("en", "zh"):
        for platform in spec.platforms:
            title = _text(platform.title, lang) or platform.platform
            intro = f"{_text(platform.intro, lang)}\n\n" if _text(platform.intro, lang) else ""
            for start in range(0, len(platform.entries), page_size):
                chunk = platform.entries[start : start + page_size]
                named = any(e.constants for e in chunk)
                rows = "".join(
                    f"| {e.code} | `{_cell(e.message)}` | {_cell(_text(e.description, lang))} |"
                    + (f" {' '.join(f'`{c.name}`' for c in e.constants)} |" if named else "")
                    + "\n"
                    for e in chunk
                )
                columns = ["Code", "Message", "Description", *(["Constant"] if named else [])]
                header = f"| {' | '.join(columns)} |\n|{'---|' * len(columns)}"
                text = f"# {title} {chunk[0].code}–{chunk[-1].code}\n\n{intro}{header}\n{rows}"
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


# A host documentation site.

# The vendor's products: folder, title in the navigation, product name in the text.
PRODUCTS = (
    ("jpush", "推送", "JPush"),
    ("janalytics", "统计", "JAnalytics"),
    ("jmessage", "IM", "JMessage"),
    ("jsms", "短信", "JSMS"),
    ("jshare", "分享", "JShare"),
    ("jverification", "认证", "JVerification"),
    ("jiot", "IoT", "JIoT"),
)
# Each product's sections: folder, title, and its pages in order (file stem, title).
SECTIONS = (
    (
        "guideline",
        "入门指南",
        (
            ("intro", "{product} 产品简介"),
            ("console", "控制台使用指南"),
            ("faq", "常见问题"),
            ("terms", "名词解释"),
            ("quickstart", "快速上手"),
        ),
    ),
    (
        "client/android",
        "Android",
        (
            ("android_sdk", "Android SDK 概述"),
            ("android_guide", "Android SDK 集成指南"),
            ("android_api", "Android SDK API"),
            ("android_debug_guide", "Android SDK 调试指南"),
            ("android_senior", "Android SDK 进阶教程"),
            ("android_faq", "Android SDK FAQ"),
        ),
    ),
    (
        "client/ios",
        "iOS",
        (
            ("ios_sdk", "iOS SDK 概述"),
            ("ios_guide", "iOS SDK 集成指南"),
            ("ios_api", "iOS SDK API"),
            ("ios_debug_guide", "iOS SDK 调试指南"),
            ("ios_cer_guide", "iOS 证书设置指南"),
            ("ios_faq", "iOS SDK FAQ"),
        ),
    ),
    ("client/web", "Web", (("web_sdk", "Web SDK 概述"), ("web_guide", "Web SDK 集成指南"), ("web_api", "Web SDK API"))),
    (
        "server/rest_api",
        "REST API",
        (
            ("overview", "REST API 概述"),
            ("push_api", "Push API v3"),
            ("report_api", "Report API v3"),
            ("device_api", "Device API v3"),
            ("callback", "回调说明"),
            ("http_status_code", "HTTP 状态码"),
        ),
    ),
    (
        "server/sdk",
        "服务端 SDK",
        (
            ("java_sdk", "Java SDK"),
            ("python_sdk", "Python SDK"),
            ("php_sdk", "PHP SDK"),
            ("csharp_sdk", "C# SDK"),
            ("nodejs_sdk", "Node.js SDK"),
            ("go_sdk", "Go SDK"),
        ),
    ),
    (
        "advanced",
        "高级",
        (
            ("scenes", "{product} 应用场景"),
            ("topics", "{product} 高级话题"),
            ("protocol", "消息协议"),
            ("objects", "业务对象"),
        ),
    ),
)
# Pages straight under a product in the navigation.
LEAVES = (("client/client_plugins", "客户端集成插件"), ("updates", "最近更新"), ("resources", "资源下载"))
# The error-code pages: the section that lists them, their path and title in the vendor's navigation,
# and the sections of the page the vendor wrote by hand (heading, codes).
ERROR_PAGES = (
    (
        "client/android",
        "jmessage/client/im_errorcode_android.md",
        "ErrorCode 定义",
        (("JMessage Android", 43), ("JMRTC Android", 12)),
    ),
    (
        "client/ios",
        "jmessage/client/im_errorcode_ios.md",
        "SDK ErrorCode 定义",
        (("JMessage iOS", 34), ("JMRTC iOS", 8)),
    ),
    ("client/web", "jmessage/client/im_errorcode_js.md", "SDK ErrorCode 定义", (("JMessage Web", 76),)),
    ("server/rest_api", "jmessage/client/im_errorcode_server.md", "Server ErrorCode 定义", (("Server Error", 179),)),
)
# errorspec as the guest, as in the design of guest mode: a one-language build of the error-code
# pages only, at the vendor's paths, with a link to the English site.
GUEST_PLUGIN = {
    "spec": "spec",
    "languages": ["zh"],
    "home": False,
    "status": False,
    "changes": False,
    "pages": [
        {
            "path": "jmessage/client/im_errorcode_android.md",
            "platforms": ["android", "jmrtc-android"],
            "title": "IM SDK ErrorCode 定义",
        },
        {
            "path": "jmessage/client/im_errorcode_ios.md",
            "platforms": ["ios", "jmrtc-ios"],
            "title": "IM SDK ErrorCode 定义",
        },
        {"path": "jmessage/client/im_errorcode_js.md", "platforms": ["web"], "title": "IM Web ErrorCode 定义"},
        {
            "path": "jmessage/client/im_errorcode_server.md",
            "platforms": ["server"],
            "title": "IM SDK ErrorCode 定义",
            "anchors": {"server": "server-error"},
        },
    ],
    "language_sites": {"en": "/en/"},
}

ZH_TEXT = (
    "集成",
    "开发者",
    "应用",
    "初始化",
    "配置",
    "接口",
    "调用",
    "返回",
    "参数",
    "客户端",
    "服务端",
    "推送",
    "通知",
    "消息",
    "用户",
    "设备",
    "注册",
    "回调",
    "事件",
    "监听",
    "权限",
    "证书",
    "控制台",
    "统计",
    "数据",
    "请求",
    "响应",
    "版本",
    "更新",
    "功能",
    "支持",
    "需要",
    "可以",
    "通过",
    "使用",
    "设置",
    "默认",
    "成功",
    "失败",
    "说明",
    "示例",
    "方法",
    "字段",
    "类型",
    "目前",
    "如果",
    "然后",
    "以及",
    "相关",
    "具体",
    "详情",
    "文档",
    "步骤",
    "工程",
    "依赖",
    "添加",
    "声明",
    "组件",
    "服务",
    "进程",
    "网络",
    "连接",
    "登录",
    "会话",
    "群组",
    "好友",
    "标签",
    "别名",
    "厂商通道",
    "离线",
    "在线",
    "平台",
    "的",
    "的",
    "和",
    "在",
    "后",
    "时",
    "将",
)
LATIN_TEXT = ("AppKey", "SDK", "API", "Android", "iOS", "REST", "JSON", "HTTP", "Token", "Registration ID", "Portal")
HEADINGS = (
    "概述",
    "功能说明",
    "集成步骤",
    "配置 AndroidManifest",
    "初始化 SDK",
    "接口说明",
    "参数说明",
    "调用示例",
    "返回示例",
    "错误处理",
    "注意事项",
    "版本说明",
    "常见问题",
    "权限说明",
    "回调说明",
    "使用限制",
)
PARAMETERS = ("appKey", "platform", "audience", "alias", "tag", "registration_id", "msg_id", "sendno", "time_to_live")
METHODS = ("init", "setAlias", "setTags", "getRegistrationID", "stopPush", "resumePush", "login", "sendMessage")
TYPES = ("String", "int", "long", "boolean", "JSON Object", "Array")
CODE = {
    "client/android": (
        "java",
        "JPushInterface.setDebugMode(true);\nJPushInterface.init(this);\nSet<String> tags = new HashSet<>();\n"
        'tags.add("{tag}");\nJPushInterface.setTags(context, {seq}, tags);\n',
    ),
    "client/ios": (
        "objc",
        '[JPUSHService setupWithOption:launchOptions appKey:@"{key}"\n                      channel:@"App Store"\n'
        "             apsForProduction:NO];\n"
        '[JPUSHService setTags:[NSSet setWithObject:@"{tag}"] completion:^(NSInteger iResCode, NSSet *iTags, '
        'NSInteger seq) {{\n    NSLog(@"rescode: %ld", (long)iResCode);\n}} seq:{seq}];\n',
    ),
    "client/web": (
        "javascript",
        'JIM.init({{\n  appkey: "{key}",\n  random_str: "{tag}",\n  timestamp: {seq},\n}}).onSuccess(function (data) '
        "{{\n  console.log(data)\n}})\n",
    ),
    "server/rest_api": (
        "shell",
        'curl --insecure -X POST -v https://api.jpush.cn/v3/push -H "Content-Type: application/json" \\\n'
        '  -u "{key}:secret" \\\n  -d \'{{"platform": "all", "audience": {{"tag": ["{tag}"]}}, "options": '
        '{{"sendno": {seq}}}}}\'\n',
    ),
    "server/sdk": (
        "python",
        'from jpush import JPush\n\nclient = JPush("{key}", "secret")\npush = client.create_push()\n'
        'push.audience = {{"tag": ["{tag}"]}}\npush.options = {{"sendno": {seq}}}\npush.send()\n',
    ),
}
DEFAULT_CODE = ("json", '{{\n  "code": 0,\n  "message": "success",\n  "data": {{"tag": "{tag}", "seq": {seq}}}\n}}\n')
THEME_MAIN = """\
{% extends "base.html" %}
{% block extrahead %}
  <meta name="baidu-site-verification" content="jiguang-docs">
  <link rel="stylesheet" href="{{ 'css/jiguang.css' | url }}">
{% endblock %}
{% block analytics %}
  <script>var _hmt = _hmt || [];</script>
{% endblock %}
"""
THEME_CSS = ".table-d table { border-collapse: collapse; }\n.table-d th { background: #d3d3d3; }\n"


def _prose(rng: random.Random, low: int, high: int) -> str:
    """A Chinese sentence with the odd Latin term, as the vendor writes them."""
    words = [rng.choice(ZH_TEXT)]
    for _ in range(rng.randint(low, high) - 1):
        roll = rng.random()
        if roll < 0.08:
            words.append(f" {rng.choice(LATIN_TEXT)} ")
        elif roll < 0.15 and words[-1] != "，":
            words.append("，")
        else:
            words.append(rng.choice(ZH_TEXT))
    return "".join(words).strip(" ，").replace("  ", " ").replace(" ，", "，").replace("， ", "，") + "。"


def _paragraph(rng: random.Random) -> str:
    """A paragraph of two to five sentences."""
    return "".join(_prose(rng, 8, 22) for _ in range(rng.randint(2, 5)))


def _code(rng: random.Random, section: str) -> str:
    """A fenced code block in the section's language: Java for Android, a curl call for REST, ..."""
    language, template = CODE.get(section, DEFAULT_CODE)
    body = template.format(key=f"{rng.getrandbits(48):012x}", tag=rng.choice(PARAMETERS), seq=rng.randint(1, 999))
    return f"```{language}\n{body}```"


def _table(rng: random.Random) -> str:
    """A small table of parameters."""
    rows = "".join(
        f"| {rng.choice(PARAMETERS)} | {rng.choice(TYPES)} | {rng.choice(('是', '否'))} | {_prose(rng, 4, 10)} |\n"
        for _ in range(rng.randint(3, 6))
    )
    return f"| 参数 | 类型 | 必须 | 说明 |\n| --- | --- | --- | --- |\n{rows}"


def _list(rng: random.Random) -> str:
    """A bulleted or numbered list of three to six items."""
    marks = [f"{n}." for n in range(1, 7)] if rng.random() < 0.5 else ["-"] * 6
    return "\n".join(f"{mark} {_prose(rng, 4, 14)}" for mark in marks[: rng.randint(3, 6)])


def _page(rng: random.Random, title: str, section: str, links: list[str]) -> str:
    """A hand-written page: headings, paragraphs, lists, one code block, one small table, links."""
    headings = rng.sample(HEADINGS, rng.randint(4, 8))
    code_at, table_at, list_at = (rng.randrange(len(headings)) for _ in range(3))
    blocks = [f"# {title}", _paragraph(rng)]
    for index, heading in enumerate(headings):
        blocks += [f"## {heading}", _paragraph(rng)]
        if index == list_at or rng.random() < 0.3:
            blocks.append(_list(rng))
        if index == code_at:
            blocks += [_prose(rng, 6, 12).rstrip("。") + "：", _code(rng, section)]
        if index == table_at:
            blocks.append(_table(rng))
        if rng.random() < 0.4:
            blocks += [f"### {rng.choice(METHODS)}", _paragraph(rng)]
        blocks.append(_paragraph(rng))
    blocks += [f"更多内容请参考{link}。" for link in links]
    return "\n\n".join(blocks) + "\n"


def _error_page(rng: random.Random, sections: tuple[tuple[str, int], ...]) -> str:
    """An error-code page as the vendor writes it today: a raw HTML table per section."""
    blocks = ["# IM SDK ErrorCode 定义", "以下列表里的 ErrorCode 有可能在 SDK 的调用过程中出现。供参考理解其含义。"]
    for number, (heading, codes) in enumerate(sections):
        rows = "".join(
            f"    <tr>\n        <td>{871000 + number * 1000 + code}</td>\n"
            f"        <td>{_sentence(rng, EN_WORDS, 3, 8, ' ').capitalize()}.</td>\n"
            f"        <td>{_sentence(rng, ZH_WORDS, 3, 10, '')}</td>\n    </tr>\n"
            for code in range(codes)
        )
        blocks += [
            f"## {heading}",
            f"{heading} 的错误码。",
            '<div class="table-d" align="center" >\n   <table border="1" width = "100%">\n'
            '        <tr  bgcolor="#D3D3D3" >\n            <th >Code</th>\n            <th>Error Message</th>\n'
            f"            <th>说明</th>\n        </tr>\n{rows}    </table>\n</div>",
        ]
    return "\n\n".join(blocks) + "\n"


def _layout(pages: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """The pages other than the home page, per navigation group (`product/section`, or a page straight
    under a product): (path, title). The sections take pages in turn, so that each grows alike; one
    that has run out of topics takes numbered ones."""
    if pages < 1 + len(ERROR_PAGES):
        raise ValueError(f"a host has at least {1 + len(ERROR_PAGES)} pages (home and error codes), not {pages}")
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    topics: list[tuple[list[tuple[str, str]], bool]] = []  # a group's topics; whether it takes more
    for folder, _, product in PRODUCTS:
        for section, _, section_topics in SECTIONS:
            groups.append((f"{folder}/{section}", []))
            topics.append(
                ([(f"{folder}/{section}/{stem}.md", t.format(product=product)) for stem, t in section_topics], True)
            )
        for leaf, title in LEAVES:
            groups.append((f"{folder}/{leaf}", []))
            topics.append(([(f"{folder}/{leaf}.md", title)], False))
    left, turn = pages - 1 - len(ERROR_PAGES), 0
    while left:
        for (group, written), (queue, more) in zip(groups, topics, strict=True):
            if left and (turn < len(queue) or more):
                written.append(
                    queue[turn] if turn < len(queue) else (f"{group}/topic_{turn + 1}.md", f"专题 {turn + 1}")
                )
                left -= 1
        turn += 1
    for section, path, title, _ in ERROR_PAGES:
        dict(groups)[f"jmessage/{section}"].append((path, title))
    return groups


def _nav(groups: list[tuple[str, list[tuple[str, str]]]]) -> list[Any]:
    """The navigation of the vendor's shape: home, then product > section > page, and a few pages
    straight under a product."""
    written = dict(groups)
    nav: list[Any] = [{"home": "index.md"}]
    for folder, product_title, _ in PRODUCTS:
        items: list[Any] = [
            {title: [{t: path} for path, t in written[f"{folder}/{section}"]]}
            for section, title, _ in SECTIONS
            if written[f"{folder}/{section}"]
        ]
        items += [{t: path} for leaf, _ in LEAVES for path, t in written[f"{folder}/{leaf}"]]
        if items:
            nav.append({product_title: items})
    return nav


def _write_docs(root: Path, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
    """The hand-written pages, the home page and the custom theme folder."""
    docs = root / "docs"
    for group, written in groups:
        section = group.split("/", 1)[1]
        for number, (path, title) in enumerate(written):
            rng = random.Random(path)
            error = next((e for e in ERROR_PAGES if e[1] == path), None)
            if error:
                text = _error_page(rng, error[3])
            else:
                # A link to the page before in the section, and from IM's pages to their error codes,
                # at the id the host's toc gives the first section's heading ("JMessage Android").
                targets = [(p, t, "") for p, t in written[number - 1 : number]]
                targets += [
                    (p, t, "#" + s[0][0].lower().replace(" ", "-"))
                    for g, p, t, s in ERROR_PAGES
                    if group == f"jmessage/{g}"
                ]
                links = [f"[{t}]({posixpath.relpath(p, posixpath.dirname(path))}{anchor})" for p, t, anchor in targets]
                text = _page(rng, title, section, links)
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")
    by_group = dict(groups)
    products = "".join(
        f"- [{title}]({by_group[f'{folder}/{SECTIONS[0][0]}'][0][0]})\n"
        for folder, title, _ in PRODUCTS
        if by_group[f"{folder}/{SECTIONS[0][0]}"]
    )
    (docs / "index.md").write_text(f"# 极光文档\n\n{_paragraph(random.Random(0))}\n\n{products}", encoding="utf-8")
    (root / "theme" / "css").mkdir(parents=True, exist_ok=True)
    (root / "theme" / "main.html").write_text(THEME_MAIN, encoding="utf-8")
    (root / "theme" / "css" / "jiguang.css").write_text(THEME_CSS, encoding="utf-8")


def _host_config(groups: list[tuple[str, list[tuple[str, str]]]], theme: str) -> dict[str, Any]:
    """The host's mkdocs.yml, as the vendor's: site settings, theme with its custom folder, search, nav."""
    return {
        "site_name": "极光文档",
        "site_url": "https://docs.jiguang.cn/",
        "site_description": "JPush, JMessage, 极光推送, 极光IM, Android Push, iOS Push",
        "copyright": "Copyright 2011-2019, jiguang.cn, All Rights Reserved.",
        "theme": {"name": theme, "custom_dir": "theme"},
        "plugins": ["search"],
        "nav": _nav(groups),
    }


class _Dumper(yaml.SafeDumper):
    """YAML as written by hand: text of several lines as a block."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


def _write_config(root: Path, config: dict[str, Any]) -> None:
    """`root/mkdocs.yml`, written as a person would (block style, Chinese as is)."""
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")


def write_host(root: Path, pages: int = 240, theme: str = "mkdocs") -> None:
    """The host as the vendor has it today: `pages` hand-written pages (the home page and four
    error-code pages among them) and a `mkdocs.yml` with `theme` and a small custom theme folder."""
    groups = _layout(pages)
    _write_docs(root, groups)
    _write_config(root, _host_config(groups, theme))


def write_guest(root: Path, spec: Path, pages: int = 240, theme: str = "mkdocs") -> None:
    """The same host with errorspec as a guest: the spec folder `spec` copied beside the config,
    errorspec's pages in place of the four error-code pages written by hand (excluded)."""
    groups = _layout(pages)
    _write_docs(root, groups)
    shutil.copytree(spec, root / "spec")
    config = _host_config(groups, theme)
    config["exclude_docs"] = "".join(f"{path}\n" for _, path, _, _ in ERROR_PAGES)
    config["plugins"].append({"errorspec": GUEST_PLUGIN})
    _write_config(root, config)
