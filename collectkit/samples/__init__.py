"""Sample calls shipped with collectkit, for the course notebooks and quick tries.

>>> from collectkit import samples
>>> sorted(samples.names())[:1]
['cn_overdue_card.txt']
"""

from pathlib import Path

HERE = Path(__file__).parent


def names() -> list[str]:
    return sorted(p.name for p in HERE.iterdir() if p.suffix in (".txt", ".json", ".csv"))


def path(name: str) -> Path:
    """Path of a shipped sample, e.g. ``samples.path("us_first_call.txt")``."""
    target = HERE / name
    if not target.exists():
        from ..errors import UsageError
        raise UsageError(f"no sample called {name!r}", fix="one of: " + ", ".join(names()))
    return target
