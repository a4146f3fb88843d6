"""Self-paced practice: a trainee's weak spots and the scenario to play next, with the reason.

>>> from collectkit.store import ResultStore
>>> store = ResultStore("sqlite:///:memory:", create=True)
>>> scenario_id, reason = recommend_next(store, store.add_trainee("Ana"))
>>> scenario_id
'us-aggressive-card'

Weak spots come from the trainee's recent scored calls (the last :data:`RECENT` of them):
violation categories weighted by severity (critical 3, major 2, minor 1, as for refresher
drills) and debtor types ranked by mean score. The next scenario uses the weakest debtor type
that has one in the trainee's language, not yet passed first; with no weak spot left it is a
scenario not played yet, else the one with the lowest best score.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from .errors import CollectkitError

RECENT = 10          # scored calls that count for weak categories
RECENT_PER_TYPE = 3  # scored calls per debtor type that count for its mean
SEVERITY_WEIGHT = {"critical": 3, "major": 2, "minor": 1}
LANG_ORDER = ("en", "zh-Hans", "zh-Hant")

REASONS = {
    "en": {
        "weak": "Practise “{title}” ({id}) next: your recent calls of type “{persona}” average "
                "{mean}/100 (pass mark {mark})",
        "cats": ", and your most serious problems were {cats}",
        "new_type": "Your recent calls pass; try something new: “{title}” ({id}), with a type of "
                    "debtor you have not met yet (“{persona}”).",
        "new_scenario": "Your recent calls pass; try a scenario you have not played yet: "
                        "“{title}” ({id}).",
        "lowest": "You have passed every scenario you played; “{title}” ({id}) had your lowest "
                  "score ({best}/100): try to beat it.",
        "first": "You have no scored calls yet, so start with “{title}” ({id}).",
        "elsewhere": "No scenario in this language has the debtor types you find hardest "
                     "({types}); meanwhile try “{title}” ({id}), which you have not played yet.",
        "sep": ", ", "end": ".",
    },
    "zh-Hans": {
        "weak": "建议接下来练习「{title}」（{id}）：你最近与「{persona}」债务人的通话平均 {mean} 分"
                "（及格线 {mark}）",
        "cats": "，最主要的问题是{cats}",
        "new_type": "你最近的通话都已及格，试试新的挑战：「{title}」（{id}），对方是你还没遇到过的"
                    "「{persona}」债务人。",
        "new_scenario": "你最近的通话都已及格，试试还没练过的情景：「{title}」（{id}）。",
        "lowest": "你练过的情景都已通过；「{title}」（{id}）是你得分最低的一次（{best} 分），"
                  "试着超过它。",
        "first": "你还没有计分的通话，先从「{title}」（{id}）开始吧。",
        "elsewhere": "这个语言还没有你最吃力的债务人类型（{types}）的情景；先试试还没练过的"
                     "「{title}」（{id}）。",
        "sep": "、", "end": "。",
    },
    "zh-Hant": {
        "weak": "建議接下來練習「{title}」（{id}）：你最近與「{persona}」債務人的通話平均 {mean} 分"
                "（及格線 {mark}）",
        "cats": "，最主要的問題是{cats}",
        "new_type": "你最近的通話都已及格，試試新的挑戰：「{title}」（{id}），對方是你還沒遇過的"
                    "「{persona}」債務人。",
        "new_scenario": "你最近的通話都已及格，試試還沒練過的情境：「{title}」（{id}）。",
        "lowest": "你練過的情境都已通過；「{title}」（{id}）是你得分最低的一次（{best} 分），"
                  "試著超越它。",
        "first": "你還沒有計分的通話，先從「{title}」（{id}）開始吧。",
        "elsewhere": "這個語言還沒有你最吃力的債務人類型（{types}）的情境；先試試還沒練過的"
                     "「{title}」（{id}）。",
        "sep": "、", "end": "。",
    },
}


@dataclass(frozen=True)
class CategoryWeight:
    category: str
    count: int
    weight: int


@dataclass(frozen=True)
class PersonaScore:
    """A debtor type the trainee met: mean score over its last calls and the severity weight of
    the trainee's findings in calls with it (weakest first in :class:`WeakSpots`)."""

    persona: str
    mean: float
    calls: int
    weight: int
    weak: bool


