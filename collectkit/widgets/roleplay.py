"""The role-play chat: pick a scenario and language, talk to the debtor, read the debrief."""

from __future__ import annotations

import warnings
from html import escape

from ..errors import CollectkitError
from .html import chat_html, error_html, feedback_html, violations_html

TEXT = {
    "en": {"start": "Start call", "send": "Send", "end": "End call", "retry": "Try again from turn",
           "placeholder": "Type what you would say, then press Enter", "coach": "Coach mode",
           "warn": "Coach: this line would break a rule", "score": "Score",
           "passed": "passed", "failed": "not passed", "outcome": "Outcome"},
    "zh-Hans": {"start": "开始通话", "send": "发送", "end": "结束通话", "retry": "从这一轮重来",
                "placeholder": "输入你要说的话，按回车发送", "coach": "教练模式",
                "warn": "教练提示：这句话会违规", "score": "得分",
                "passed": "通过", "failed": "未通过", "outcome": "结果"},
    "zh-Hant": {"start": "開始通話", "send": "送出", "end": "結束通話", "retry": "從這一輪重來",
                "placeholder": "輸入你要說的話，按 Enter 送出", "coach": "教練模式",
                "warn": "教練提示：這句話會違規", "score": "得分",
                "passed": "通過", "failed": "未通過", "outcome": "結果"},
}


