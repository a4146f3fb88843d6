"""Compliance rules as data (US, CN, TW) and the checker that applies them."""

from .catalog import Catalog, default_catalog, load_catalog
from .categories import CATEGORIES, DEFAULT_SEVERITY, REGIMES, SEVERITIES
from .checker import CheckResult, Violation, check
from .rule import Example, Rule

__all__ = ["CATEGORIES", "Catalog", "CheckResult", "DEFAULT_SEVERITY", "Example", "REGIMES",
           "Rule", "SEVERITIES", "Violation", "check", "default_catalog", "load_catalog"]
