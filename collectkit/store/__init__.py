"""The progress store: role-plays turn by turn, scored scripts, drills and certifications.

>>> from collectkit.store import ResultStore
>>> store = ResultStore("sqlite:///:memory:", create=True)
>>> store.backend
'sqlite'

``ResultStore()`` opens ``COLLECTKIT_DB`` or the SQLite file in the user's data folder;
``ResultStore("postgresql://user:password@host/db")`` a team database. SQLAlchemy is imported
only when a store is opened, so ``import collectkit.store`` stays light.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "ResultStore": "collectkit.store.store",
    "SCHEMA_VERSION": "collectkit.store.models",
    "resolve_url": "collectkit.store.urls",
    "mask_url": "collectkit.store.urls",
    "init_database": "collectkit.store.admin",
    "upgrade_database": "collectkit.store.admin",
    "database_info": "collectkit.store.admin",
    "CohortInfo": "collectkit.store.records",
    "TraineeInfo": "collectkit.store.records",
    "SessionInfo": "collectkit.store.records",
    "DrillInfo": "collectkit.store.records",
    "AssignedDrill": "collectkit.store.records",
    "Attempt": "collectkit.store.records",
    "DrillProgress": "collectkit.store.records",
    "CertificationInfo": "collectkit.store.records",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'collectkit.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
