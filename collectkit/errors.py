"""One exception hierarchy for every mistake a user can make.

Each error knows the file and line it is about and, where there is one, the fix.
``str(error)`` is the one line the CLI prints before exiting with code 2.
"""

from __future__ import annotations

from pathlib import Path


class CollectkitError(Exception):
    """Base class: a user mistake with a location and a fix.

    >>> str(CollectkitError("unknown speaker label 'Boss'", path="call.txt", line=4,
    ...                     fix="use Agent: or Debtor:"))
    "call.txt:4: unknown speaker label 'Boss' (fix: use Agent: or Debtor:)"
    """

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, fix: str | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        tail = f" (fix: {self.fix})" if self.fix else ""
        return f"{where}{self.message}{tail}"


class TranscriptError(CollectkitError):
    """A transcript or script file that cannot be read."""


class RuleError(CollectkitError):
    """A rule file (or lexicon) that is malformed."""


class ScenarioError(CollectkitError):
    """A scenario file that is malformed or refers to something unknown."""


class PersonaError(CollectkitError):
    """An unknown persona or a malformed persona file."""


class StoreError(CollectkitError):
    """A database URL that does not work or a schema that is out of date."""


class UsageError(CollectkitError):
    """A wrong argument to the API or the CLI."""
