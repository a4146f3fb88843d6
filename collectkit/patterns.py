"""Phrase patterns: one linear-time RE2 set per language group, evaluated once per utterance.

Acts and rules describe what they look for as *matchers* in YAML::

    patterns:
      en:
        - '\\b(?:sue|lawsuit)\\b'                 # a regex alternative
        - all: ['{TELL}', '{FAMILY}']           # every part must match somewhere
      zh: ['起诉你']
    unless:
      en: ['\\b(?:will not|won.t) sue\\b']

``{NAME}`` expands to a lexicon entry (uppercase names), wrapped in ``(?:...)``. Patterns are
matched against :func:`collectkit.text.normalize` output: lower case, NFKC, Simplified Chinese.
All regexes of all matchers go into one RE2 ``Set`` per group, so scoring an utterance costs one
linear-time scan however many rules there are, and no input can trigger backtracking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import re2

from . import regex_split
from .errors import RuleError
from .text import has_cjk, normalize, to_simplified
from .yamlio import line_of

GROUPS = ("en", "zh")
_UNANCHORED = re2._Anchor.UNANCHORED
_NULL_SPAN = re2._NULL_SPAN
_EN_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                          "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " "})


def latin1(text: str) -> str:
    """English patterns and text run as Latin-1: fold typographic punctuation, drop the rest."""
    if text.isascii():
        return text
    text = text.translate(_EN_FOLD)
    return text.encode("latin-1", "replace").decode("latin-1")


_EN_PATTERN_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                                  "\u2013": "\\-", "\u2014": "\\-", "\u2026": "\\.\\.\\.",
                                  "\u00a0": " "})


def latin1_pattern(regex: str) -> str:
    """An English pattern in the same Latin-1 form as the text it is matched against."""
    if regex.isascii():
        return regex
    return regex.translate(_EN_PATTERN_FOLD).encode("latin-1", "replace").decode("latin-1")


def _raw(group: str, text: str):
    """What RE2 is given: Latin-1 bytes for English, str (UTF-8) for Chinese."""
    return text.encode("latin-1") if group == "en" else text


def _compile(group: str, regex: str, options):
    return re2.compile(_raw(group, regex), options)
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class Lexicon:
    """Named regex fragments per group, layered: local defines, then a parent lexicon."""

    def __init__(self, entries: Mapping[str, Mapping[str, str]] | None = None,
                 parent: "Lexicon | None" = None, source: str | None = None):
        self.entries = {g: dict((entries or {}).get(g) or {}) for g in GROUPS}
        self.parent = parent
        self.source = source

    def lookup(self, group: str, name: str) -> str | None:
        if name in self.entries[group]:
            return self.entries[group][name]
        return self.parent.lookup(group, name) if self.parent else None

    def expand(self, group: str, pattern: str, *, source=None, line=None, _depth=0) -> str:
        if _depth > 12:
            raise RuleError(f"lexicon entries refer to each other in a loop near {pattern!r}",
                            path=source, line=line)

        def replace(match: re.Match) -> str:
            value = self.lookup(group, match.group(1))
            if value is None:
                raise RuleError(f"unknown lexicon entry {{{match.group(1)}}} for {group!r}",
                                path=source, line=line,
                                fix="define it under 'define:' in this file or in a lexicon file")
            return "(?:" + self.expand(group, value, source=source, line=line,
                                       _depth=_depth + 1) + ")"

        return _MACRO.sub(replace, pattern)


@dataclass(frozen=True)
class Matcher:
    """Alternatives (tuples of regex ids that must all match) minus ``unless`` alternatives."""

    group_alts: Mapping[str, tuple[tuple[int, ...], ...]]
    group_unless: Mapping[str, tuple[tuple[int, ...], ...]]

    def __post_init__(self):
        # Fast form: ids that alone satisfy an alternative, and the multi-id alternatives.
        fast = {}
        for name, table in (("alts", self.group_alts), ("unless", self.group_unless)):
            for group, alts in table.items():
                singles = frozenset(a[0] for a in alts if len(a) == 1)
                multis = tuple(frozenset(a) for a in alts if len(a) > 1)
                fast[(name, group)] = (singles, multis)
        object.__setattr__(self, "_fast", fast)

    def _any(self, name: str, group: str, matched: frozenset[int]) -> bool:
        entry = self._fast.get((name, group))
        if entry is None:
            return False
        singles, multis = entry
        if not singles.isdisjoint(matched):
            return True
        return any(alt <= matched for alt in multis)

    def hit(self, group: str, matched: frozenset[int]) -> bool:
        return self._any("alts", group, matched) and not self._any("unless", group, matched)

    def blocked(self, group: str, matched: frozenset[int]) -> bool:
        """True when an ``unless`` alternative matches (for matchers that only veto)."""
        return self._any("unless", group, matched)

    def ids(self) -> set[int]:
        out: set[int] = set()
        for alts in self.group_alts.values():
            for alt in alts:
                out.update(alt)
        return out

    @property
    def empty(self) -> bool:
        return not any(self.group_alts.values())


class PatternBook:
    """Collects regexes from many matchers, then compiles one RE2 set per group.

    Light regexes go into the set as they are. Heavy ones (big programs, or gaps such as
    ``.{0,30}``) are split by :mod:`collectkit.regex_split`: alternations into alternatives,
    concatenations into required pieces that prefilter a separate, exact run of the whole regex.
    Either way a regex's id is reported exactly when the regex matches.
    """

    PIECE_LIMIT = 600          # RE2 program size above which a regex is split
    SIZE_LIMIT = 8000          # no single regex may be larger: it would dominate every match

    def __init__(self):
        self._ids: dict[str, dict[str, int]] = {g: {} for g in GROUPS}
        self._direct: dict[str, list[tuple[str, int]]] = {g: [] for g in GROUPS}
        self._confirm: dict[str, dict[int, tuple]] = {g: {} for g in GROUPS}
        self._any_of: dict[str, dict[int, tuple[int, ...]]] = {g: {} for g in GROUPS}
        self._sets: dict[str, Any] | None = None
        self._next = 0
        self._owner: dict[int, tuple[str, str]] = {}
        self._memo: dict[str, tuple[str, frozenset[int]]] = {}

    @staticmethod
    def _options(group: str = "zh"):
        options = re2.Options()
        options.case_sensitive = False
        # Each set's DFA cache must hold its states, or it thrashes (measured: Chinese at 64 MB
        # is ~300x slower than at 1 GB). Memory is only taken as states are built.
        options.max_mem = 1 << 30
        if group == "en":
            # English runs on Latin-1 bytes: a smaller automaton than case-folded UTF-8
            options.encoding = re2.Options.Encoding.LATIN1
        return options

    def _add_regex(self, group: str, regex: str, *, source=None, line=None) -> int:
        known = self._ids[group].get(regex)
        if known is not None:
            self._owner.setdefault(known, (group, regex))
            return known
        if group == "en":
            regex = latin1_pattern(regex)
        else:
            regex = to_simplified(regex)   # same folding as the text (帐 -> 账, 著 -> 着, ...)
        try:
            compiled = _compile(group, regex, self._options(group))
        except re2.error as exc:
            raise RuleError(f"pattern {regex!r} does not compile: {exc}", path=source, line=line,
                            fix="RE2 syntax: no look-arounds or back-references") from None
        if compiled.programsize > self.SIZE_LIMIT:
            shown = regex if len(regex) < 80 else regex[:77] + "..."
            raise RuleError(f"pattern {shown!r} compiles to {compiled.programsize} RE2 "
                            f"instructions (limit {self.SIZE_LIMIT}); it would slow every match",
                            path=source, line=line,
                            fix="split it into several alternatives or 'all:' parts, and avoid "
                                "huge word lists (e.g. a dictionary of non-names)")
        ident = self._intern(group, regex)
        self._owner[ident] = (group, regex)
        return ident

    def _intern(self, group: str, regex: str) -> int:
        """The id of ``regex`` in ``group``, registering (and splitting) it the first time."""
        known = self._ids[group].get(regex)
        if known is not None:
            return known
        if self._sets is not None:
            raise RuntimeError("PatternBook is already compiled")
        ident = self._next
        self._next += 1
        self._ids[group][regex] = ident
        compiled = _compile(group, regex, self._options(group))
        if self._light(regex, compiled):
            self._direct[group].append((regex, ident))
            return ident
        alts = regex_split.alternatives(regex)
        if len(alts) > 1:
            self._any_of[group][ident] = tuple(self._intern(group, alt) for alt in alts)
            return ident
        required = []
        try:
            runs = regex_split.pieces(regex)
        except ValueError:
            runs = []
        for piece in runs:
            try:
                piece_rx = _compile(group, piece, self._options(group))
            except re2.error:
                continue
            if self._light(piece, piece_rx) and piece_rx.search(_raw(group, "")) is None:
                required.append(self._intern(group, piece))
        if required:
            self._confirm[group][ident] = (tuple(required), compiled)
        else:
            self._direct[group].append((regex, ident))
        return ident

    def _light(self, regex: str, compiled) -> bool:
        return compiled.programsize <= self.PIECE_LIMIT and not regex_split.has_gap(regex)

    def _alternatives(self, group: str, items: Any, lexicon: Lexicon, source, line) -> list:
        if items is None:
            return []
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            raise RuleError(f"patterns for {group!r} must be a list", path=source,
                            line=line_of(items) or line)
        alts = []
        for index, item in enumerate(items):
            item_lines = getattr(items, "item_lines", None)
            item_line = item_lines[index] if item_lines else line
            if isinstance(item, str):
                parts = [item]
            elif isinstance(item, dict) and isinstance(item.get("all"), list) and item["all"]:
                parts = item["all"]
            else:
                raise RuleError("a pattern is a regex string or {all: [regex, ...]}",
                                path=source, line=item_line)
            ids = []
            for part in parts:
                if not isinstance(part, str) or not part.strip():
                    raise RuleError("empty pattern", path=source, line=item_line)
                expanded = lexicon.expand(group, part, source=source, line=item_line)
                ids.append(self._add_regex(group, expanded, source=source, line=item_line))
            alts.append(tuple(ids))
        return alts

    def matcher(self, patterns: Any, unless: Any = None, *, lexicon: Lexicon,
                source: str | Path | None = None, line: int | None = None) -> Matcher:
        """Register ``{group: [alternative, ...]}`` mappings and return their matcher."""
        group_alts, group_unless = {}, {}
        for target, spec in ((group_alts, patterns), (group_unless, unless)):
            if spec is None:
                continue
            if not isinstance(spec, dict):
                raise RuleError("patterns must be keyed by language group: en, zh", path=source,
                                line=line_of(spec) or line, fix="write 'en: [...]' and/or 'zh: [...]'")
            for group, items in spec.items():
                if group not in GROUPS:
                    raise RuleError(f"unknown pattern group {group!r}", path=source,
                                    line=line_of(spec, group) or line,
                                    fix="use 'en' (English) or 'zh' (Chinese, written in Simplified; Traditional input is mapped)")
                target[group] = tuple(self._alternatives(group, items, lexicon, source,
                                                         line_of(spec, group) or line))
        return Matcher(group_alts, group_unless)

    def compile(self) -> None:
        sets = {}
        for group in GROUPS:
            regex_set = re2.Set.SearchSet(self._options(group))
            for regex, _ in self._direct[group]:
                regex_set.Add(_raw(group, regex))
            regex_set.Compile()
            confirm_index: dict[int, list] = {}
            text_of = {ident: regex for regex, ident in self._ids[group].items()}
            for ident, (required, compiled) in self._confirm[group].items():
                # index on the piece least likely to match: the longest pattern text
                key = max(required, key=lambda i: len(text_of.get(i, "")))
                confirm_index.setdefault(key, []).append(
                    (ident, frozenset(required), compiled._regexp))
            any_index: dict[int, list[int]] = {}
            for parent, subs in self._any_of[group].items():
                for sub in subs:
                    any_index.setdefault(sub, []).append(parent)
            sets[group] = (regex_set, [ident for _, ident in self._direct[group]],
                           confirm_index, any_index)
        self._sets = sets

    MEMO_SIZE = 4096

    def match(self, text: str) -> tuple[str, frozenset[int]]:
        """Normalise ``text`` and return its group and the ids of every regex that matches.

        Results are memoised for recent texts: a role-play re-checks its earlier lines at every
        turn, and scripts repeat their formulas (greetings, disclosures, closes).
        """
        memo = self._memo
        known = memo.get(text)
        if known is not None:
            return known
        if len(memo) >= self.MEMO_SIZE:
            memo.clear()
        result = memo[text] = self._match(text)
        return result

    def _match(self, text: str) -> tuple[str, frozenset[int]]:
        if self._sets is None:
            self.compile()
        norm = normalize(text)
        group = "zh" if has_cjk(norm) else "en"
        raw = latin1(norm).encode("latin-1") if group == "en" else norm.encode("utf-8")
        regex_set, ids, confirm_index, any_index = self._sets[group]
        hits = regex_set.Match(raw)
        if not hits:
            return group, frozenset()
        found = {ids[i] for i in hits}
        if confirm_index:
            end = len(raw)
            for piece in found & confirm_index.keys():
                for ident, required, regexp in confirm_index[piece]:
                    if required <= found and ident not in found and \
                            regexp.Match(_UNANCHORED, raw, 0, end)[0] != _NULL_SPAN:
                        found.add(ident)
        if any_index:
            for sub in found & any_index.keys():
                found.update(any_index[sub])
        return group, frozenset(found)

    def regex(self, ident: int) -> tuple[str, str]:
        return self._owner[ident]

    def stats(self) -> dict:
        """How the regexes were placed: in the shared sets, split, or confirmed separately."""
        return {g: {"direct": len(self._direct[g]), "confirmed": len(self._confirm[g]),
                    "alternations": len(self._any_of[g])} for g in GROUPS}

    def __len__(self) -> int:
        return len(self._owner)


class MatcherIndex:
    """Which keys could fire for a set of matched ids: avoids testing every matcher each time."""

    def __init__(self, items):
        self.by_id: dict[int, list] = {}
        self.always: list = []
        for key, matcher in items:
            triggers = {alt[0] for alts in matcher.group_alts.values() for alt in alts if alt}
            if not triggers:
                self.always.append(key)
            for ident in triggers:
                self.by_id.setdefault(ident, []).append(key)
        self.keys = frozenset(self.by_id)

    def candidates(self, matched: frozenset[int]) -> list:
        seen = list(self.always)
        for ident in matched & self.keys:
            seen.extend(self.by_id[ident])
        return seen
