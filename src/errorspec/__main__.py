"""`python -m errorspec`: the `errorspec` command."""

from errorspec.cli import cli

cli()
