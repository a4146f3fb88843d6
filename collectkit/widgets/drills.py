"""Drill runner: a trainee's assigned drills, attempted scenario by scenario in the role-play chat.

Every attempt is recorded to the store for the drill; finishing the last scenario that was left
certifies the trainee (the store does that), and the progress line says so.
"""

from __future__ import annotations

from html import escape

from ..errors import CollectkitError, UsageError
from .html import error_html

TEXT = {
    "en": {"title": "Drills for {name}", "none": "No drills are assigned to you yet.",
           "drill": "Drill", "scenario": "Scenario", "start": "Start attempt",
           "progress": "Passed {passed} of {total}", "left": "Still to pass: {left}",
           "done": "All scenarios passed.", "certified": "Certified on {date}",
           "due": "due {date}", "pass_mark": "pass mark {mark}", "best": "best {best}",
           "tries": "{n} attempt(s)", "untried": "not tried yet", "passed": "passed",
           "via_cohort": "assigned to your cohort", "via_trainee": "assigned to you",
           "no_chat": "Start an attempt first."},
    "zh-Hans": {"title": "{name} 的演练", "none": "你还没有被分配演练。", "drill": "演练",
                "scenario": "情景", "start": "开始练习", "progress": "已通过 {passed}/{total}",
                "left": "待通过：{left}", "done": "所有情景均已通过。",
                "certified": "已于 {date} 获得认证", "due": "截止 {date}",
                "pass_mark": "及格线 {mark}", "best": "最高 {best} 分", "tries": "已练 {n} 次",
                "untried": "尚未练习", "passed": "已通过", "via_cohort": "班级演练",
                "via_trainee": "个人演练", "no_chat": "请先开始练习。"},
    "zh-Hant": {"title": "{name} 的演練", "none": "你還沒有被指派演練。", "drill": "演練",
                "scenario": "情境", "start": "開始練習", "progress": "已通過 {passed}/{total}",
                "left": "待通過：{left}", "done": "所有情境皆已通過。",
                "certified": "已於 {date} 取得認證", "due": "截止 {date}",
                "pass_mark": "及格線 {mark}", "best": "最高 {best} 分", "tries": "已練 {n} 次",
                "untried": "尚未練習", "passed": "已通過", "via_cohort": "班級演練",
                "via_trainee": "個人演練", "no_chat": "請先開始練習。"},
}


