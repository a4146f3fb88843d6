"""Charts: pure functions from pandas DataFrames to plotly Figures.

Every function takes the DataFrame that a ``ResultStore`` ``*_df()`` helper returns (or your
own with the same columns) and returns a ``plotly.graph_objects.Figure``; nothing is read from
or written to a store here. Column contracts:

=======================  ==================================================================
function                 columns it reads (in brackets: used when present)
=======================  ==================================================================
``learning_curve``       attempts: ``trainee``, ``finished_at``, ``total``
                         (``trainee_id`` tells apart two people of one name; ``passed``
                         draws failed calls as open markers)
``violation_heatmap``    violations: ``trainee``, ``category`` (``trainee_id``)
``technique_radar``      attempts: ``persona``, ``technique`` (``trainee``/``trainee_id``
                         to pick one trainee)
``drill_pass_rate``      attempts: ``drill_id`` (or ``drill``), ``passed``; with
                         ``drills=store.drills_df()`` also ``total`` and ``critical``, so
                         each drill is named and judged at its own pass mark
``state_curve``          states: ``turn`` and one column per hidden variable
                         (``session_id`` and ``step`` as in ``states_df``)
``top_rules``            violations: ``rule`` (``category`` in the hover text)
=======================  ==================================================================

Rows without a score (calls still open or closed unscored) are left out. Text that comes from
users (trainee names) is shown as text: plotly reads ``<b>`` and friends as markup, so such
labels are entity-escaped (plotly turns ``&lt;`` back into ``<`` on screen).
"""

from __future__ import annotations

import numbers

LABELS = {
    "en": {"learning": "Learning curve", "score": "Score", "date": "Date",
           "heatmap": "Violations by category", "category": "Category", "trainee": "Trainee",
           "count": "Violations", "radar": "Technique by debtor type",
           "pass_rate": "Pass rate per drill", "drill": "Drill", "rate": "Pass rate",
           "states": "Hidden state over the call", "turn": "Turn", "value": "Level",
           "rules": "Rules broken most often", "rule": "Rule", "pass_mark": "Pass mark",
           "empty": "No data yet", "all": "everyone", "passed": "passed", "failed": "failed"},
    "zh-Hans": {"learning": "学习曲线", "score": "得分", "date": "日期",
                "heatmap": "各类违规次数", "category": "类别", "trainee": "学员",
                "count": "违规次数", "radar": "各类债务人的技巧得分",
                "pass_rate": "各演练通过率", "drill": "演练", "rate": "通过率",
                "states": "通话中的隐藏状态", "turn": "轮次", "value": "水平",
                "rules": "最常违反的规则", "rule": "规则", "pass_mark": "及格线",
                "empty": "暂无数据", "all": "全体", "passed": "通过", "failed": "未通过"},
    "zh-Hant": {"learning": "學習曲線", "score": "得分", "date": "日期",
                "heatmap": "各類違規次數", "category": "類別", "trainee": "學員",
                "count": "違規次數", "radar": "各類債務人的技巧得分",
                "pass_rate": "各演練通過率", "drill": "演練", "rate": "通過率",
                "states": "通話中的隱藏狀態", "turn": "輪次", "value": "程度",
                "rules": "最常違反的規則", "rule": "規則", "pass_mark": "及格線",
                "empty": "尚無資料", "all": "全體", "passed": "通過", "failed": "未通過"},
}
STATE_VARS = ("anger", "trust", "willingness", "ability", "promise_keeping", "distress")




def _go():
    import plotly.graph_objects as go
    return go


def _text(value) -> str:
    """A label plotly shows as written: its pseudo-HTML (``<b>``, ``<a href>``) is escaped."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _empty(title: str, lang: str):
    go = _go()
    fig = go.Figure()
    fig.update_layout(title=title, annotations=[dict(text=LABELS[lang]["empty"], showarrow=False,
                                                     xref="paper", yref="paper", x=0.5, y=0.5)],
                      xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


def _need(df, columns, name):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        from .errors import UsageError
        raise UsageError(f"{name} needs columns {missing}; it got {list(df.columns)}")


def _people(frame):
    """(key, label) per trainee: by ``trainee_id`` when there is one, so two trainees with one
    name stay two lines; the label gets ``#id`` only when names clash."""
    if "trainee_id" not in frame or frame["trainee_id"].isna().all():
        return [(name, name, frame[frame["trainee"] == name])
                for name in sorted(frame["trainee"].dropna().unique(), key=str)]
    names = frame.groupby("trainee_id")["trainee"].first()
    clash = names.duplicated(keep=False)
    out = []
    for trainee_id, rows in frame.groupby("trainee_id", sort=True):
        name = names[trainee_id]
        out.append((trainee_id, f"{name} #{trainee_id}" if clash[trainee_id] else str(name), rows))
    return out


