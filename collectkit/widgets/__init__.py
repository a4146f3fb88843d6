"""ipywidgets front-ends, thin over the library. Every widget can be driven from code."""

from .roleplay import RoleplayChat
from .script_lab import ScriptLab

__all__ = ["RoleplayChat", "ScriptLab"]
