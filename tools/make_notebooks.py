"""Write the course notebooks from this script, so their source is reviewable as code.

    python tools/make_notebooks.py      # rewrites notebooks/*.ipynb (outputs empty)
"""

import copy
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
    md("""
## The course map

| Notebook | What it is for | For |
|---|---|---|
| **00 Start here** | what collectkit does; score a sample call | everyone |
| **01 Rules reference** | every rule (US, mainland China, Taiwan), searchable, with its law and a better line | everyone |
| **02 Debtor types** | the seven types of debtor and four special situations: how each behaves, what works | new hires |
| **03 Your first call** | a guided first call to an angry debtor, with coach mode and a debrief | new hires |
| **04 Role-play practice** | any scenario in any language; debrief; replay a call from any turn | new hires, collectors practising alone |
| **05 Script lab** | check a written script line by line before you use it | new hires, collectors practising alone |
| **06 Refresher drills** | build a drill (or a refresher aimed at one trainee's weak spots), assign it, review the results | supervisors |
| **07 Team dashboard** | a cohort's progress and weak spots, drills, certifications; `make dashboard` serves it without code | supervisors |
| **08 Self-paced practice** | your progress, your weak spots and the next scenario to play | collectors practising alone |

**New hires** (onboarding sessions): 00 → 01 → 02 → 03 → 04 → 05, then the drills your
supervisor assigns. **Supervisors**: 07 to see where the team stands, 06 to act on it.
**Collectors practising alone**: 08 picks what to practise; 04 and 05 are there for free practice.

Notebooks 06-08 use the team's store when `COLLECTKIT_DB` is set; otherwise they open a small
demo cohort (nine simulated trainees over three weeks), made the first time it is needed.
"""),
]


LANG_CELL = code("""
LANG = "en"   # language switch: "en", "zh-Hans" (简体中文) or "zh-Hant" (繁體中文)
""")

RULES_REFERENCE = [
    md("""
# 01 · Rules reference / 规则速查 / 規則速查

Every rule collectkit checks, generated from the rule files (the same text the reports show).
Pick a jurisdiction, type a word (*arrest*, *征信*, *聯徵*, *1692c*...) and the table filters.
Each rule names its law and article, explains why the conduct is a problem, and gives a line to
say instead. Exact boundaries (hours, counts) are in the *detection* column of the table below.
"""),
    LANG_CELL,
    code("""
from collectkit.widgets.reference import RulesReference

RulesReference(lang=LANG)
"""),
    md("""
### The same reference as a table

`rules_frame()` returns a pandas DataFrame: sort it, filter it, export it.
"""),
    code("""
from collectkit.compliance.reference import rules_frame

frame = rules_frame()
frame.groupby(["regime", "severity"]).size().unstack(fill_value=0)
"""),
    code("""
rules_frame(regime="US", query="time")[["id", "title", "detection"]]
"""),
]

DEBTOR_TYPES = [
    md("""
# 02 · Debtor types / 债务人类型 / 債務人類型

Seven types of debtor, as experienced collectors describe them, and four special situations. Each
card says how the type behaves, **what works**, and shows how they answer a first line. In
role-play each type has hidden feelings (anger, trust, willingness, ability to pay) that move with
what you *do*; you see them only in the debrief.
"""),
    LANG_CELL,
    code("""
from IPython.display import HTML
from collectkit.personas.gallery import gallery_html

HTML(gallery_html(LANG))
"""),
]

FIRST_CALL = [
    md("""
# 03 · Your first call / 第一通电话 / 第一通電話

You will call **an angry cardholder** who is 35 days past due. The checklist for every first call:

1. Say who you are and which company you are with; say you are a debt collector (US law requires it).
2. Check you are speaking to the right person.
3. Say why you are calling and what is owed.
4. **Let them talk and listen.** With an angry debtor, acknowledge the frustration first.
5. Offer a workable solution (instalments, a later date).
6. Agree the next step: a date and an amount, and read it back.
7. Close politely.

**Coach mode** is on: if a line you are typing would break a rule, a warning appears *before*
you send it. Type in the box and press **Enter**. Press **End call** to see your debrief: how the
debtor's mood moved, your score, and a better line for each moment that cost you points.
"""),
    LANG_CELL,
    code("""
from collectkit import tracking
from collectkit.widgets import RoleplayChat

store = tracking.course_store()            # COLLECTKIT_DB, or the course's own database
ME = store.add_trainee("New hire (first call)")   # every turn you type is saved as you go
SCENARIO = {"en": "us-aggressive-card", "zh-Hans": "cn-aggressive-card", "zh-Hant": "tw-evasive-shop"}[LANG]
chat = RoleplayChat(SCENARIO, lang=LANG, coach=True, seed=1, store=store, trainee=ME)
chat.start()
chat
"""),
    md("""
### A worked example

The cell below plays four lines of a model call through the same chat, so you can see what a
good start looks like. Scroll up to the chat to read it, then press *Start call* to try your own.
"""),
    code("""
EXAMPLE = {
    "en": ["Good evening, this is Sam from Acme Recovery, a debt collector. Am I speaking with Ms. Alvarez?",
           "I can hear how frustrated you are. Tell me what's been going on.",
           "That sounds like a really rough couple of months.",
           "We do have options: a smaller payment after payday, or splitting it over three months."],
    "zh-Hans": ["您好，我是安信消费金融的催收专员，敝姓周，请问是李女士吗？",
                "听得出来您很恼火，您先说说是怎么回事？",
                "这段时间确实不容易，辛苦您了。",
                "我们可以帮您申请分期，或者等发薪后先还一部分。"],
    "zh-Hant": ["您好，我這邊是永和資產管理公司，敝姓林，請問是陳先生嗎？",
                "了解，您先說說看最近的狀況。",
                "這陣子真的辛苦您了。",
                "如果今天可以談定，我可以幫您爭取比較好的分期方案。"],
}[LANG]
for line in EXAMPLE:
    chat.send(line)
chat.end().outcome
"""),
]

