"""Charts: pure functions from pandas DataFrames to plotly Figures.

Every function takes the DataFrame that a ``ResultStore`` ``*_df()`` helper returns (or your
own with the same columns) and returns a ``plotly.graph_objects.Figure``; nothing is read from
or written to a store here. Column contracts:

=======================  ==================================================================
function                 columns it reads
=======================  ==================================================================
``learning_curve``       attempts: ``trainee``, ``finished_at``, ``total`` (``passed``)
``violation_heatmap``    violations: ``trainee``, ``category``
``technique_radar``      attempts: ``persona``, ``technique`` (``trainee`` to pick one)
``drill_pass_rate``      attempts: ``drill`` (or ``drill_id``), ``passed``
``state_curve``          states: ``turn`` and one column per hidden variable
``top_rules``            violations: ``rule`` (``category``)
=======================  ==================================================================
"""

from __future__ import annotations

LABELS = {
    "en": {"learning": "Learning curve", "score": "Score", "date": "Date",
           "heatmap": "Violations by category", "category": "Category", "trainee": "Trainee",
           "count": "Violations", "radar": "Technique by debtor type",
           "pass_rate": "Pass rate per drill", "drill": "Drill", "rate": "Pass rate",
           "states": "Hidden state over the call", "turn": "Turn", "value": "Level",
           "rules": "Rules broken most often", "rule": "Rule", "pass_mark": "Pass mark",
           "empty": "No data yet"},
    "zh-Hans": {"learning": "学习曲线", "score": "得分", "date": "日期",
                "heatmap": "各类违规次数", "category": "类别", "trainee": "学员",
                "count": "违规次数", "radar": "各类债务人的技巧得分",
                "pass_rate": "各演练通过率", "drill": "演练", "rate": "通过率",
                "states": "通话中的隐藏状态", "turn": "轮次", "value": "水平",
                "rules": "最常违反的规则", "rule": "规则", "pass_mark": "及格线",
                "empty": "暂无数据"},
    "zh-Hant": {"learning": "學習曲線", "score": "得分", "date": "日期",
                "heatmap": "各類違規次數", "category": "類別", "trainee": "學員",
                "count": "違規次數", "radar": "各類債務人的技巧得分",
                "pass_rate": "各演練通過率", "drill": "演練", "rate": "通過率",
                "states": "通話中的隱藏狀態", "turn": "輪次", "value": "程度",
                "rules": "最常違反的規則", "rule": "規則", "pass_mark": "及格線",
                "empty": "尚無資料"},
}
STATE_VARS = ("anger", "trust", "willingness", "ability", "promise_keeping", "distress")


def _go():
    import plotly.graph_objects as go
    return go


def _empty(title: str, lang: str):
    go = _go()
    fig = go.Figure()
    fig.update_layout(title=title, annotations=[dict(text=LABELS[lang]["empty"], showarrow=False,
                                                     xref="paper", yref="paper", x=0.5, y=0.5)])
    return fig


def _need(df, columns, name):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        from .errors import UsageError
        raise UsageError(f"{name} needs columns {missing}; it got {list(df.columns)}")


def learning_curve(attempts, *, pass_mark: int = 70, lang: str = "en"):
    """Each trainee's total score over time, with the pass mark."""
    t = LABELS[lang]
    if attempts.empty:
        return _empty(t["learning"], lang)
    _need(attempts, ["trainee", "finished_at", "total"], "learning_curve")
    go = _go()
    fig = go.Figure()
    for trainee, rows in attempts.sort_values("finished_at").groupby("trainee", sort=True):
        fig.add_trace(go.Scatter(x=rows["finished_at"], y=rows["total"], mode="lines+markers",
                                 name=str(trainee)))
    fig.add_hline(y=pass_mark, line_dash="dot", annotation_text=t["pass_mark"])
    fig.update_layout(title=t["learning"], xaxis_title=t["date"], yaxis_title=t["score"],
                      yaxis_range=[0, 100])
    return fig


def violation_heatmap(violations, *, lang: str = "en"):
    """Trainee by category: how often each trainee breaks each kind of rule."""
    t = LABELS[lang]
    if violations.empty:
        return _empty(t["heatmap"], lang)
    _need(violations, ["trainee", "category"], "violation_heatmap")
    table = violations.groupby(["trainee", "category"]).size().unstack(fill_value=0)
    go = _go()
    fig = go.Figure(go.Heatmap(z=table.values, x=list(table.columns), y=[str(i) for i in table.index],
                               colorscale="Reds", colorbar=dict(title=t["count"])))
    fig.update_layout(title=t["heatmap"], xaxis_title=t["category"], yaxis_title=t["trainee"])
    return fig


def technique_radar(attempts, *, trainee=None, lang: str = "en"):
    """Mean technique score per debtor type (for one trainee, or everyone)."""
    t = LABELS[lang]
    if trainee is not None and "trainee" in attempts:
        attempts = attempts[attempts["trainee"] == trainee]
    attempts = attempts.dropna(subset=["technique"]) if "technique" in attempts else attempts
    if attempts.empty:
        return _empty(t["radar"], lang)
    _need(attempts, ["persona", "technique"], "technique_radar")
    means = attempts.groupby("persona")["technique"].mean()
    go = _go()
    theta = list(means.index) + [means.index[0]]
    fig = go.Figure(go.Scatterpolar(r=list(means.values) + [means.values[0]], theta=theta,
                                    fill="toself", name=str(trainee or "all")))
    fig.update_layout(title=t["radar"], polar=dict(radialaxis=dict(range=[0, 100])))
    return fig


def drill_pass_rate(attempts, *, lang: str = "en"):
    """Share of attempts that passed, per drill."""
    t = LABELS[lang]
    key = "drill" if "drill" in attempts else "drill_id"
    attempts = attempts.dropna(subset=[key]) if key in attempts else attempts
    if attempts.empty:
        return _empty(t["pass_rate"], lang)
    _need(attempts, [key, "passed"], "drill_pass_rate")
    rates = attempts.groupby(key)["passed"].mean().astype(float).sort_index()
    go = _go()
    fig = go.Figure(go.Bar(x=[str(d) for d in rates.index], y=list(rates.values * 100)))
    fig.update_layout(title=t["pass_rate"], xaxis_title=t["drill"], yaxis_title=t["rate"] + " (%)",
                      yaxis_range=[0, 100])
    return fig


def state_curve(states, *, lang: str = "en"):
    """The hidden state over a role-play (``Debrief.to_dataframe()`` or ``states_df``)."""
    t = LABELS[lang]
    if states.empty:
        return _empty(t["states"], lang)
    _need(states, ["turn"], "state_curve")
    go = _go()
    fig = go.Figure()
    for var in STATE_VARS:
        if var in states:
            fig.add_trace(go.Scatter(x=states["turn"], y=states[var], mode="lines+markers", name=var))
    fig.update_layout(title=t["states"], xaxis_title=t["turn"], yaxis_title=t["value"],
                      yaxis_range=[0, 1])
    return fig


def top_rules(violations, *, n: int = 10, lang: str = "en"):
    """The rules broken most often."""
    t = LABELS[lang]
    if violations.empty:
        return _empty(t["rules"], lang)
    _need(violations, ["rule"], "top_rules")
    counts = violations["rule"].value_counts().head(n).sort_values()
    go = _go()
    fig = go.Figure(go.Bar(x=list(counts.values), y=list(counts.index), orientation="h"))
    fig.update_layout(title=t["rules"], xaxis_title=t["count"], yaxis_title=t["rule"])
    return fig
