"""The one exception hierarchy: every error Mosaic raises says what went wrong and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mosaic.graph.validation.shacl import Report

__all__ = ["MosaicError", "LoadError", "ShapeViolation", "QueryError", "QueryTimeout", "StoreError", "DateError",
           "PeriodError", "ServerError"]


class MosaicError(Exception):
    """Base of all errors Mosaic raises on purpose."""


@dataclass
class LoadError(MosaicError):
    """A file could not be read as RDF; nothing was changed."""

    file: str
    line: int | None
    column: int | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


class ShapeViolation(MosaicError):
    """The graph breaks one or more SHACL shapes; nothing was changed."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.text())


class QueryError(MosaicError):
    """A SPARQL query or update was malformed or failed."""


class QueryTimeout(MosaicError):
    """A query ran past its time limit and was stopped."""


class StoreError(MosaicError):
    """The store could not be opened, read or written."""


class DateError(MosaicError):
    """A date value could not be understood."""


class PeriodError(DateError):
    """A period ends before it starts: it could only ever hold nothing, so it is refused, not answered."""


class ServerError(MosaicError):
    """The server cannot listen where it was asked to (the port is taken, or the address is not this machine's)."""
