"""Write the course notebooks from this script, so their source is reviewable as code.

    python tools/make_notebooks.py      # rewrites notebooks/*.ipynb (outputs empty)
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def md(text):
    return new_markdown_cell(text.strip())


def code(text, check_output=False):
    source = text.strip()
    if check_output:
        source = "# NBVAL_CHECK_OUTPUT\n" + source
    return new_code_cell(source)


START_HERE = [
    md("""
# Start here: collectkit in ten minutes

**collectkit** trains debt collectors inside JupyterLab. It does three jobs:

1. **Role-play**: you type what you would say; a simulated debtor answers and reacts to what you
   *do* (empathy calms an angry debtor, a vague promise is worth nothing, a threat ends in a complaint).
2. **Scoring**: any call or written script is checked against the collection rules of the
   **United States** (FDCPA, Regulation F), **mainland China** and **Taiwan**. Every finding names
   the rule, the turn, the legal citation, why it matters, and a better line to say.
3. **Tracking**: results go to a store; charts show your progress and your team's weak spots.

*本课程也支持简体中文和繁體中文：规则、示例通话和角色扮演都有中文版本。*

This first notebook scores a sample call. Run each cell with **Shift+Enter**. You do not need to
write any code to follow the course: the cells are ready to run.
"""),
    code("""
import collectkit
from collectkit import samples
from IPython.display import HTML

samples.names()
"""),
    md("""
## Score a sample call

The call below is a first call to an angry debtor. Read it, guess what went wrong, then run the
next cell to see what the checker finds.
"""),
    code("""
call = collectkit.load(samples.path("us_first_call.txt"))
report = collectkit.score(call)
HTML(report.to_html(call))
"""),
    md("""
**How to read the report.** Each row is one finding: the turn where it happened (turns count
from 0, the debtor's lines included; "call" means the whole call, such as its start time), how
serious it is, the rule and its citation, why it is a problem, and a line you could say instead.
A **critical** finding fails the call whatever else went well.
"""),
    code("""
report.score.passed
""", check_output=True),
    code("""
sorted({v.category for v in report.violations})
"""),
    md("""
## The same checks in Chinese

Mainland China and Taiwan have their own rules (hours, who may be contacted, what may not be
said). 中国大陆与台湾的催收规范各不相同：下面两通电话分别按大陆和台湾的规则检查。
"""),
    code("""
for name in ("cn_overdue_card.txt", "tw_card_call.txt"):
    call = collectkit.load(samples.path(name))
    display(HTML(collectkit.score(call).to_html(call)))
"""),
    md("""
## Try a line of your own

Change the text between the quotes and run the cell. Try a firm but lawful line such as
*"We may report the late payment to the credit bureaus"*, then a veiled threat such as
*"Things could get unpleasant at your work"*, and compare.
"""),
    code("""
my_line = "We may report the late payment to the credit bureaus."
collectkit.score(collectkit.parse_text(f"Agent: {my_line}")).violations
"""),
    md("""
## Where next

- `collectkit rules list` in a terminal lists every rule; `collectkit rules show US-TIME-01`
  explains one, with its citation, exact boundaries and examples.
- `collectkit score my_calls/ --format json` scores a folder of transcripts
  (text, JSON or CSV; see the README for the format).
"""),
]


def write(name, cells):
    notebook = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.write(notebook, NOTEBOOKS / name)


if __name__ == "__main__":
    write("00_start_here.ipynb", START_HERE)
