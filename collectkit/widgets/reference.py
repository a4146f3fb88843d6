"""A searchable rules reference (notebook 01)."""

from __future__ import annotations


class RulesReference:
    def __init__(self, regime: str | None = None, lang: str | None = None):
        import ipywidgets as w

        self.lang = lang
        self.regime = w.Dropdown(options=[None, "US", "CN", "TW"], value=regime)
        self.query = w.Text(placeholder="search: arrest, 征信, 聯徵, 1692c ...")
        self.table = w.HTML()
        self.regime.observe(lambda _: self.refresh(), names="value")
        self.query.observe(lambda _: self.refresh(), names="value")
        self.widget = w.VBox([w.HBox([self.regime, self.query]), self.table])
        self.refresh()

    def refresh(self):
        from ..compliance.reference import rules_html

        self.table.value = rules_html(self.regime.value, self.query.value, self.lang)

    def search(self, query: str, regime: str | None = None) -> str:
        if regime is not None:
            self.regime.value = regime
        self.query.value = query
        return self.table.value

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)