ROLEPLAY = [
    md("""
# 04 · Role-play practice / 角色扮演练习 / 角色扮演練習

Pick a scenario and a language, press **Start call**, and talk. Each debtor type reacts to what you
do. Press **End call** for the debrief; pick a turn and press **Try again from turn** to replay the
call up to that moment and say something else.
"""),
    LANG_CELL,
    code("""
from collectkit import tracking
from collectkit.widgets import RoleplayChat

store = tracking.course_store()            # COLLECTKIT_DB, or the course's own database
ME = store.add_trainee("Practice")         # every turn is saved as it is typed
chat = RoleplayChat(lang=LANG, coach=False, store=store, trainee=ME)
chat
"""),
]

SCRIPT_LAB = [
    md("""
# 05 · Script lab / 话术检查 / 話術檢查

Paste a script (what you plan to say, one line each) or upload a file, choose a scenario or a
jurisdiction, and press **Check script**. Lines that break a rule are highlighted with the law, the
reason and a compliant alternative; below come the technique notes for the debtor type.
"""),
    LANG_CELL,
    code("""
from collectkit.widgets.script_lab import ScriptLab

lab = ScriptLab("us-evasive-smallbiz", lang=LANG)
lab
"""),
    code("""
SAMPLE = \"\"\"Hi, this is Sam from Keystone Lending, a debt collector. Is this Mr. Ortiz?
I'm calling about your small-business loan: $8,500 is 27 days past due.
If it isn't paid this week we'll let your suppliers know you don't pay your bills.
Next week is not something I can note on the account. Which day, and how much?
So that's $2,000 on Friday the 14th by bank transfer, correct?\"\"\"
report = lab.check(SAMPLE)
[(v.turn, v.rule) for v in report.violations]
"""),
]


REFRESHER_DRILLS = [
    md("""
# 06 · Refresher drills / 复训演练 / 複訓演練

**For supervisors.** A *drill* is a set of scenarios with a pass mark and a due date. A trainee
is **certified** for a drill once every scenario of it has a passing attempt (no critical
violation, score at or above the pass mark). A *refresher drill* is built for one trainee from
their weak spots: the kinds of rule they break most and the debtor types they score worst with.

This notebook finds who needs help, builds a refresher for them, builds a drill for a whole
cohort, and reviews the results. It uses the team's store if `COLLECTKIT_DB` is set, else the
demo cohort.
"""),
    LANG_CELL,
    code("""
from collectkit import tracking

store = tracking.course_store()
tracking.store_summary(store)
"""),
    md("""
## 1. Who needs a refresher?

The trainees with the lowest mean score, with their pass rate, critical findings and the
problem they have most often.
"""),
    code("""
weakest = tracking.weakest_trainees(store, n=5, lang=LANG)
weakest
"""),
    md("""
## 2. A refresher drill for the weakest trainee

The drill picks scenarios with the debtor types this trainee does worst with, in the language
they practise, and its notes say why. Running the cell again gives back the same open refresher
instead of a second one.
"""),
    code("""
TRAINEE = int(weakest["trainee_id"][0])
refresher = tracking.refresher_for(store, TRAINEE)
print(refresher.name)
print(refresher.notes)
"""),
    md("""
## 3. A drill for a whole cohort

Name it, pick its scenarios (`collectkit scenarios list` in a terminal lists them), set the
pass mark and the due date, and assign it to a cohort: everyone in it sees it in their drills.
"""),
    code("""
NAME, SCENARIOS = {
    "en": ("Angry and evasive callers", ["us-aggressive-card", "us-evasive-smallbiz"]),
    "zh-Hans": ("愤怒与推托的客户", ["cn-aggressive-card", "cn-evasive-app-loan"]),
    "zh-Hant": ("推託與頑固的客戶", ["tw-evasive-shop", "tw-stubborn-refuses"]),
}[LANG]
COHORT = tracking.choose_cohort(store, lang=LANG)
drill_id = tracking.ensure_drill(store, NAME, SCENARIOS, pass_mark=70, due="2026-02-27",
                                 created_by="notebook 06")
store.assign(drill_id, cohort_id=COHORT)
store.drill(drill_id)
"""),
    md("""
## 4. Review the results

Per trainee: attempts, scenarios passed, what is left, the best score, the day of
certification. First the cohort's onboarding drill, which they have been practising, then the
drill just made (nobody has tried it yet).
"""),
    code("""
onboarding = tracking.cohort_drills(store, COHORT)[0]
print(onboarding.name)
tracking.drill_report(store, onboarding.id, lang=LANG)
"""),
    code("""
tracking.drill_report(store, drill_id, lang=LANG)
"""),
    code("""
from collectkit.charts import drill_pass_rate

drill_pass_rate(store.attempts_df(cohort_id=COHORT), drills=store.drills_df(), lang=LANG)
"""),
    md("""
## 5. What the trainee sees

The drill runner shows a trainee their drills and progress; *Start attempt* opens the role-play
for the next scenario they have not passed, and every attempt is stored for the drill.
"""),
    code("""
from collectkit.widgets import DrillRunner

DrillRunner(store, TRAINEE, lang=LANG)
"""),
    md("""
## 6. Certifications
"""),
    code("""
tracking.certification_table(store.certifications_df(), lang=LANG)
"""),
]

