"""Which database to open: the URL argument, else ``COLLECTKIT_DB``, else a SQLite file.

Kept free of SQLAlchemy at import time so the CLI can name a database before loading it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import StoreError

ENV_VAR = "COLLECTKIT_DB"
DEFAULT_FILE = "collectkit.sqlite"
URL_HELP = ("use sqlite:///PATH/TO/FILE.sqlite or "
            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE")
_SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def default_url() -> str:
    """A SQLite file in the user's data folder (the folder is created)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("collectkit"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DEFAULT_FILE}"


def resolve_url(url: str | os.PathLike | None = None) -> str:
    """The URL to open, normalised: ``postgresql://`` and ``postgres://`` use psycopg 3.

    >>> resolve_url("postgresql://kit@db.example/training")
    'postgresql+psycopg://kit@db.example/training'
    >>> resolve_url("progress.sqlite")
    'sqlite:///progress.sqlite'
    """
    if url is None or str(url).strip() == "":
        url = os.environ.get(ENV_VAR, "").strip() or default_url()
    url = os.fspath(url).strip()
    if "://" not in url:
        if url.lower().endswith(_SQLITE_SUFFIXES) or url == ":memory:":
            return f"sqlite:///{url}"
        raise StoreError(f"{url!r} is not a database URL", fix=URL_HELP)
    scheme, rest = url.split("://", 1)
    if scheme.lower() in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def mask_url(url: str) -> str:
    """The URL with its password replaced by ``***``, safe to print.

    >>> mask_url("postgresql+psycopg://kit:s3cret@db:5432/training")
    'postgresql+psycopg://kit:***@db:5432/training'
    """
    return re.sub(r"^([^:/]+://[^:/@]*:).*@([^@]*)$", r"\1***@\2", str(url))
