"""ipywidgets front-ends, thin over the library. Every widget can be driven from code."""

from .dashboard import SupervisorDashboard
from .drills import DrillRunner
from .roleplay import RoleplayChat
from .script_lab import ScriptLab

__all__ = ["DrillRunner", "RoleplayChat", "ScriptLab", "SupervisorDashboard"]
