"""The course's tracking side: which store to open, filtered frames and charts for a dashboard,
drills a supervisor builds again and again, and tables to review them.

>>> from collectkit.store import ResultStore
>>> store = ResultStore("sqlite:///:memory:", create=True)
>>> drill = ensure_drill(store, "Angry callers", ["us-aggressive-card"], pass_mark=75)
>>> ensure_drill(store, "Angry callers", ["us-aggressive-card"], pass_mark=75) == drill
True

Notebooks 06-08 open their store with :func:`course_store`: ``COLLECTKIT_DB`` if it is set,
else a small seeded demo cohort kept in the user's data folder (made once, in a few seconds).
The next scenario for self-paced practice is :func:`collectkit.recommend.recommend_next`.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError, UsageError
from .recommend import Recommendation, WeakSpots, recommend_next, trainee_lang, weak_spots

__all__ = ["course_store", "demo_path", "filter_frame", "date_span", "DateRange",
           "DashboardFrames", "dashboard_frames", "dashboard_figures", "dashboard_summary",
           "certification_table",
           "drill_report", "ensure_drill", "refresher_for", "cohort_drills", "weakest_trainees",
           "choose_trainee", "choose_cohort",
           "store_summary", "recommend_next", "Recommendation", "weak_spots", "WeakSpots",
           "trainee_lang", "DEMO"]

DEMO = {"trainees": 9, "days": 21, "seed": 7}
FIGURES = ("learning_curve", "violation_heatmap", "technique_radar", "drill_pass_rate",
           "top_rules")

HEADERS = {
    "en": {"trainee": "Trainee", "cohort": "Cohort", "drill": "Drill", "certified": "Certified on",
           "calls": "Calls", "mean_total": "Mean score", "pass_rate": "Passed (%)",
           "critical": "Critical findings", "top_category": "Most frequent problem",
           "attempts": "Attempts", "passed": "Passed", "remaining": "Still to pass",
           "best": "Best score"},
    "zh-Hans": {"trainee": "学员", "cohort": "班级", "drill": "演练", "certified": "认证日期",
                "calls": "通话数", "mean_total": "平均分", "pass_rate": "通过率 (%)",
                "critical": "严重违规", "top_category": "最常见的问题", "attempts": "尝试次数",
                "passed": "已通过", "remaining": "待通过", "best": "最高分"},
    "zh-Hant": {"trainee": "學員", "cohort": "班級", "drill": "演練", "certified": "認證日期",
                "calls": "通話數", "mean_total": "平均分", "pass_rate": "通過率 (%)",
                "critical": "嚴重違規", "top_category": "最常見的問題", "attempts": "嘗試次數",
                "passed": "已通過", "remaining": "待通過", "best": "最高分"},
}


def _headers(lang: str) -> dict:
    return HEADERS.get(lang, HEADERS["en"])


# ------------------------------------------------------------------ the course's store


def demo_path(trainees: int = DEMO["trainees"], days: int = DEMO["days"],
              seed: int = DEMO["seed"]) -> Path:
    """Where the demo cohort for these settings lives: the user's data folder (a temporary
    folder if that cannot be written). The name carries the settings and the schema version."""
    from platformdirs import user_data_dir

    from .store.models import SCHEMA_VERSION

    name = f"course-demo-v{SCHEMA_VERSION}-{trainees}x{days}-seed{seed}.sqlite"
    folder = Path(user_data_dir("collectkit"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder / name
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "collectkit" / name


def _build_demo(path: Path, trainees: int, days: int, seed: int) -> None:
    """Fill a new file next to ``path`` and move it in place at the end, so a kernel that
    stops half-way, or two kernels at once, never leave a half-filled demo behind."""
    from .demo import generate_demo
    from .store import ResultStore

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        store = ResultStore(f"sqlite:///{partial}", create=True)
        try:
            generate_demo(store, trainees=trainees, days=days, seed=seed)
        finally:
            store.dispose()
        with sqlite3.connect(partial) as conn:  # fold the WAL into the file before moving it
            conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        if not path.exists():  # another kernel may have finished first: keep its file
            os.replace(partial, path)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)


def course_store(url: str | os.PathLike | None = None, *, trainees: int = DEMO["trainees"],
                 days: int = DEMO["days"], seed: int = DEMO["seed"]):
    """The store the course notebooks use.

    ``url`` if given, else ``COLLECTKIT_DB`` if it is set (tables are created in an empty
    database); else a demo cohort of ``trainees`` simulated trainees over ``days`` days,
    generated once with ``seed`` (deterministic) into :func:`demo_path` and reused after.
    """
    from .store import ResultStore
    from .store.urls import ENV_VAR

    if url is not None or os.environ.get(ENV_VAR, "").strip():
        return ResultStore(url, create=True)
    path = demo_path(trainees, days, seed)
    if path.exists():
        try:
            return ResultStore(f"sqlite:///{path}")
        except StoreError:
            path.unlink()  # an unreadable demo is rebuilt; it holds nothing of the user's
    _build_demo(path, trainees, days, seed)
    return ResultStore(f"sqlite:///{path}")


def store_summary(store) -> dict:
    """Counts a notebook can print: cohorts, trainees, scored calls, drills, certifications."""
    attempts = store.attempts_df()
    return {"cohorts": len(store.cohorts()), "trainees": len(store.trainees()),
            "scored_calls": int(attempts["total"].notna().sum()), "drills": len(store.drills()),
            "certifications": len(store.certifications())}


# ------------------------------------------------------------------ filtering frames


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None
    end: dt.date | None


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"{value!r} is not a date", fix="write it as 2026-04-30") from None


def filter_frame(frame, *, cohort: str | None = None, start=None, end=None,
                 column: str = "started_at"):
    """Rows of a store frame for one cohort (by name) whose ``column`` falls on a day from
    ``start`` to ``end`` (both included; either may be ``None``). Returns a new frame.

    >>> import pandas as pd
    >>> calls = pd.DataFrame({"cohort": ["A", "A", "B"],
    ...                       "started_at": pd.to_datetime(["2026-01-05 09:00", "2026-01-09 17:30",
    ...                                                     "2026-01-06 10:00"])})
    >>> len(filter_frame(calls, cohort="A", start="2026-01-06", end="2026-01-09"))
    1
    """
    import pandas as pd

    start, end = _as_date(start), _as_date(end)
    if start and end and start > end:
        raise UsageError(f"the date range starts ({start}) after it ends ({end})",
                         fix="pick a start date on or before the end date")
    keep = pd.Series(True, index=frame.index)
    if cohort is not None:
        if "cohort" not in frame:
            raise UsageError(f"this frame has no 'cohort' column; it has {list(frame.columns)}")
        keep &= frame["cohort"] == cohort
    if start is not None or end is not None:
        if column not in frame:
            raise UsageError(f"this frame has no {column!r} column; it has {list(frame.columns)}")
        days = pd.to_datetime(frame[column]).dt.normalize()
        if start is not None:
            keep &= days >= pd.Timestamp(start)
        if end is not None:
            keep &= days <= pd.Timestamp(end)
    return frame[keep.fillna(False).astype(bool)].reset_index(drop=True)


def date_span(frame, column: str = "started_at") -> DateRange:
    """The first and last day in ``column`` (``DateRange(None, None)`` for an empty frame)."""
    import pandas as pd

    if frame.empty or column not in frame:
        return DateRange(None, None)
    times = pd.to_datetime(frame[column]).dropna()
    if times.empty:
        return DateRange(None, None)
    return DateRange(times.min().date(), times.max().date())


# ------------------------------------------------------------------ dashboard data


@dataclass(frozen=True)
class DashboardFrames:
    """What a dashboard shows for one cohort and date range. ``attempts`` are scored calls and
    scripts with a ``drill`` name column; ``certifications`` are not limited by date;
    ``drills`` is ``store.drills_df()`` (names and pass marks for the pass-rate chart)."""

    attempts: object
    violations: object
    certifications: object
    drills: object
    cohort: str | None
    dates: DateRange


def _drill_names(store) -> dict[int, str]:
    drills = store.drills()
    seen: dict[str, int] = {}
    for d in drills:
        seen[d.name] = seen.get(d.name, 0) + 1
    return {d.id: d.name if seen[d.name] == 1 else f"{d.name} (#{d.id})" for d in drills}


def dashboard_frames(store, *, cohort_id: int | None = None, start=None,
                     end=None) -> DashboardFrames:
    """The frames behind the supervisor dashboard: one cohort (or everyone), one date range."""
    import pandas as pd

    cohort = None
    if cohort_id is not None:
        names = {c.id: c.name for c in store.cohorts()}
        if cohort_id not in names:
            known = ", ".join(f"{i} ({n})" for i, n in names.items())
            raise UsageError(f"no cohort with id {cohort_id!r} in this store",
                             fix=f"pick one of: {known}")
        cohort = names[cohort_id]
    attempts = store.attempts_df(cohort_id=cohort_id)
    attempts = attempts[attempts["total"].notna()]
    attempts = filter_frame(attempts, start=start, end=end)
    names = _drill_names(store)
    attempts["drill"] = [None if pd.isna(d) else names.get(int(d)) for d in attempts["drill_id"]]
    violations = filter_frame(store.violations_df(cohort_id=cohort_id), start=start, end=end)
    certifications = store.certifications_df()
    if cohort is not None:
        certifications = filter_frame(certifications, cohort=cohort)
    return DashboardFrames(attempts, violations, certifications, store.drills_df(), cohort,
                           DateRange(_as_date(start), _as_date(end)))


def dashboard_figures(frames: DashboardFrames, *, lang: str = "en",
                      pass_mark: int = 70) -> dict:
    """The dashboard's charts, by name: learning curve, violation heatmap, technique radar,
    drill pass rate, top rules (plotly Figures; a chart with nothing to show says so)."""
    from . import charts

    return {"learning_curve": charts.learning_curve(frames.attempts, pass_mark=pass_mark,
                                                    lang=lang),
            "violation_heatmap": charts.violation_heatmap(frames.violations, lang=lang),
            "technique_radar": charts.technique_radar(frames.attempts, lang=lang),
            "drill_pass_rate": charts.drill_pass_rate(frames.attempts, drills=frames.drills,
                                                      lang=lang),
            "top_rules": charts.top_rules(frames.violations, lang=lang)}


def certification_table(certifications, *, lang: str = "en"):
    """Certifications for people to read: trainee, cohort, drill, the day (no clock time)."""
    import pandas as pd

    h = _headers(lang)
    days = pd.to_datetime(certifications["certified_at"]).dt.strftime("%Y-%m-%d")
    return pd.DataFrame({h["trainee"]: certifications["trainee"].astype(str),
                         h["cohort"]: certifications["cohort"].fillna("").astype(str),
                         h["drill"]: certifications["drill"].astype(str),
                         h["certified"]: days.fillna("")}).reset_index(drop=True)


# ------------------------------------------------------------------ drills


def ensure_drill(store, name: str, scenario_ids, pass_mark: int = 70, due=None, *,
                 created_by: str | None = None, notes: str | None = None) -> int:
    """The id of the normal drill with this name, scenarios, pass mark and due date, created if
    there is none yet, so a notebook that builds a drill can be run again without a copy."""
    ids = tuple(dict.fromkeys([scenario_ids] if isinstance(scenario_ids, str)
                              else list(scenario_ids or ())))
    due_date = _as_date(due)
    for drill in store.drills():
        if (drill.kind == "normal" and drill.name == (name or "").strip()
                and drill.scenario_ids == ids and drill.pass_mark == pass_mark
                and drill.due == due_date):
            return drill.id
    return store.create_drill(name, list(ids), pass_mark, due_date, created_by=created_by,
                              notes=notes)


def refresher_for(store, trainee_id: int, **options):
    """The trainee's refresher drill: the open one (assigned to them, not yet certified) if
    there is one, else a new one from ``store.refresher_drill(trainee_id, **options)``."""
    open_ones = [a.drill for a in store.assignments(trainee_id)
                 if a.drill.kind == "refresher" and a.via == "trainee" and a.certified_at is None]
    if open_ones:
        return open_ones[-1]
    return store.refresher_drill(trainee_id, **options)


def cohort_drills(store, cohort_id: int) -> list:
    """The drills assigned to a whole cohort (``DrillInfo``), oldest first."""
    people = store.trainees(cohort_id)
    if not people:
        return []
    return [a.drill for a in store.assignments(people[0].id) if a.via == "cohort"]


def drill_report(store, drill_id: int, *, lang: str = "en"):
    """One row per trainee of a drill: attempts, scenarios passed of all, those left, the best
    score, the day they were certified."""
    import pandas as pd

    h = _headers(lang)
    drill = store.drill(drill_id)
    rows = []
    for p in store.drill_progress(drill_id):
        rows.append({h["trainee"]: p.trainee, h["attempts"]: p.attempts,
                     h["passed"]: f"{len(p.passed)}/{len(drill.scenario_ids)}",
                     h["remaining"]: ", ".join(p.remaining),
                     h["best"]: max(p.best.values()) if p.best else "",
                     h["certified"]: p.certified_at.strftime("%Y-%m-%d") if p.certified_at
                     else ""})
    frame = pd.DataFrame(rows, columns=[h[k] for k in ("trainee", "attempts", "passed",
                                                        "remaining", "best", "certified")])
    return frame


# ------------------------------------------------------------------ people


def weakest_trainees(store, *, cohort_id: int | None = None, n: int = 5, lang: str = "en"):
    """The ``n`` trainees with the lowest mean score over their scored calls, with their pass
    rate, critical findings and most frequent problem (``trainee_id`` kept for the next call)."""
    import pandas as pd

    from .compliance.categories import category_label

    h = _headers(lang)
    attempts = store.attempts_df(cohort_id=cohort_id)
    attempts = attempts[attempts["total"].notna()]
    violations = store.violations_df(cohort_id=cohort_id)
    rows = []
    for trainee_id, calls in attempts.groupby("trainee_id", sort=True):
        found = violations[violations["trainee_id"] == trainee_id]["category"]
        top = found.value_counts().sort_index(kind="stable").sort_values(
            ascending=False, kind="stable")
        rows.append({"trainee_id": int(trainee_id), h["trainee"]: calls["trainee"].iloc[0],
                     h["cohort"]: calls["cohort"].iloc[0] or "",
                     h["calls"]: len(calls),
                     h["mean_total"]: round(float(calls["total"].mean()), 1),
                     h["pass_rate"]: round(100 * float(calls["passed"].astype(float).mean()), 1),
                     h["critical"]: int(calls["critical"].fillna(0).sum()),
                     h["top_category"]: category_label(top.index[0], lang) if len(top) else ""})
    frame = pd.DataFrame(rows, columns=["trainee_id", h["trainee"], h["cohort"], h["calls"],
                                        h["mean_total"], h["pass_rate"], h["critical"],
                                        h["top_category"]])
    frame = frame.sort_values([h["mean_total"], "trainee_id"], kind="stable").head(n)
    return frame.reset_index(drop=True)


def choose_trainee(store, trainee_id: int | None = None, *, lang: str | None = None) -> int:
    """``trainee_id`` if it is in the store; else the first trainee with scored calls who
    practises in ``lang``; else the first trainee. For notebooks that need someone to show."""
    if trainee_id is not None:
        return store.trainee(trainee_id).id
    people = store.trainees()
    if not people:
        raise UsageError("this store has no trainees yet",
                         fix="add one with store.add_trainee('Name'), or unset COLLECTKIT_DB "
                             "to use the demo cohort")
    attempts = store.attempts_df()
    scored = attempts[attempts["total"].notna()]
    for person in people:
        mine = scored[scored["trainee_id"] == person.id]
        if not mine.empty and (lang is None or trainee_lang(store, person.id) == lang):
            return person.id
    return people[0].id


def dashboard_summary(frames: DashboardFrames) -> dict:
    """Headline numbers for the dashboard: scored calls, trainees, pass rate, critical findings,
    certifications."""
    attempts = frames.attempts
    calls = len(attempts)
    rate = round(100 * float(attempts["passed"].astype(float).mean()), 1) if calls else None
    return {"calls": calls, "trainees": int(attempts["trainee_id"].nunique()),
            "pass_rate": rate, "critical": int(attempts["critical"].fillna(0).sum()),
            "certifications": len(frames.certifications)}


def choose_cohort(store, cohort_id: int | None = None, *, lang: str | None = None) -> int:
    """``cohort_id`` if it is in the store; else the cohort whose calls are most often in
    ``lang``; else the first cohort."""
    cohorts = store.cohorts()
    if cohort_id is not None:
        if cohort_id not in [c.id for c in cohorts]:
            raise UsageError(f"no cohort with id {cohort_id!r} in this store")
        return cohort_id
    if not cohorts:
        raise UsageError("this store has no cohorts yet",
                         fix="add one with store.add_cohort('Name'), or unset COLLECTKIT_DB "
                             "to use the demo cohort")
    if lang is not None:
        attempts = store.attempts_df()
        counts = attempts[attempts["lang"] == lang]["cohort"].value_counts()
        names = {c.name: c.id for c in cohorts}
        for name in sorted(counts.index, key=lambda n: (-counts[n], str(n))):
            if name in names:
                return names[name]
    return cohorts[0].id