@dataclass(frozen=True)
class WeakSpots:
    trainee_id: int
    lang: str
    jurisdiction: str | None
    pass_mark: int
    scored_calls: int
    categories: tuple[CategoryWeight, ...]
    personas: tuple[PersonaScore, ...]
    played: tuple[str, ...]
    passed: tuple[str, ...]
    best: dict

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Recommendation:
    """The next scenario and why. Unpacks as ``scenario_id, reason = recommend_next(...)``.

    ``basis``: ``weak_spot``, ``new_type``, ``new_scenario``, ``lowest`` or ``first``.
    """

    scenario_id: str
    reason: str
    lang: str
    persona: str
    basis: str
    categories: tuple[str, ...] = ()

    def __iter__(self):
        return iter((self.scenario_id, self.reason))

    def to_dict(self) -> dict:
        return asdict(self)


def _most_common(values, default=None):
    counts = Counter(v for v in values if v)
    if not counts:
        return default
    return sorted(counts, key=lambda v: (-counts[v], v))[0]


def trainee_lang(store, trainee_id: int, default: str = "en") -> str:
    """The language the trainee practises most (their cohort's, if they have not practised;
    else ``default``)."""
    lang = _most_common(store.attempts_df(trainee_id)["lang"])
    if lang:
        return lang
    cohort_id = store.trainee(trainee_id).cohort_id
    if cohort_id is not None:
        lang = _most_common(store.attempts_df(cohort_id=cohort_id)["lang"])
    return lang or default


def weak_spots(store, trainee_id: int, *, pass_mark: int = 70) -> WeakSpots:
    """What the trainee should practise, from their recent scored calls."""
    attempts = store.attempts_df(trainee_id)
    scored = attempts[(attempts["status"] == "finished") & attempts["total"].notna()]
    recent = scored.tail(RECENT)
    violations = store.violations_df(trainee_id)
    violations = violations[violations["session_id"].isin(set(recent["session_id"]))]

    weight: Counter = Counter()
    counts: Counter = Counter()
    persona_weight: Counter = Counter()
    for category, severity, persona in zip(violations["category"], violations["severity"],
                                           violations["persona"]):
        w = SEVERITY_WEIGHT.get(severity, 1)
        weight[category] += w
        counts[category] += 1
        if persona:
            persona_weight[persona] += w
    categories = tuple(CategoryWeight(c, counts[c], weight[c])
                       for c in sorted(weight, key=lambda c: (-weight[c], -counts[c], c))[:3])

    totals: dict[str, list[int]] = defaultdict(list)
    for persona, total in zip(scored["persona"], scored["total"]):
        if persona:
            totals[persona].append(int(total))
    personas = []
    for persona, values in totals.items():
        last = values[-RECENT_PER_TYPE:]
        mean = sum(last) / len(last)
        personas.append(PersonaScore(persona, round(mean, 1), len(values),
                                     persona_weight[persona],
                                     mean < pass_mark or persona_weight[persona] >= 3))
    personas.sort(key=lambda p: (not p.weak, p.mean >= pass_mark, -p.weight, p.mean, p.persona))

    best: dict[str, int] = {}
    for scenario_id, total in zip(scored["scenario_id"], scored["total"]):
        if scenario_id:
            best[scenario_id] = max(best.get(scenario_id, 0), int(total))
    passed = [s for s, ok in zip(scored["scenario_id"], scored["passed"]) if s and bool(ok)]
    return WeakSpots(trainee_id, trainee_lang(store, trainee_id),
                     _most_common(scored["jurisdiction"]), pass_mark, len(scored),
                     categories, tuple(personas),
                     tuple(dict.fromkeys(s for s in attempts["scenario_id"] if s)),
                     tuple(dict.fromkeys(passed)), best)


