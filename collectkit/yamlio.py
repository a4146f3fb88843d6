"""YAML loading that remembers where things are, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import CollectkitError


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, *, source: str | Path | None = None, error: type = CollectkitError,
               line_offset: int = 0) -> Any:
    """Parse YAML text; a syntax error becomes ``error`` naming the file and line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"invalid YAML: {problem}", path=source, line=line,
                    fix="check indentation, colons and quotes on that line") from None


def load_yaml(path: str | Path, *, error: type = CollectkitError) -> Any:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error("file not found", path=path) from None
    except UnicodeDecodeError:
        raise error("file is not UTF-8 text", path=path, fix="save the file as UTF-8") from None
    return parse_yaml(text, source=path, error=error)


def line_of(data: Any, key: str | None = None) -> int | None:
    if isinstance(data, LineDict):
        return data.line_of(key) if key is not None else data.line
    return getattr(data, "line", None)


def load_fields(path: str | Path, kind: str, required, optional, *, error: type) -> dict:
    """Load a YAML file that must be a mapping with ``required`` fields and no unknown ones.

    Errors name the file, the line and the fields allowed (``kind`` is "rule", "scenario"...).
    """
    data = load_yaml(path, error=error)
    if not isinstance(data, dict):
        raise error(f"a {kind} file is a mapping of fields", path=path, line=1)
    for key in required:
        if key not in data or data[key] in (None, ""):
            raise error(f"missing field {key!r}", path=path, line=line_of(data) or 1,
                        fix=f"every {kind} needs: " + ", ".join(required))
    unknown = set(data) - set(required) - set(optional)
    if unknown:
        key = sorted(unknown)[0]
        raise error(f"unknown field {key!r}", path=path, line=line_of(data, key),
                    fix="allowed fields: " + ", ".join(tuple(required) + tuple(optional)))
    return data
