"""Script lab: paste or upload a script, see violations in place and technique feedback."""

from __future__ import annotations

from html import escape

from ..errors import CollectkitError
from .html import error_html, feedback_html, script_html

TEXT = {"en": ("Check script", "Paste your script here: one line per thing you would say."),
        "zh-Hans": ("检查话术", "在这里粘贴话术，每行一句。"),
        "zh-Hant": ("檢查話術", "在這裡貼上話術，每行一句。")}


class ScriptLab:
    """Drive it from code: ``lab.check("line one\\nline two")`` returns the ScoreReport."""

    def __init__(self, scenario: str | None = None, *, jurisdiction: str | None = None,
                 lang: str = "en", store=None, trainee: str | None = None):
        import ipywidgets as w
        from ..scenarios import list_scenarios

        self.store, self.trainee = store, trainee
        self.report = None
        self.script = None
        button, placeholder = TEXT.get(lang, TEXT["en"])
        self.lang = lang
        self.scenario_picker = w.Dropdown(options=[None] + list_scenarios(), value=scenario)
        self.jurisdiction = w.Dropdown(options=[None, "US", "CN", "TW"], value=jurisdiction)
        self.text = w.Textarea(placeholder=placeholder, layout=w.Layout(width="100%", height="160px"))
        self.upload = w.FileUpload(accept=".txt,.md,.json,.csv", multiple=False)
        self.check_button = w.Button(description=button, button_style="primary")
        self.error = w.HTML()
        self.result = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.upload.observe(self._on_upload, names="value")
        self.widget = w.VBox([w.HBox([self.scenario_picker, self.jurisdiction, self.upload]),
                              self.text, self.check_button, self.error, self.result])
        self.widget.add_class("ck-script-lab")

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)

    def _on_upload(self, change):
        files = change["new"]
        if files:
            item = files[0] if isinstance(files, (list, tuple)) else next(iter(files.values()))
            self.text.value = bytes(item["content"]).decode("utf-8", errors="replace")

    def check(self, text: str | None = None):
        from ..scenarios import load_scenario
        from ..scoring import score
        from ..transcript import parse_script

        text = self.text.value if text is None else text
        self.error.value = self.result.value = ""
        try:
            script = parse_script(text, source="script")
            scenario = load_scenario(self.scenario_picker.value) if self.scenario_picker.value else None
            if scenario is not None:
                script = script.with_meta(**{k: getattr(scenario.meta, k) for k in (
                    "jurisdiction", "party", "attorney_represented", "cease_requested", "disputed",
                    "time_barred")}, persona=scenario.persona, scenario=scenario.id)
            if self.jurisdiction.value:
                script = script.with_meta(jurisdiction=self.jurisdiction.value)
            report = score(script, scenario)
        except CollectkitError as exc:
            self.error.value = error_html(str(exc))
            return None
        self.script, self.report = script, report
        if self.store is not None and self.trainee:
            self.store.save_report(self.trainee, report, kind="script")
        s = report.score
        self.result.value = (f"<h4>{s.total}/100 · compliance {s.compliance} · technique "
                             f"{s.technique}</h4>" + script_html(script, report, report.lang)
                             + feedback_html(report, report.lang))
        return report
