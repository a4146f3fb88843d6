"""Demo data: a simulated cohort whose calls are real role-plays played through the engine.

Each simulated trainee has a starting skill and a learning rate. For every call the trainee
follows a plan built from the coaching rubric's model lines (what a skilled collector says for
this debtor type); at each step they say the model line with probability = their skill on that
day, otherwise a pushy or generic line, and now and then a line that breaks a rule (taken from
the rule files' own violating examples). The lines are played through :class:`Session`, scored
and recorded, so every chart shows what the engine and checker really made of them.

    collectkit demo --trainees 30 --days 60
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Callable

from .text import lang_group

NAMES = {
    "en": ["Ana Ruiz", "Ben Carter", "Chloe Park", "Dev Patel", "Emma Lowe", "Felix Grant",
           "Grace Kim", "Hugo Silva", "Iris Chen", "Jack Moore", "Kara Singh", "Liam Ortiz"],
    "zh-Hans": ["王丽", "李强", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄婷", "周杰", "吴芳"],
    "zh-Hant": ["林怡君", "陳志明", "黃淑芬", "張家豪", "李雅婷", "王建宏", "吳佩珊", "蔡宗翰"],
}
PUSHY = {
    "en": ["You owe the full balance. When are you paying?", "I need the whole amount today.",
           "That's not my problem. The balance is due.", "Just tell me when you'll pay."],
    "zh-Hans": ["你欠的钱今天必须全部还清。", "这不是我的问题，钱必须还。", "你就说什么时候还吧。",
                "别找理由了，马上还款。"],
    "zh-Hant": ["你欠的錢今天一定要全部繳清。", "這不是我的問題，錢一定要繳。", "你就說什麼時候繳吧。",
                "不要找理由了，馬上繳款。"],
}
DEMO_COHORTS = {"en": "US onboarding", "zh-Hans": "大陆新人班", "zh-Hant": "台灣新人班"}
MINI_MIRANDA = "This is an attempt to collect a debt, and any information obtained will be used for that purpose."


@dataclass
class SimTrainee:
    name: str
    lang: str
    skill: float          # probability of the model line on day 0
    rate: float           # skill gained per day
    unlawful: float       # chance per step of an unlawful line at skill 0

    def skill_on(self, day: int) -> float:
        return min(0.97, self.skill + self.rate * day)


def _model_lines(persona: str, lang: str, regime: str) -> list[str]:
    from .scoring.rubric import _better, rubric

    data = rubric()
    third_party = persona in ("wrong_party", "deceased_relative")
    steps = data["structure"]["third_party" if third_party else "default"]
    lines = []
    first = _better(data["structure"]["steps"]["identify"], lang)
    if regime == "US" and lang == "en" and not third_party:
        first = f"{first} {MINI_MIRANDA}"
    lines.append(first)
    if "verify" in steps:
        lines.append(_better(data["structure"]["steps"]["verify"], lang))
    checks = data["technique"].get(persona) or data["technique"]["default"]
    for check in checks:
        if check["kind"] not in ("absent", "count_at_most", "absent_after"):
            line = _better(check, lang)
            if line:
                lines.append(line)
    lines.append(_better(data["structure"]["steps"]["close"], lang))
    return lines


def _unlawful_lines(regime: str, lang: str) -> list[str]:
    from .compliance import default_catalog

    group = lang_group(lang)
    return [e.text for r in default_catalog().regime(regime) for e in r.examples
            if e.expect == "violating" and e.text and not e.meta and not e.known_miss
            and r.scope == "turn" and lang_group(e.text) == group]


def plan_call(persona: str, lang: str, regime: str, skill: float, unlawful: float,
              rng: random.Random) -> list[str]:
    """The lines a trainee of this skill says in one call."""
    good = _model_lines(persona, lang, regime)
    bad_pool = _unlawful_lines(regime, lang)
    out = [good[0] if rng.random() < max(skill, 0.6) else rng.choice(PUSHY[lang])]
    for line in good[1:]:
        roll = rng.random()
        if roll < skill:
            out.append(line)
        elif bad_pool and roll < skill + unlawful * (1 - skill):
            out.append(rng.choice(bad_pool))
        elif rng.random() < 0.5:
            out.append(rng.choice(PUSHY[lang]))
    return out


def demo_cohorts(store) -> list:
    """The demo's cohorts that already have trainees in ``store`` (empty: no demo data)."""
    names = set(DEMO_COHORTS.values())
    return [c for c in store.cohorts() if c.name in names and store.trainees(c.id)]


def generate_demo(store, *, trainees: int = 30, days: int = 60, seed: int = 0,
                  start: dt.date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> dict:
    """Fill ``store`` with a simulated cohort; returns counts. Deterministic for a seed."""
    from sqlalchemy import update

    from .engine import Session
    from .scenarios import list_scenarios, load_scenario
    from .store.models import SessionRow

    rng = random.Random(seed)
    start = start or dt.date(2026, 1, 5)
    scenarios = [load_scenario(s) for s in list_scenarios()]
    cohorts = {lang: store.add_cohort(name) for lang, name in DEMO_COHORTS.items()}
    people = []
    langs = ["en", "zh-Hans", "zh-Hant"]
    for i in range(trainees):
        lang = langs[i % 3]
        name = NAMES[lang][(i // 3) % len(NAMES[lang])]
        if i // 3 >= len(NAMES[lang]):
            name = f"{name} {i // 3 // len(NAMES[lang]) + 1}"
        sim = SimTrainee(name, lang, skill=rng.uniform(0.15, 0.6), rate=rng.uniform(0.002, 0.012),
                         unlawful=rng.uniform(0.05, 0.35))
        people.append((store.add_trainee(name, cohort_id=cohorts[lang]), sim))
    drill_ids = {}
    for lang in langs:
        pool = [s.id for s in scenarios if lang in s.langs][:3]
        if pool:
            name = {"en": "First-call essentials", "zh-Hans": "首通电话基本功",
                    "zh-Hant": "首通電話基本功"}[lang]
            drill_ids[lang] = store.create_drill(name, pool, pass_mark=70,
                                                 due=start + dt.timedelta(days=days))
            store.assign(drill_ids[lang], cohort_id=cohorts[lang])
    plan = []
    for trainee_id, sim in people:
        day = rng.randint(0, 2)
        while day < days:
            plan.append((day, trainee_id, sim))
            day += rng.randint(2, 4)
    plan.sort(key=lambda item: (item[0], item[1]))
    sessions = 0
    for n, (day, trainee_id, sim) in enumerate(plan, start=1):
        choices = [s for s in scenarios if sim.lang in s.langs]
        drill = drill_ids.get(sim.lang)
        drill_pool = store.drill(drill).scenario_ids if drill else []
        scenario = rng.choice(choices)
        use_drill = drill if scenario.id in drill_pool else None
        session = Session(scenario, seed=rng.randint(0, 10_000), lang=sim.lang)
        row = store.record(session, trainee_id, drill_id=use_drill)
        session.play(plan_call(scenario.persona, sim.lang, scenario.meta.jurisdiction,
                               sim.skill_on(day), sim.unlawful, rng))
        store.finish(session)
        begun = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(9)) + \
            dt.timedelta(minutes=rng.randint(0, 8 * 60))
        with store._tx() as db:
            db.execute(update(SessionRow).where(SessionRow.id == row).values(
                started_at=begun, finished_at=begun + dt.timedelta(minutes=rng.randint(3, 12))))
        sessions += 1
        if progress:
            progress(n, len(plan))
    return {"trainees": len(people), "cohorts": len(cohorts), "sessions": sessions,
            "drills": len(drill_ids)}