class DrillRunner:
    """A trainee's drills: pick one, attempt its scenarios one by one, watch the progress.

    Drive it from code::

        runner = DrillRunner(store, trainee_id)
        runner.select(drill_id)          # or the first assigned drill is picked
        runner.start()                   # the first scenario not yet passed
        runner.say("Hello, this is Sam from Acme Recovery ...")
        runner.end()                     # scored, stored; progress and certification refreshed
        runner.current                   # AssignedDrill: passed, remaining, certified_at
    """

    def __init__(self, store, trainee_id: int, *, lang: str | None = None, seed: int = 0):
        import ipywidgets as w

        self.store = store
        self.trainee_id = trainee_id
        self.seed = seed
        self.chat = None
        self.assigned = []
        self.header = w.HTML()
        self.error = w.HTML()
        self.progress = w.HTML()
        self.drill_picker = w.Dropdown(options=[], layout=w.Layout(width="420px"))
        self.scenario_picker = w.Dropdown(options=[], layout=w.Layout(width="420px"))
        self.start_button = w.Button(button_style="primary")
        self.chat_box = w.VBox([])
        self.widget = w.VBox([self.header,
                              w.HBox([self.drill_picker]), self.progress,
                              w.HBox([self.scenario_picker, self.start_button]),
                              self.error, self.chat_box])
        self.widget.add_class("ck-drills")
        self.start_button.on_click(lambda _: self.start())
        self._quiet = False  # set while the pickers are refilled from code
        self.drill_picker.observe(self._on_pick, names="value")
        self.trainee = None
        try:
            self.trainee = store.trainee(trainee_id)
            if lang is None:
                from ..recommend import trainee_lang
                lang = trainee_lang(store, trainee_id)
        except CollectkitError as exc:
            self._fail(exc)
        self.lang = lang if lang in TEXT else "en"
        self.t = TEXT[self.lang]
        self.drill_picker.description = self.t["drill"]
        self.scenario_picker.description = self.t["scenario"]
        self.start_button.description = self.t["start"]
        if self.trainee is not None:
            self.header.value = (f"<h3 class='ck-drills-title'>"
                                 f"{escape(self.t['title'].format(name=self.trainee.name))}</h3>")
            self.refresh()

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)

    def _fail(self, exc: Exception) -> None:
        self.error.value = error_html(str(exc))

    # ------------------------------------------------------------------ reading

    @property
    def current(self):
        """The selected drill with the trainee's progress (``AssignedDrill``), or ``None``."""
        return next((a for a in self.assigned if a.drill.id == self.drill_picker.value), None)

    def refresh(self) -> None:
        """Read the assignments again (after an attempt, or a supervisor's new drill)."""
        if self.trainee is None:
            return
        try:
            self.assigned = self.store.assignments(self.trainee_id)
        except CollectkitError as exc:
            self._fail(exc)
            return
        chosen = self.drill_picker.value
        options = [(self._label(a), a.drill.id) for a in self.assigned]
        ids = [value for _, value in options]
        self._quiet = True
        try:
            self.drill_picker.options = options
            self.drill_picker.value = chosen if chosen in ids else (ids[0] if ids else None)
        finally:
            self._quiet = False
        self.start_button.disabled = not ids
        self._show_drill()

    def _on_pick(self, _change) -> None:
        if not self._quiet:
            self.error.value = ""
            self._show_drill()

    def _label(self, assigned) -> str:
        drill = assigned.drill
        total = len(drill.scenario_ids)
        mark = " ✓" if assigned.certified_at else ""
        return f"{drill.name} ({len(assigned.passed)}/{total}){mark}"

    def _scenario_title(self, scenario_id: str) -> str:
        from ..scenarios import load_scenario

        try:
            return load_scenario(scenario_id).text("title", self.lang)
        except CollectkitError:
            return scenario_id

    def _show_drill(self) -> None:
        t = self.t
        assigned = self.current
        if assigned is None:
            self.progress.value = f"<p class='ck-drill-none'>{escape(t['none'])}</p>"
            self.scenario_picker.options = []
            return
        drill = assigned.drill
        tries: dict[str, list] = {}
        try:
            for attempt in self.store.attempts(self.trainee_id, drill.id):
                tries.setdefault(attempt.scenario_id, []).append(attempt)
        except CollectkitError as exc:
            self._fail(exc)
        rows = []
        for scenario_id in drill.scenario_ids:
            done = tries.get(scenario_id, [])
            scores = [a.total for a in done if a.total is not None]
            status = ("✓ " + t["passed"] if scenario_id in assigned.passed
                      else t["tries"].format(n=len(done)) if done else t["untried"])
            best = t["best"].format(best=max(scores)) if scores else ""
            cells = [escape(self._scenario_title(scenario_id)),
                     f"<code>{escape(scenario_id)}</code>", escape(status), escape(best)]
            rows.append(f"<tr class='ck-drill-scenario' data-scenario='{escape(scenario_id)}'>"
                        + "".join(f"<td style='padding:2px 12px 2px 0'>{c}</td>" for c in cells)
                        + "</tr>")
        facts = [t["pass_mark"].format(mark=drill.pass_mark),
                 t["via_cohort"] if assigned.via == "cohort" else t["via_trainee"]]
        if drill.due:
            facts.insert(0, t["due"].format(date=drill.due.isoformat()))
        summary = t["progress"].format(passed=len(assigned.passed), total=len(drill.scenario_ids))
        left = (t["left"].format(left=", ".join(assigned.remaining)) if assigned.remaining
                else t["done"])
        certified = ""
        if assigned.certified_at:
            day = assigned.certified_at.strftime("%Y-%m-%d")
            certified = (f"<p class='ck-certified' style='color:#1b5e20'><b>🎓 "
                         f"{escape(t['certified'].format(date=day))}</b></p>")
        self.progress.value = (
            f"<div class='ck-drill-progress'><p><b>{escape(drill.name)}</b> · "
            f"{escape(' · '.join(facts))}</p>"
            f"<p><b>{escape(summary)}</b> · {escape(left)}</p>{certified}"
            f"<table style='border-collapse:collapse'>{''.join(rows)}</table></div>")
        options = [(self._scenario_title(s) + f" ({s})", s) for s in drill.scenario_ids]
        self.scenario_picker.options = options
        self.scenario_picker.value = assigned.remaining[0] if assigned.remaining \
            else drill.scenario_ids[0]

    # ------------------------------------------------------------------ actions

    def select(self, drill_id: int):
        """Show one of the trainee's drills; returns its ``AssignedDrill``."""
        self.error.value = ""
        ids = [a.drill.id for a in self.assigned]
        if drill_id not in ids:
            self._fail(UsageError(f"drill {drill_id!r} is not assigned to this trainee",
                                  fix="assigned: " + (", ".join(map(str, ids)) or "none")))
            return None
        self.drill_picker.value = drill_id
        return self.current

    def start(self, scenario_id: str | None = None):
        """Start an attempt at ``scenario_id`` (default: the picked one, which is the first not
        yet passed); returns the embedded :class:`RoleplayChat`, already recording."""
        from ..scenarios import load_scenario
        from .roleplay import RoleplayChat

        self.error.value = ""
        assigned = self.current
        if assigned is None:
            self._fail(UsageError(self.t["none"]))
            return None
        scenario_id = scenario_id or self.scenario_picker.value
        if scenario_id not in assigned.drill.scenario_ids:
            self._fail(UsageError(f"scenario {scenario_id!r} is not part of drill "
                                  f"{assigned.drill.id} ({assigned.drill.name})",
                                  fix="play one of: " + ", ".join(assigned.drill.scenario_ids)))
            return None
        try:
            scenario = load_scenario(scenario_id)
            tries = sum(a.scenario_id == scenario_id
                        for a in self.store.attempts(self.trainee_id, assigned.drill.id))
        except CollectkitError as exc:
            self._fail(exc)
            return None
        lang = self.lang if self.lang in scenario.langs else scenario.langs[0]
        # A new seed per try, so a retry is not the same call word for word.
        chat = RoleplayChat(scenario_id, lang=lang, seed=self.seed + tries, store=self.store,
                            trainee=self.trainee_id, drill=assigned.drill.id,
                            on_end=lambda _: self.refresh())
        for picker in (chat.scenario_picker, chat.lang_picker, chat.seed):
            picker.disabled = True  # the drill fixes what is played
        if chat.start() is None:
            self.error.value = chat.error.value
            return None
        self.chat = chat
        self.chat_box.children = [chat.widget]
        return chat

    def say(self, text: str):
        """Say a line in the current attempt; returns the debtor's reply."""
        if self.chat is None:
            self._fail(UsageError(self.t["no_chat"]))
            return None
        return self.chat.send(text)

    def end(self):
        """End the current attempt: scored, stored, progress refreshed; returns the debrief."""
        if self.chat is None:
            self._fail(UsageError(self.t["no_chat"]))
            return None
        return self.chat.end()
