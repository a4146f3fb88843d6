"""ipywidgets front-ends, thin over the library. Every widget can be driven from code."""

from .roleplay import RoleplayChat

__all__ = ["RoleplayChat"]