TEAM_DASHBOARD = [
    md("""
# 07 · Team dashboard / 团队看板 / 團隊儀表板

Pick a cohort and a date range to see progress and weak spots; create a drill and assign it to
a cohort or a trainee; build a refresher drill for one trainee; follow drill progress and
certifications. Serve this page without code with `make dashboard` (Voilà).
"""),
    LANG_CELL,
    code("""
from collectkit.tracking import course_store
from collectkit.widgets import SupervisorDashboard

SupervisorDashboard(course_store(), lang=LANG)
"""),
]

SELF_PACED = [
    md("""
# 08 · Self-paced practice / 自主练习 / 自主練習

**For collectors practising alone.** See how your scores moved, where you lose points, and play
the scenario picked for your weak spots: the kinds of rule you break most and the debtor types
you score worst with. Put your trainee id in `MY_ID` (your supervisor has it); left as `None`,
the notebook shows a trainee of the demo cohort.
"""),
    LANG_CELL,
    code("""
from collectkit import tracking

MY_ID = None   # your trainee id
store = tracking.course_store()
ME = tracking.choose_trainee(store, MY_ID, lang=LANG)
store.trainee(ME).name
"""),
    md("""
## Your progress

Each point is a scored call; open circles did not pass. The dotted line is the pass mark.
"""),
    code("""
from collectkit.charts import learning_curve, technique_radar

learning_curve(store.attempts_df(ME), lang=LANG)
"""),
    code("""
technique_radar(store.attempts_df(ME), lang=LANG)
"""),
    md("""
## Your weak spots

From your last ten scored calls: the debtor types you score lowest with (`weak` means under the
pass mark, or a critical finding with that type).
"""),
    code("""
import pandas as pd

spots = tracking.weak_spots(store, ME)
pd.DataFrame(spots.personas)
"""),
    md("""
## Your next call

Press **Start call** and talk; **End call** gives the debrief, and the call is stored with your
progress, so the next recommendation takes it into account.
"""),
    code("""
next_call = tracking.recommend_next(store, ME, lang=LANG)
print(next_call.reason)
"""),
    code("""
from collectkit.widgets import RoleplayChat

chat = RoleplayChat(next_call.scenario_id, lang=next_call.lang, coach=True, store=store,
                    trainee=ME)
chat
"""),
]


def write(name, cells):
    cells = [copy.deepcopy(cell) for cell in cells]  # LANG_CELL is shared between notebooks
    for index, cell in enumerate(cells):
        cell.id = f"{name[:2]}-{index:02d}"  # stable ids: regenerating leaves the diff empty
    notebook = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.write(notebook, NOTEBOOKS / name)


if __name__ == "__main__":
    write("00_start_here.ipynb", START_HERE)
    write("01_rules_reference.ipynb", RULES_REFERENCE)
    write("02_debtor_types.ipynb", DEBTOR_TYPES)
    write("03_first_call.ipynb", FIRST_CALL)
    write("04_roleplay_practice.ipynb", ROLEPLAY)
    write("05_script_lab.ipynb", SCRIPT_LAB)
    write("06_refresher_drills.ipynb", REFRESHER_DRILLS)
    write("07_team_dashboard.ipynb", TEAM_DASHBOARD)
    write("08_self_paced.ipynb", SELF_PACED)