class RoleplayChat:
    """A chat with a simulated debtor.

    Drive it from code: ``chat.start()``, ``chat.send("...")``, ``chat.end()``,
    ``chat.retry_from(turn)``. With ``store`` and ``trainee`` every turn is saved as it happens
    (for ``drill``, if given). ``on_end(debrief)`` is called when a call ends and is scored.
    """

    def __init__(self, scenario: str | None = None, *, lang: str | None = None, seed: int = 0,
                 coach: bool = False, store=None, trainee: int | None = None, drill=None,
                 on_end=None):
        import ipywidgets as w
        from ..scenarios import list_scenarios, load_scenario

        self.store, self.trainee, self.drill = store, trainee, drill
        self.on_end = on_end
        self._finished = None  # the session last scored into the store
        self.session = None
        self.session_row = None
        self.debrief = None
        scenarios = []
        for scenario_id in list_scenarios():
            try:
                scenarios.append((scenario_id, load_scenario(scenario_id)))
            except CollectkitError:
                continue  # a broken file is reported by 'collectkit scenarios validate'
        if scenario is None and scenarios:
            # default to the first scenario written for the chosen language
            wanted = lang or "en"
            scenario = next((sid for sid, s in scenarios if wanted in s.langs), scenarios[0][0])
        scenarios = [sid for sid, _ in scenarios]
        first = load_scenario(scenario) if scenario else None
        lang = lang or (first.langs[0] if first else "en")
        self.t = TEXT[lang]
        self.scenario_picker = w.Dropdown(options=scenarios, value=scenario, description="")
        self.lang_picker = w.Dropdown(options=["en", "zh-Hans", "zh-Hant"], value=lang)
        self.seed = w.IntText(value=seed, layout=w.Layout(width="90px"))
        self.coach = w.Checkbox(value=coach, description=self.t["coach"], indent=False)
        self.start_button = w.Button(description=self.t["start"], button_style="primary")
        self.goal = w.HTML()
        self.chat = w.HTML(layout=w.Layout(max_height="420px", overflow="auto"))
        self.line = w.Text(placeholder=self.t["placeholder"], continuous_update=True,
                           layout=w.Layout(width="70%"))
        self.send_button = w.Button(description=self.t["send"])
        self.end_button = w.Button(description=self.t["end"], button_style="warning")
        self.warning = w.HTML()
        self.error = w.HTML()
        self.result = w.HTML()
        self.chart = w.Output()
        self.retry_turn = w.Dropdown(options=[], layout=w.Layout(width="90px"))
        self.retry_button = w.Button(description=self.t["retry"])
        self.line.observe(self._on_draft, names="value")
        with warnings.catch_warnings():
            # Enter must send while typing still feeds coach mode live; on_submit is the only
            # ipywidgets 8 event for Enter that leaves continuous_update on.
            warnings.simplefilter("ignore", DeprecationWarning)
            self.line.on_submit(lambda _: self.send())
        self.send_button.on_click(lambda _: self.send())
        self.start_button.on_click(lambda _: self.start())
        self.end_button.on_click(lambda _: self.end())
        self.retry_button.on_click(lambda _: self.retry_from(self.retry_turn.value))
        self.widget = w.VBox([
            w.HBox([self.scenario_picker, self.lang_picker, self.seed, self.coach, self.start_button]),
            self.goal, self.chat, w.HBox([self.line, self.send_button, self.end_button]),
            self.warning, self.error, self.result, self.chart,
            w.HBox([self.retry_turn, self.retry_button])])
        self.widget.add_class("ck-roleplay")

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)

    # ------------------------------------------------------------------ actions

    def _fail(self, exc: Exception) -> None:
        self.error.value = error_html(str(exc))

    def start(self):
        """Start a new call with the chosen scenario, language and seed."""
        from ..engine import Session
        from ..scenarios import load_scenario

        self.error.value = self.result.value = self.warning.value = ""
        self.chart.clear_output()
        try:
            scenario = load_scenario(self.scenario_picker.value)
            self.t = TEXT[self.lang_picker.value]
            self.session = Session(scenario, seed=int(self.seed.value), lang=self.lang_picker.value)
            self._attach()
        except CollectkitError as exc:
            self._fail(exc)
            return None
        self.goal.value = f"<i>{escape(scenario.text('goal', self.session.lang))}</i>"
        self._refresh()
        return self.session

    def _attach(self):
        if self.store is not None and self.trainee:
            self.session_row = self.store.record(self.session, self.trainee, drill_id=self.drill)

    def send(self, text: str | None = None):
        """Say ``text`` (or what is typed in the box); returns the debtor's reply."""
        text = self.line.value if text is None else text
        self.error.value = ""
        if self.session is None:
            self.start()
        try:
            reply = self.session.say(text)
        except CollectkitError as exc:
            self._fail(exc)
            return None
        self.line.value = ""
        self.warning.value = ""
        self._refresh()
        if self.session.ended:
            self.end()
        return reply

    def _on_draft(self, change):
        if not self.coach.value or self.session is None or self.session.ended:
            self.warning.value = ""
            return
        try:
            found = self.session.preview(change["new"])
        except CollectkitError:
            found = ()
        self.warning.value = violations_html(found, self.t["warn"])

    def end(self):
        """End the call and show the debrief: state chart, score, feedback with better lines."""
        from ..charts import state_curve
        from ..scoring import debrief

        if self.session is None or not self.session.turns:
            return None
        self.debrief = debrief(self.session)
        report = self.debrief.report
        if self.store is not None and self.session_row is not None \
                and self._finished is not self.session:
            self._finished = self.session
            try:
                self.store.finish(self.session)
            except CollectkitError as exc:  # e.g. already finished: say so, keep the debrief
                self._fail(exc)
        verdict = self.t["passed"] if report.score.passed else self.t["failed"]
        self.result.value = (f"<h4>{self.t['score']}: {report.score.total} ({verdict}) · "
                             f"{self.t['outcome']}: {escape(self.debrief.outcome)}</h4>"
                             + "".join(f"<p>{escape(tp.message)}</p>" for tp in self.debrief.turning_points)
                             + feedback_html(report, self.session.lang))
        self.chart.clear_output()
        with self.chart:
            state_curve(self.debrief.to_dataframe(), lang=self.session.lang).show()
        self.retry_turn.options = [i for i, t in enumerate(self.session.turns) if t.speaker == "agent"]
        if self.on_end is not None:
            self.on_end(self.debrief)
        return self.debrief

    def retry_from(self, turn: int):
        """Replay the call up to ``turn`` and continue from there ("what if I had said ...")."""
        if self.session is None or turn is None:
            return None
        try:
            self.session = self.session.fork(int(turn))
            self._attach()
        except CollectkitError as exc:
            self._fail(exc)
            return None
        self.result.value = ""
        self.chart.clear_output()
        self._refresh()
        return self.session

    def _refresh(self):
        self.chat.value = chat_html(self.session.turns, self.session.lang) if self.session else ""
