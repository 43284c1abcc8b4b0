"""`mkdocs serve` after an edit of the spec: the pages that show something else are made again,
and each search or data file is written if its text changed; every other file stays as it was.

MkDocs rebuilds a site whole after any edit, cleaning its folder first: at 25,000 codes, four
seconds from saving a description to seeing it. The server's builder is wrapped here: when every
file changed since the last build is one of the spec folder's own, the plugin makes again what
the edit changed (plugin.py's `_reload`, with edits.py's account of it); anything else (a page
of the docs, mkdocs.yml, a file another plugin watches with its own hook after errorspec's, an
edit that moves pages) is left to MkDocs' build, as before.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import get_context
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from watchdog.observers.api import BaseObserver, EventQueue, ObservedWatch

QUICK = 0.02  # seconds between two looks at the spec's files: a few stats of a folder


class _Changed(FileSystemEventHandler):
    """The files the server's watcher saw change since they were last taken."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paths: set[str] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self.lock:
            self.paths.update(os.fsdecode(path) for path in (event.src_path, event.dest_path) if path)

    def take(self) -> set[str]:
        with self.lock:
            taken, self.paths = self.paths, set()
        return taken


class _Relay(FileSystemEventHandler):
    """Hands what one watcher saw to another's handlers of one of its watches."""

    def __init__(self, queue: EventQueue, watch: ObservedWatch) -> None:
        self.queue = queue
        self.watch = watch

    def dispatch(self, event: FileSystemEvent) -> None:
        self.queue.put((event, self.watch))


def serve_edits(
    server: LiveReloadServer,
    build: Callable[[], None],
    watched: Iterable[Path],
    spec_dir: Path,
    reload: Callable[[], bool],
) -> BaseObserver:
    """Make the server's rebuild after an edit of the spec folder's files `reload` (which says
    False where a build is needed after all), and after any other change `build`, MkDocs' own.
    `watched`: what the server watches, or will; the spec folder among them (its own files, not
    its folders: errorspec's cache is one), already watched. Returns the watcher that looks at
    the spec's files, to be stopped with the server."""
    changed = _Changed()
    for path in watched:
        watch = server.observer.schedule(changed, str(path), recursive=path != spec_dir and path.is_dir())
        if path == spec_dir:
            spec_watch = watch
    # The server looks at what it watches every half second, a wait a reader sees: the spec's files
    # are looked at every 20 ms, by a watcher whose findings go to the server's handlers of its
    # watch of them, and the server's own look at them is stopped (it would rebuild a second time).
    for emitter in server.observer.emitters:
        if emitter.watch == spec_watch:
            emitter.stop()
    quick = PollingObserver(timeout=QUICK)
    quick.schedule(_Relay(server.observer.event_queue, spec_watch), str(spec_dir))
    quick.start()

    def rebuild() -> None:
        paths = changed.take()
        if paths and all(Path(path).parent == spec_dir for path in paths) and reload():
            return
        build()

    server.builder = rebuild
    return quick


def page_output(page: Page, config: MkDocsConfig, doc_files: list[File], nav: Navigation, env: Environment) -> str:
    """A page's HTML as MkDocs' build makes it (`_build_page`, but for writing it): the theme's
    template in the page's context, through every plugin's `on_page_context` and `on_post_page`."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def write_if_changed(path: Path, pieces: Iterable[str], errors: str = "strict") -> bool:
    """Write a file's text (in `pieces`) where it is not the file's already; whether it was written."""
    data = "".join(pieces).encode("utf-8", errors)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
