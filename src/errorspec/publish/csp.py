"""The Content-Security-Policy of errorspec's own site: a page runs the inline scripts the build
wrote into it and nothing else, and loads nothing from another origin.

Each inline script of a page (Material's, errorspec's) is allowed by the SHA-256 hash of its text,
so that a script the build did not write (one a text smuggled in) does not run; everything else
comes from the site itself. Images may also be `data:` URLs: Material's stylesheet draws its icons
with them. Styles need no `'unsafe-inline'`: Material writes no style attribute or element, and
styles set by a script through the DOM (Material's, errorspec's) are not the policy's to govern.

A page carries its policy in a `<meta>` element ahead of its scripts (the offline bundle has no
server to send a header); a static host sends the site's policy, for every path, from `_headers`
(Netlify and Cloudflare Pages read that file): one policy with every page's hashes, since a host
serves the 404 page at any path. The header adds what a `<meta>` element cannot say: that no
other site may frame the pages.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

HEADERS_FILE = "_headers"

# A script element and its text, which ends at the first `</script` (the HTML tokenizer's rule).
# The pages are the build's own (Jinja templates): no attribute value holds a `>`.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.DOTALL | re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
STYLESHEET = re.compile(r"<link\b([^>]*)>", re.IGNORECASE)
# Script types a browser runs; any other (application/json) is data, which no policy governs.
RUN = {"", "module", "text/javascript", "application/javascript"}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# The script iframe-worker writes into its frame, in a template literal of its source: the source
# of the functions it installs as postMessage and importScripts, and the worker's URL.
FRAME_SCRIPT = re.compile(
    r'<script>(postMessage=\$\{(\w+)\};importScripts=\$\{(\w+)\};[^`]*?filename:"\$\{(\w+)\}"[^`]*?)<\\/script>'
)


@dataclass(frozen=True)
class PagePolicy:
    """What a page's policy allows: the hash source of each inline script it runs (as
    `'sha256-…'`, in page order); and what it would load from another origin, which the policy
    blocks (the URLs of its scripts and stylesheets)."""

    scripts: tuple[str, ...]
    blocked: tuple[str, ...]


def script_hash(text: str) -> str:
    """A script's hash source: the base64 SHA-256 of its text in UTF-8, as browsers compute it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _attributes(tag: str) -> dict[str, str]:
    """A tag's attributes that have a value, in double, single or no quotes."""
    return {name.lower(): "".join(values) for name, *values in ATTRIBUTE.findall(tag)}


def page_policy(html: str, frame_scripts: Iterable[str] = ()) -> PagePolicy:
    """The policy of a page: its inline scripts, and `frame_scripts`, those a script of the page
    writes into a frame of the same policy (iframe-worker's); the scripts and stylesheets it names
    at another origin."""
    scripts: list[str] = []
    blocked: list[str] = []
    for match in SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        if "src" in attributes:
            if REMOTE.match(attributes["src"]):
                blocked.append(attributes["src"])
        elif attributes.get("type", "").strip().lower() in RUN:
            scripts.append(script_hash(match.group(2)))
    scripts.extend(script_hash(text) for text in frame_scripts)
    for match in STYLESHEET.finditer(html):
        attributes = _attributes(match.group(1))
        if "stylesheet" in attributes.get("rel", "").lower().split() and REMOTE.match(attributes.get("href", "")):
            blocked.append(attributes["href"])
    return PagePolicy(tuple(dict.fromkeys(scripts)), tuple(dict.fromkeys(blocked)))


def policy_text(scripts: Iterable[str], header: bool = False) -> str:
    """The policy allowing `scripts` (hash sources): for a `<meta>` element, or for an HTTP header,
    which can also forbid other sites to frame the page."""
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)


def with_policy(html: str, policy: str) -> str:
    """The page with its policy in a `<meta>` element, before any script: after the element that
    names its encoding (which must come within the first 1,024 bytes), else first in `<head>`."""
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    first_script = html.find("<script")
    charset = CHARSET.search(html)
    anchor = charset if charset and (first_script < 0 or charset.end() <= first_script) else HEAD.search(html)
    if anchor is None:
        return element + html
    return html[: anchor.end()] + element + html[anchor.end() :]


def headers_file(scripts: Iterable[str]) -> str:
    """`_headers` for Netlify and Cloudflare Pages: the site's policy for every path, allowing the
    inline scripts of all its pages (`scripts`, in a stable order)."""
    return f"/*\n  Content-Security-Policy: {policy_text(sorted(set(scripts)), header=True)}\n"


def frame_script(shim: str, worker: str) -> str:
    """The inline script that iframe-worker (the Web Worker shim of the offline bundle) writes into
    the frame it runs `worker` in: the frame inherits the page's policy, so the page's policy must
    allow this script too. The shim builds it from the source text of two of its functions and the
    worker's URL, as written in the page's settings.

    Raises ValueError if `shim` is not the iframe-worker this was written for."""
    template = FRAME_SCRIPT.search(shim)
    if template is None:
        raise ValueError("iframe-worker.js: the script of its frame was not found (another version of the shim?)")
    text, post, imports, url = template.groups()
    for name in (post, imports):
        text = text.replace(f"${{{name}}}", _function_source(shim, name))
    return text.replace(f"${{{url}}}", worker)


def _function_source(source: str, name: str) -> str:
    """The text of function `name` in minified `source`, as `String(function)` gives it: from its
    keyword to its closing brace (the shim has no brace inside a string)."""
    start = source.find(f"function {name}(")
    opening = source.find("{", start)
    if start < 0 or opening < 0:
        raise ValueError(f"iframe-worker.js: no function {name} (another version of the shim?)")
    depth = 0
    for index in range(opening, len(source)):
        depth += {"{": 1, "}": -1}.get(source[index], 0)
        if depth == 0:
            return source[start : index + 1]
    raise ValueError(f"iframe-worker.js: function {name} does not end (another version of the shim?)")
