"""What several commands share: the options that name the store and the folders, the check that a
folder has something to load, and progress lines on standard error."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from mosaic import settings
from mosaic.errors import LoadError

__all__ = ["path_option", "store_option", "require_inputs", "progress"]

F = TypeVar("F", bound=Callable[..., object])


def path_option(name: str, help_text: str) -> Callable[[F], F]:
    return click.option(f"--{name}", default=lambda: settings.get(name), show_default=f"${settings.SETTINGS[name].env}",
                        type=click.Path(path_type=Path), help=help_text)


store_option = click.option("--store", "store_location", default=lambda: settings.get("store"),
                            show_default="$MOSAIC_STORE", help="The store: a directory for the embedded store, or an external SPARQL endpoint's URL.")


_INPUTS = {"data": "*.trig", "ontology": "*.ttl", "shapes": "*.ttl"}  # what each folder must hold


def require_inputs(verb: str, **folders: Path) -> None:
    """Refuse to build or check a graph from nothing: a missing or empty folder loads 0 quads, which
    conform, and an install that lacked the curated graph once reported success that way."""
    for name, folder in folders.items():
        if folder.is_file() or any(folder.glob(_INPUTS[name])):  # a file: `mosaic load --data-file`
            continue
        state = f"holds no {_INPUTS[name]} files" if folder.is_dir() else "does not exist"
        raise LoadError(str(folder), None, None, f"nothing to {verb}: the {name} folder {state}; point --{name} "
                        f"or ${settings.SETTINGS[name].env} at a folder of {_INPUTS[name]} files")


def progress(message: str) -> None:
    click.echo(f"[{time.strftime('%H:%M:%S')}] {message}", err=True)


