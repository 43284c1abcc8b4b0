"""The public names of the package resolve, once each."""

from __future__ import annotations

import errorspec


def test_every_public_name_resolves() -> None:
    assert len(errorspec.__all__) == len(set(errorspec.__all__))
    assert errorspec.__all__ == sorted(errorspec.__all__)
    for name in errorspec.__all__:
        assert getattr(errorspec, name) is not None, name
