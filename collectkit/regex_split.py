"""Split a regex at its top level, to keep the shared RE2 sets small and fast.

A DFA that runs hundreds of patterns at once stays fast only while its states stay small.
Bounded gaps (``.{0,30}``, ``[^。]{0,24}``) and huge alternations multiply the states, so such a
pattern is not put into the shared set as it is. Instead:

* a top-level alternation ``A|B`` becomes its alternatives (the pattern matches if any does);
* a concatenation is cut at its gaps into *required pieces*: every piece of a matching text
  must match somewhere in it, so the small pieces go into the shared set as a prefilter, and only
  when all of them match is the whole pattern run on its own (linear time too).
"""

from __future__ import annotations

import re

_QUANT = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})\??")


def _atom_end(pattern: str, i: int) -> int:
    """Index just after the atom starting at ``pattern[i]`` (without its quantifier)."""
    ch = pattern[i]
    if ch == "\\":
        if i + 1 < len(pattern) and pattern[i + 1] in "pPx" and i + 2 < len(pattern) and pattern[i + 2] == "{":
            return pattern.index("}", i + 2) + 1
        return i + 2
    if ch == "[":
        j = i + 1
        if j < len(pattern) and pattern[j] == "^":
            j += 1
        if j < len(pattern) and pattern[j] == "]":
            j += 1
        while j < len(pattern) and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    if ch == "(":
        depth, j = 0, i
        while j < len(pattern):
            c = pattern[j]
            if c == "\\":
                j += 2
                continue
            if c == "[":
                j = _atom_end(pattern, j)
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        raise ValueError("unbalanced parenthesis")
    return i + 1


def atoms(pattern: str) -> list[tuple[str, str]]:
    """Top-level (atom, quantifier) pairs; raises ValueError on a top-level ``|``."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "|":
            raise ValueError("alternation")
        end = _atom_end(pattern, i)
        match = _QUANT.match(pattern, end)
        quant = match.group(0) if match else ""
        out.append((pattern[i:end], quant))
        i = end + len(quant)
    return out


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (one item when there is no top-level ``|``)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _atom_end(pattern, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def is_gap(quant: str) -> bool:
    """A repetition that lets many characters through (``*``, ``+``, ``{m,n}`` with n >= 4)."""
    if quant.startswith(("*", "+")):
        return True
    match = re.match(r"\{(\d*)(?:,(\d*))?\}", quant)
    if not match:
        return False
    upper = match.group(2)
    if upper is None:
        return int(match.group(1) or 0) >= 4
    return upper == "" or int(upper) >= 4


def _flat_atoms(pattern: str) -> list[tuple[str, str]]:
    """Top-level atoms, with unquantified ``(?:...)`` groups without ``|`` opened up."""
    out = []
    for atom, quant in atoms(pattern):
        if not quant and atom.startswith("(") and atom.endswith(")"):
            inner = atom[3:-1] if atom.startswith("(?:") else (atom[1:-1] if not atom.startswith("(?") else None)
            if inner is not None and len(alternatives(inner)) == 1:
                out.extend(_flat_atoms(inner))
                continue
        out.append((atom, quant))
    return out


def pieces(pattern: str) -> list[str]:
    """Runs of top-level atoms between gaps (candidates for required pieces)."""
    runs, current = [], []
    for atom, quant in _flat_atoms(pattern):
        if is_gap(quant):
            if current:
                runs.append("".join(current))
            current = []
        else:
            current.append(atom + quant)
    if current:
        runs.append("".join(current))
    return runs


_GAP = re.compile(r"(?:\.|\]|\\[SWDswd])(?:\*|\+|\{\d*,(\d*)\})")


def has_gap(pattern: str) -> bool:
    """Whether any repetition of ``.``, a class or ``\\S``-like escape lets 4+ characters through."""
    for match in _GAP.finditer(pattern):
        upper = match.group(1)
        if upper is None or upper == "" or int(upper) >= 4:
            return True
    return False
