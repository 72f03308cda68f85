"""The ``mosaic`` command: thin wrappers that parse options, call the library and print the result,
one module per command group (``graph``: load, validate, query, export, stats; ``serve``; ``network``;
``importers``; ``names``; ``caveats``; ``coverage``; ``synth``). The top layer: it may use every
package of Mosaic, and nothing imports it.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 any other error (bad input,
unreadable file, malformed query), with a message on standard error that says what and where.
"""

from __future__ import annotations

import importlib
import sys

import click

from mosaic.errors import MosaicError, ShapeViolation

__all__ = ["cli", "main"]


class LazyGroup(click.Group):
    """A group whose commands are imported only when run (or listed), each from its own module, so that
    a quick `mosaic query` does not first import networkx, pandas and pySHACL."""

    lazy = {"load": "mosaic.cli.graph:load", "validate": "mosaic.cli.graph:validate", "query": "mosaic.cli.graph:query",
            "export": "mosaic.cli.graph:export", "stats": "mosaic.cli.graph:stats", "serve": "mosaic.cli.serve:serve",
            "network": "mosaic.cli.network:network", "import": "mosaic.cli.importers:import_group",
            "resolve": "mosaic.cli.names:resolve", "names": "mosaic.cli.names:names",
            "caveats": "mosaic.cli.caveats:caveats", "coverage": "mosaic.cli.coverage:coverage",
            "synth": "mosaic.cli.synth:synth"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.lazy:
            return super().get_command(ctx, name)
        module, _, attribute = self.lazy[name].partition(":")
        return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]


@click.group(cls=LazyGroup)
@click.version_option(package_name="mosaic")
def cli() -> None:
    """Mosaic: a knowledge graph of Cold War reporting on North Korea, every fact with its source."""


def main() -> None:
    """Run the CLI, turning Mosaic's errors into a clear message and exit code instead of a traceback."""
    try:
        cli.main(standalone_mode=False)
    except ShapeViolation as error:
        click.echo(error.report.text(), err=True)
        click.echo("Nothing was loaded: the store is as it was.", err=True)
        sys.exit(1)
    except MosaicError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(2)
    except OSError as error:  # a file that cannot be read or written: a missing folder, no permission, a full disk
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"Error: {where}{error.strerror or error}", err=True)
        sys.exit(2)
