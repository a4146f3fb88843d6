"""Supervisor dashboard: a cohort's charts over a date range, drills to create and assign,
refresher drills for one trainee, drill progress and certifications. Serve it with Voilà
(``make dashboard``): no code needed to use it.
"""

from __future__ import annotations

from html import escape

from ..errors import CollectkitError, UsageError
from .html import error_html

TEXT = {
    "en": {"title": "Team dashboard", "cohort": "Cohort", "all": "All cohorts", "from": "From",
           "to": "To", "summary": "{calls} scored calls · {trainees} trainees · passed {rate} · "
           "{critical} critical findings · {certs} certifications",
           "charts": "Progress and weak spots", "drills": "Create and assign a drill",
           "name": "Name", "scenarios": "Scenarios", "pass_mark": "Pass mark", "due": "Due",
           "assign_to": "Assign to", "to_cohort": "cohort", "to_trainee": "trainee",
           "target": "Who", "create": "Create and assign",
           "created": "Created drill #{id} “{name}” and assigned it to {target}.",
           "refresher": "Refresher drill for one trainee", "trainee": "Trainee",
           "build": "Build refresher drill",
           "built": "Refresher drill #{id} “{name}” is assigned to {trainee}.",
           "progress": "Drill progress", "drill": "Drill", "certs": "Certifications",
           "no_certs": "No certifications yet.", "no_drills": "No drills yet.",
           "nobody": "No one has attempted this drill yet."},
    "zh-Hans": {"title": "团队看板", "cohort": "班级", "all": "全部班级", "from": "从", "to": "到",
                "summary": "计分通话 {calls} 通 · 学员 {trainees} 人 · 通过率 {rate} · "
                "严重违规 {critical} 次 · 认证 {certs} 个",
                "charts": "进度与薄弱环节", "drills": "创建并分配演练", "name": "名称",
                "scenarios": "情景", "pass_mark": "及格线", "due": "截止", "assign_to": "分配给",
                "to_cohort": "班级", "to_trainee": "学员", "target": "对象",
                "create": "创建并分配",
                "created": "已创建演练 #{id}「{name}」，并分配给 {target}。",
                "refresher": "为学员生成复训演练", "trainee": "学员", "build": "生成复训演练",
                "built": "复训演练 #{id}「{name}」已分配给 {trainee}。",
                "progress": "演练进度", "drill": "演练", "certs": "认证",
                "no_certs": "还没有认证。", "no_drills": "还没有演练。",
                "nobody": "还没有人练习这个演练。"},
    "zh-Hant": {"title": "團隊儀表板", "cohort": "班級", "all": "全部班級", "from": "從", "to": "到",
                "summary": "計分通話 {calls} 通 · 學員 {trainees} 人 · 通過率 {rate} · "
                "嚴重違規 {critical} 次 · 認證 {certs} 個",
                "charts": "進度與弱項", "drills": "建立並指派演練", "name": "名稱",
                "scenarios": "情境", "pass_mark": "及格線", "due": "截止", "assign_to": "指派給",
                "to_cohort": "班級", "to_trainee": "學員", "target": "對象",
                "create": "建立並指派",
                "created": "已建立演練 #{id}「{name}」，並指派給 {target}。",
                "refresher": "為學員產生複訓演練", "trainee": "學員", "build": "產生複訓演練",
                "built": "複訓演練 #{id}「{name}」已指派給 {trainee}。",
                "progress": "演練進度", "drill": "演練", "certs": "認證",
                "no_certs": "還沒有認證。", "no_drills": "還沒有演練。",
                "nobody": "還沒有人練習這個演練。"},
}
_UNSET = object()
EVERYONE = 0  # the cohort picker's "all cohorts" (a Dropdown reads None as "nothing picked")


def _table(frame, empty: str) -> str:
    if frame.empty:
        return f"<p class='ck-empty'>{escape(empty)}</p>"
    frame = frame.astype(object).where(frame.notna(), "")
    return frame.to_html(index=False, escape=True, na_rep="", border=0,
                         classes="ck-table")


def _ok(message: str) -> str:
    return f"<div class='ck-ok' style='color:#1b5e20'>✓ {escape(message)}</div>"