def learning_curve(attempts, *, pass_mark: int = 70, lang: str = "en"):
    """Each trainee's total score over time, with the pass mark.

    >>> fig = learning_curve(store.attempts_df(cohort_id=1))
    """
    t = LABELS[lang]
    if attempts.empty:
        return _empty(t["learning"], lang)
    _need(attempts, ["trainee", "finished_at", "total"], "learning_curve")
    scored = attempts.dropna(subset=["finished_at", "total"]).sort_values("finished_at")
    if scored.empty:
        return _empty(t["learning"], lang)
    go = _go()
    fig = go.Figure()
    for _, label, rows in _people(scored):
        trace = dict(x=rows["finished_at"], y=rows["total"].astype(float), mode="lines+markers",
                     name=_text(label))
        if "passed" in rows:
            passed = rows["passed"].fillna(False).astype(bool)
            trace["marker"] = dict(symbol=["circle" if p else "circle-open" for p in passed],
                                   size=8)
            trace["text"] = [t["passed"] if p else t["failed"] for p in passed]
        fig.add_trace(go.Scatter(**trace))
    fig.add_hline(y=pass_mark, line_dash="dot", annotation_text=t["pass_mark"])
    fig.update_layout(title=t["learning"], xaxis_title=t["date"], yaxis_title=t["score"],
                      yaxis_range=[0, 100], showlegend=True,  # who it is, even when alone
                      legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def violation_heatmap(violations, *, lang: str = "en"):
    """Trainee by category: how often each trainee breaks each kind of rule."""
    t = LABELS[lang]
    if violations.empty:
        return _empty(t["heatmap"], lang)
    _need(violations, ["trainee", "category"], "violation_heatmap")
    people = _people(violations)
    categories = sorted(violations["category"].dropna().unique(), key=str)
    z = [[int((rows["category"] == c).sum()) for c in categories] for _, _, rows in people]
    go = _go()
    fig = go.Figure(go.Heatmap(z=z, x=[_text(c) for c in categories],
                               y=[_text(label) for _, label, _ in people],
                               colorscale="Reds", colorbar=dict(title=t["count"])))
    # Every trainee gets a readable row; the long category names need room below the grid.
    fig.update_layout(title=t["heatmap"], xaxis_title=t["category"], yaxis_title=t["trainee"],
                      height=max(420, 260 + 24 * len(people)),
                      xaxis=dict(tickangle=-40, automargin=True),
                      yaxis=dict(dtick=1, automargin=True))
    return fig


def technique_radar(attempts, *, trainee=None, lang: str = "en"):
    """Mean technique score per debtor type, for everyone or one trainee (a name, or an id
    matched against ``trainee_id``)."""
    t = LABELS[lang]
    if trainee is not None and not attempts.empty:
        by_id = (isinstance(trainee, numbers.Integral) and not isinstance(trainee, bool)
                 and "trainee_id" in attempts)
        _need(attempts, ["trainee_id" if by_id else "trainee"], "technique_radar")
        attempts = attempts[attempts["trainee_id" if by_id else "trainee"] == trainee]
        if by_id and not attempts.empty:
            trainee = attempts["trainee"].iloc[0] if "trainee" in attempts else trainee
    if attempts.empty:
        return _empty(t["radar"], lang)
    _need(attempts, ["persona", "technique"], "technique_radar")
    attempts = attempts.dropna(subset=["persona", "technique"])
    if attempts.empty:
        return _empty(t["radar"], lang)
    means = attempts.groupby("persona")["technique"].mean().astype(float)
    go = _go()
    theta = [str(p) for p in means.index]
    values = [float(v) for v in means.values]
    fig = go.Figure(go.Scatterpolar(r=values + values[:1], theta=theta + theta[:1],
                                    fill="toself",
                                    name=_text(trainee if trainee is not None else t["all"])))
    fig.update_layout(title=t["radar"], polar=dict(radialaxis=dict(range=[0, 100])))
    return fig


def drill_pass_rate(attempts, *, drills=None, lang: str = "en"):
    """Share of finished drill attempts that passed, per drill (in percent).

    Without ``drills`` an attempt passes as stored (the scenario's pass mark); with
    ``drills=store.drills_df()`` the bars carry the drills' names and an attempt passes at its
    drill's pass mark with no critical violation, as certification judges it.
    """
    t = LABELS[lang]
    key = "drill_id" if "drill_id" in attempts else "drill"
    if attempts.empty:
        return _empty(t["pass_rate"], lang)
    _need(attempts, [key, "passed"], "drill_pass_rate")
    rows = attempts.dropna(subset=[key, "passed"])
    if rows.empty:
        return _empty(t["pass_rate"], lang)
    passed = rows["passed"].astype(bool)
    names = {}
    if drills is not None and not drills.empty and key == "drill_id":
        _need(drills, ["drill_id", "name", "pass_mark"], "drill_pass_rate (drills)")
        _need(rows, ["total", "critical"], "drill_pass_rate")
        marks = dict(zip(drills["drill_id"].astype(int), drills["pass_mark"].astype(int)))
        mark = rows[key].astype(int).map(marks)
        passed = (rows["critical"].fillna(1) == 0) & (rows["total"].fillna(-1) >= mark.fillna(101))
        passed = passed.astype(bool)
        known = drills.set_index(drills["drill_id"].astype(int))["name"].astype(str)
        clash = known.duplicated(keep=False)
        names = {d: f"{n} #{d}" if clash[d] else n for d, n in known.items()}
    rates = passed.groupby(rows[key]).agg(["mean", "size"]).sort_index()
    go = _go()
    labels = [_text(names.get(int(d), d) if key == "drill_id" else d) for d in rates.index]
    fig = go.Figure(go.Bar(x=labels, y=[float(v) * 100 for v in rates["mean"]],
                           text=[f"{float(v) * 100:.0f}% ({n})" for v, n in
                                 zip(rates["mean"], rates["size"])],
                           textposition="outside", cliponaxis=False))
    fig.update_layout(title=t["pass_rate"], xaxis_title=t["drill"], yaxis_title=t["rate"] + " (%)",
                      yaxis_range=[0, 100])
    return fig


def state_curve(states, *, session_id: int | None = None, lang: str = "en"):
    """The hidden state over one role-play (``Debrief.to_dataframe()`` or ``states_df``).

    ``states_df()`` of a whole store holds many calls: pass ``session_id`` (or ask
    ``store.states_df(session_id)``). The state before the first line sits at turn -1.
    """
    t = LABELS[lang]
    if session_id is not None and "session_id" in states:
        states = states[states["session_id"] == session_id]
    if states.empty:
        return _empty(t["states"], lang)
    _need(states, ["turn"], "state_curve")
    if "session_id" in states and states["session_id"].nunique() > 1:
        from .errors import UsageError
        raise UsageError(f"state_curve draws one call; these states come from "
                         f"{states['session_id'].nunique()} calls",
                         fix="pass session_id=... or use store.states_df(session_id)")
    if "step" in states:
        states = states.sort_values("step")
    turns = states["turn"].astype("Float64").fillna(-1).astype(int)
    go = _go()
    fig = go.Figure()
    for var in STATE_VARS:
        if var in states:
            fig.add_trace(go.Scatter(x=list(turns), y=states[var].astype(float),
                                     mode="lines+markers", name=var))
    fig.update_layout(title=t["states"], xaxis_title=t["turn"], yaxis_title=t["value"],
                      yaxis_range=[0, 1])
    return fig


def top_rules(violations, *, n: int = 10, lang: str = "en"):
    """The ``n`` rules broken most often, the most frequent at the top."""
    t = LABELS[lang]
    if violations.empty:
        return _empty(t["rules"], lang)
    _need(violations, ["rule"], "top_rules")
    rules = violations.dropna(subset=["rule"])
    counts = rules["rule"].value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable").head(n)[::-1]
    hover = None
    if "category" in rules:
        category = rules.groupby("rule")["category"].first()
        hover = [_text(category.get(r, "")) for r in counts.index]
    go = _go()
    fig = go.Figure(go.Bar(x=[int(v) for v in counts.values], y=[_text(r) for r in counts.index],
                           orientation="h", hovertext=hover))
    fig.update_layout(title=t["rules"], xaxis_title=t["count"], yaxis_title=t["rule"])
    return fig