def _scenarios(lang: str):
    from .scenarios import list_scenarios, load_scenario

    found = []
    for scenario_id in list_scenarios():
        try:
            found.append(load_scenario(scenario_id))
        except CollectkitError:
            continue  # a scenario being edited; the others still serve
    return [s for s in found if lang in s.langs] or found


def _persona_name(persona_id: str, lang: str) -> str:
    from .personas import load_persona

    try:
        return load_persona(persona_id).name(lang)
    except CollectkitError:
        return persona_id


def recommend_next(store, trainee_id: int, *, lang: str | None = None,
                   pass_mark: int = 70) -> Recommendation:
    """The scenario the trainee should play next, aimed at their weak spots, and why (in the
    trainee's language, or ``lang``).

    Order of choice: a scenario with the weakest debtor type (mean under the pass mark, or
    critical findings) not yet passed; with none weak (or none of the weak types in this
    language), a scenario not played yet (a new debtor type first); with everything played,
    the one with the lowest best score.
    """
    from .compliance.categories import category_label

    spots = weak_spots(store, trainee_id, pass_mark=pass_mark)
    lang = lang or spots.lang
    if lang not in REASONS:
        lang = "en"
    words = REASONS[lang]
    scenarios = _scenarios(lang)
    plays = Counter(store.attempts_df(trainee_id)["scenario_id"].dropna())
    played, passed = set(spots.played), set(spots.passed)
    home = spots.jurisdiction

    def fields(scenario) -> dict:
        return {"title": scenario.text("title", lang), "id": scenario.id,
                "persona": _persona_name(scenario.persona, lang)}

    def ready(scenario) -> bool:  # the call before it in a series was played
        return not scenario.previous or scenario.previous in played

    if spots.scored_calls == 0:
        first = sorted(scenarios, key=lambda s: (not ready(s), s.id in played, s.id))[0]
        return Recommendation(first.id, words["first"].format(**fields(first)), lang,
                              first.persona, "first")

    for weak in (p for p in spots.personas if p.weak):
        pool = [s for s in scenarios if s.persona == weak.persona]
        if not pool:
            continue
        pick = sorted(pool, key=lambda s: (s.id in passed, not ready(s),
                                           s.meta.jurisdiction != home, plays[s.id], s.id))[0]
        cats = [c.category for c in spots.categories]
        reason = words["weak"].format(mean=f"{weak.mean:.0f}", mark=pass_mark, **fields(pick))
        if cats:
            reason += words["cats"].format(
                cats=words["sep"].join(category_label(c, lang) for c in cats))
        return Recommendation(pick.id, reason + words["end"], lang, pick.persona, "weak_spot",
                              tuple(cats))

    met = {p.persona for p in spots.personas}
    weak = [p.persona for p in spots.personas if p.weak]
    fresh = [s for s in scenarios if s.id not in played]
    if fresh:
        pick = sorted(fresh, key=lambda s: (not ready(s), s.persona in met,
                                            s.meta.jurisdiction != home, s.id))[0]
        basis = "new_scenario" if pick.persona in met else "new_type"
        if weak:  # weak types exist, but no scenario in this language has them
            types = words["sep"].join(_persona_name(p, lang) for p in weak[:3])
            reason = words["elsewhere"].format(types=types, **fields(pick))
        else:
            reason = words[basis].format(**fields(pick))
        return Recommendation(pick.id, reason, lang, pick.persona, basis)

    pick = sorted(scenarios, key=lambda s: (spots.best.get(s.id, 0), s.id))[0]
    return Recommendation(pick.id, words["lowest"].format(best=spots.best.get(pick.id, 0),
                                                          **fields(pick)),
                          lang, pick.persona, "lowest")