class SupervisorDashboard:
    """Charts for a cohort and a date range; drills, refreshers and certifications.

    Drive it from code::

        dash = SupervisorDashboard(store)
        dash.filter(cohort_id=1, start="2026-01-05", end="2026-01-31")
        dash.figures["learning_curve"]           # plotly Figures as shown
        dash.create_drill("Angry callers", ["us-aggressive-card"], 75, cohort_id=1)
        dash.build_refresher(trainee_id=3)       # DrillInfo of the trainee's refresher
        dash.certifications                      # the certification table (DataFrame)
    """

    CHART_HEIGHT = 380

    def __init__(self, store, *, lang: str = "en", pass_mark: int = 70):
        import ipywidgets as w

        from ..tracking import date_span

        self.store = store
        self.lang = lang if lang in TEXT else "en"
        self.t = t = TEXT[self.lang]
        self.pass_mark = pass_mark
        self.frames = None
        self.figures: dict = {}
        self.certifications = None
        self._quiet = False

        self.cohort = w.Dropdown(description=t["cohort"])
        self.start = w.DatePicker(description=t["from"])
        self.end = w.DatePicker(description=t["to"])
        self.summary = w.HTML()
        self.error = w.HTML()
        self.charts = {name: w.Output(layout=w.Layout(width="49%", min_height="200px"))
                       for name in ("learning_curve", "violation_heatmap", "technique_radar",
                                    "drill_pass_rate", "top_rules")}

        self.drill_name = w.Text(description=t["name"], layout=w.Layout(width="420px"))
        self.drill_scenarios = w.SelectMultiple(description=t["scenarios"], rows=8,
                                                layout=w.Layout(width="560px"))
        self.drill_pass_mark = w.BoundedIntText(value=70, min=0, max=100,
                                                description=t["pass_mark"])
        self.drill_due = w.DatePicker(description=t["due"])
        self.assign_kind = w.ToggleButtons(options=[(t["to_cohort"], "cohort"),
                                                    (t["to_trainee"], "trainee")],
                                           description=t["assign_to"])
        self.assign_target = w.Dropdown(description=t["target"])
        self.create_button = w.Button(description=t["create"], button_style="primary")
        self.drill_message = w.HTML()

        self.refresher_trainee = w.Dropdown(description=t["trainee"])
        self.refresher_button = w.Button(description=t["build"], button_style="info")
        self.refresher_message = w.HTML()

        self.progress_drill = w.Dropdown(description=t["drill"], layout=w.Layout(width="420px"))
        self.progress_table = w.HTML()
        self.cert_table = w.HTML()

        def head(key):
            return w.HTML(f"<h3>{escape(t[key])}</h3>")

        self.widget = w.VBox([
            w.HTML(f"<h2>{escape(t['title'])}</h2>"),
            w.HBox([self.cohort, self.start, self.end]), self.summary, self.error,
            head("charts"),
            w.Box(list(self.charts.values()),
                  layout=w.Layout(display="flex", flex_flow="row wrap",
                                  justify_content="space-between")),
            head("drills"), self.drill_name, self.drill_scenarios,
            w.HBox([self.drill_pass_mark, self.drill_due]),
            self.assign_kind, w.HBox([self.assign_target, self.create_button]),
            self.drill_message,
            head("refresher"), w.HBox([self.refresher_trainee, self.refresher_button]),
            self.refresher_message,
            head("progress"), self.progress_drill, self.progress_table,
            head("certs"), self.cert_table])
        self.widget.add_class("ck-dashboard")

        self._fill_scenarios()
        try:
            span = date_span(store.attempts_df())
            self._fill_people()
        except CollectkitError as exc:
            self._fail(exc)
            return
        self._quiet = True
        self.start.value, self.end.value = span.start, span.end
        self._quiet = False
        for picker in (self.cohort, self.start, self.end):
            picker.observe(self._on_filter, names="value")
        self.assign_kind.observe(lambda _: self._fill_targets(), names="value")
        self.progress_drill.observe(lambda _: self._show_progress(), names="value")
        self.create_button.on_click(lambda _: self.create_drill())
        self.refresher_button.on_click(lambda _: self.build_refresher())
        self.refresh()

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)

    def _fail(self, exc: Exception, where=None) -> None:
        (where or self.error).value = error_html(str(exc))

    # ------------------------------------------------------------------ pickers

    def _fill_scenarios(self) -> None:
        from ..scenarios import list_scenarios, load_scenario

        options = []
        for scenario_id in list_scenarios():
            try:
                title = load_scenario(scenario_id).text("title", self.lang)
            except CollectkitError:
                continue  # a scenario file being edited is left out
            options.append((f"{scenario_id} · {title}", scenario_id))
        self.drill_scenarios.options = options

    def _fill_people(self) -> None:
        t = self.t
        self._quiet = True
        try:
            chosen = self.cohort.value
            cohorts = self.store.cohorts()
            self.cohort.options = [(t["all"], EVERYONE)] + [(c.name, c.id) for c in cohorts]
            self.cohort.value = chosen if chosen in [c.id for c in cohorts] else EVERYONE
        finally:
            self._quiet = False
        self._fill_targets()
        self._fill_trainees()

    @property
    def cohort_id(self) -> int | None:
        """The picked cohort's id (``None``: all cohorts)."""
        value = self.cohort.value
        return None if value in (None, EVERYONE) else value

    def _people(self):
        return self.store.trainees(self.cohort_id)

    def _fill_trainees(self) -> None:
        people = [(f"{p.name} ({p.cohort})" if p.cohort else p.name, p.id) for p in self._people()]
        chosen = self.refresher_trainee.value
        self.refresher_trainee.options = people
        if chosen in [value for _, value in people]:
            self.refresher_trainee.value = chosen

    def _fill_targets(self) -> None:
        if self.assign_kind.value == "cohort":
            options = [(c.name, c.id) for c in self.store.cohorts()]
            preferred = self.cohort_id
        else:
            options = [(f"{p.name} ({p.cohort})" if p.cohort else p.name, p.id)
                       for p in self._people()]
            preferred = None
        self.assign_target.options = options
        ids = [value for _, value in options]
        self.assign_target.value = preferred if preferred in ids else (ids[0] if ids else None)

    def _fill_drills(self) -> None:
        drills = self.store.drills()
        chosen = self.progress_drill.value
        self.progress_drill.options = [(f"#{d.id} {d.name}", d.id) for d in drills]
        ids = [d.id for d in drills]
        if chosen in ids:
            self.progress_drill.value = chosen
        elif ids:
            self.progress_drill.value = ids[-1]

    def _on_filter(self, _change) -> None:
        if not self._quiet:
            self._fill_targets()
            self._fill_trainees()
            self.refresh()

    # ------------------------------------------------------------------ showing

    def refresh(self):
        """Read the store again and redraw everything for the chosen cohort and dates."""
        from ..tracking import (certification_table, dashboard_figures, dashboard_frames,
                                dashboard_summary)

        self.error.value = ""
        try:
            frames = dashboard_frames(self.store, cohort_id=self.cohort_id,
                                      start=self.start.value, end=self.end.value)
        except CollectkitError as exc:
            self._fail(exc)
            return None
        self.frames = frames
        self.figures = dashboard_figures(frames, lang=self.lang, pass_mark=self.pass_mark)
        numbers = dashboard_summary(frames)
        rate = "—" if numbers["pass_rate"] is None else f"{numbers['pass_rate']:.0f}%"
        self.summary.value = ("<p class='ck-summary'>" + escape(self.t["summary"].format(
            calls=numbers["calls"], trainees=numbers["trainees"], rate=rate,
            critical=numbers["critical"], certs=numbers["certifications"])) + "</p>")
        self._draw()
        self.certifications = certification_table(frames.certifications, lang=self.lang)
        self.cert_table.value = _table(self.certifications, self.t["no_certs"])
        self._fill_drills()
        self._show_progress()
        return frames

    def _draw(self) -> None:
        from IPython import get_ipython
        from IPython.display import display

        for name, figure in self.figures.items():
            figure.update_layout(height=self.CHART_HEIGHT, margin=dict(l=40, r=20, t=60, b=40))
            out = self.charts[name]
            if get_ipython() is not None:  # drawn in a kernel; from plain Python, figures only
                out.clear_output(wait=True)
                with out:
                    display(figure)

    def _show_progress(self) -> None:
        from ..tracking import drill_report

        if self.progress_drill.value is None:
            self.progress_table.value = f"<p class='ck-empty'>{escape(self.t['no_drills'])}</p>"
            return
        try:
            report = drill_report(self.store, self.progress_drill.value, lang=self.lang)
        except CollectkitError as exc:
            self._fail(exc, self.progress_table)
            return
        self.progress_table.value = _table(report, self.t["nobody"])

    # ------------------------------------------------------------------ actions

    def filter(self, *, cohort_id=_UNSET, start=_UNSET, end=_UNSET):
        """Change the cohort (``None``: everyone) and dates, then redraw; returns the frames."""
        from ..tracking import _as_date

        self._quiet = True
        try:
            if cohort_id is not _UNSET:
                value = EVERYONE if cohort_id is None else cohort_id
                if value not in [v for _, v in self.cohort.options]:
                    raise UsageError(f"no cohort with id {cohort_id!r} in this store")
                self.cohort.value = value
            if start is not _UNSET:
                self.start.value = _as_date(start)
            if end is not _UNSET:
                self.end.value = _as_date(end)
        except CollectkitError as exc:
            self._fail(exc)
            return None
        finally:
            self._quiet = False
        self._fill_targets()
        self._fill_trainees()
        return self.refresh()

    def create_drill(self, name=_UNSET, scenario_ids=_UNSET, pass_mark=_UNSET, due=_UNSET, *,
                     trainee_id=None, cohort_id=None):
        """Create a drill from the form (or these values, put into the form) and assign it to
        the chosen cohort or trainee; returns the drill id, or ``None`` with the problem shown."""
        from ..tracking import _as_date

        self.drill_message.value = ""
        try:
            if trainee_id is not None and cohort_id is not None:
                raise UsageError("assign a drill to a trainee or to a cohort, not both")
            if name is not _UNSET:
                self.drill_name.value = name or ""
            if scenario_ids is not _UNSET:
                ids = [scenario_ids] if isinstance(scenario_ids, str) else list(scenario_ids)
                known = [value for _, value in self.drill_scenarios.options]
                unknown = [s for s in ids if s not in known]
                if unknown:
                    from ..scenarios import load_scenario
                    for scenario_id in unknown:
                        load_scenario(scenario_id)  # says which and suggests a close name
                self.drill_scenarios.value = tuple(ids)
            if pass_mark is not _UNSET:
                self.drill_pass_mark.value = pass_mark
            if due is not _UNSET:
                self.drill_due.value = _as_date(due)
            if trainee_id is not None or cohort_id is not None:
                self.assign_kind.value = "trainee" if trainee_id is not None else "cohort"
                self._fill_targets()
                target = trainee_id if trainee_id is not None else cohort_id
                if target not in [value for _, value in self.assign_target.options]:
                    raise UsageError(f"no {self.assign_kind.value} with id {target!r} to assign to")
                self.assign_target.value = target
            if self.assign_target.value is None:
                raise UsageError(f"pick a {self.assign_kind.value} to assign the drill to")
            drill_id = self.store.create_drill(
                self.drill_name.value, list(self.drill_scenarios.value),
                int(self.drill_pass_mark.value), self.drill_due.value, created_by="dashboard")
            kind = self.assign_kind.value
            self.store.assign(drill_id, **{f"{kind}_id": self.assign_target.value})
        except CollectkitError as exc:
            self._fail(exc, self.drill_message)
            return None
        label = dict((v, k) for k, v in self.assign_target.options)[self.assign_target.value]
        self.drill_message.value = _ok(self.t["created"].format(
            id=drill_id, name=self.store.drill(drill_id).name, target=label))
        self._fill_drills()
        self.progress_drill.value = drill_id
        return drill_id

    def build_refresher(self, trainee_id=None):
        """Build (or reuse the open) refresher drill for the chosen trainee, aimed at their weak
        spots, and assign it; returns its ``DrillInfo`` or ``None`` with the problem shown."""
        from ..tracking import refresher_for

        self.refresher_message.value = ""
        try:
            if trainee_id is not None:
                if trainee_id not in [value for _, value in self.refresher_trainee.options]:
                    self.store.trainee(trainee_id)  # unknown id: says so
                    self.filter(cohort_id=None)      # someone from another cohort
                self.refresher_trainee.value = trainee_id
            if self.refresher_trainee.value is None:
                raise UsageError("pick a trainee first")
            person = self.store.trainee(self.refresher_trainee.value)
            drill = refresher_for(self.store, person.id)
        except CollectkitError as exc:
            self._fail(exc, self.refresher_message)
            return None
        notes = "".join(f"<li>{escape(line)}</li>" for line in (drill.notes or "").splitlines())
        self.refresher_message.value = (_ok(self.t["built"].format(
            id=drill.id, name=drill.name, trainee=person.name)) + f"<ul>{notes}</ul>")
        self._fill_drills()
        self.progress_drill.value = drill.id
        return drill
