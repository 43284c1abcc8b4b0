"""Texts made of one entry of the spec (its search entry, its JSON and CSV in the data files), kept
from one build to the next under `mkdocs serve`, where an edit leaves every other entry the very
object it was: the search and data files of 25,000 codes are then made again in a fraction of the
time it takes to make them from the spec."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from errorspec.model import Entry


class EntryTexts:
    """Each text made of an entry, by what else it depends on (`kind`) and by the entry object."""

    def __init__(self) -> None:
        self.made: dict[tuple[Hashable, int], tuple[Entry, str]] = {}

    def text(self, kind: Hashable, entry: Entry, make: Callable[[], str]) -> str:
        """The text `make` makes of `entry`, made again only for another entry object."""
        key = (kind, id(entry))
        found = self.made.get(key)
        if found is None or found[0] is not entry:  # the entry is kept with its text: its id stays its own
            found = self.made[key] = (entry, make())
        return found[1]
