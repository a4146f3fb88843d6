"""Context flags read from the other side's lines (patterns/*.yaml ``context:``).

Each case is one debtor-side line, the flags it must raise and the flags it must not raise.
Precision matters as much as recall: ``listener_debtor`` clears ``listener_third_party`` and
``listener_spouse`` (acts.RESETS), so a relative's line that raised it would switch off the
third-party disclosure rules for the rest of the call.
"""

import pytest

from collectkit.compliance import default_catalog
from collectkit.compliance.checker import check
from collectkit.transcript import from_lines

DEBTOR = "listener_debtor"
GUARANTOR = "listener_guarantor"
SPOUSE = "listener_spouse"
THIRD = "listener_third_party"
ATTORNEY = "attorney_mentioned"

# (text, must raise, must not raise)
EN = [
    # listener_debtor: the other side is the debtor
    ("Speaking.", {DEBTOR}, {THIRD, SPOUSE}),
    ("Yes, speaking. Who is this?", {DEBTOR}, set()),
    ("Yes, this is she.", {DEBTOR}, set()),
    ("This is he.", {DEBTOR}, set()),
    ("That's me.", {DEBTOR}, set()),
    ("Yeah it's me, who's this?", {DEBTOR}, set()),
    ("Hello, this is Mark.", {DEBTOR}, {THIRD}),
    ("This is Mark Cole speaking.", {DEBTOR}, set()),
    ("Mark speaking.", {DEBTOR}, set()),
    ("Yep, you've got him.", {DEBTOR}, set()),
    ("You're talking to her.", {DEBTOR}, set()),
    ("I'm the account holder, what's this about?", {DEBTOR}, set()),
    ("Uh, yes, this is him.", {DEBTOR}, set()),
    ("Hold on, here he is.", set(), {DEBTOR}),
    ("I'm his mother.", {THIRD}, {DEBTOR, SPOUSE}),
    ("This is his mother, he's not home.", {THIRD}, {DEBTOR}),
    ("It's me, his sister.", {THIRD}, {DEBTOR}),
    ("Hi, this is Linda, his neighbor.", {THIRD}, {DEBTOR}),
    ("This is Mark's wife.", {SPOUSE}, {DEBTOR, THIRD}),
    ("This is ridiculous.", set(), {DEBTOR}),
    ("This is harassment, stop calling.", set(), {DEBTOR}),
    ("That's not me.", set(), {DEBTOR}),
    ("No, this isn't him.", set(), {DEBTOR}),
    ("Speaking of money, I can't pay right now.", set(), {DEBTOR}),
    ("Who's speaking?", set(), {DEBTOR}),
    ("I'm not the account holder.", set(), {DEBTOR}),
    ("Mom speaking.", set(), {DEBTOR}),
    ("You've got me, not him. He's not available.", set(), {DEBTOR}),
    ("Yes, that's me, I'm the co-signer on Tom's loan.", {GUARANTOR}, {DEBTOR}),
    # listener_guarantor
    ("I co-signed that loan.", {GUARANTOR}, {DEBTOR}),
    ("I'm the guarantor.", {GUARANTOR}, set()),
    ("I'm the co-signer on his car loan.", {GUARANTOR}, set()),
    ("I cosigned for my daughter's apartment.", {GUARANTOR}, set()),
    ("I signed as a guarantor on that lease.", {GUARANTOR}, set()),
    ("I'm on the loan as a co-signer, but I'm not the borrower.", {GUARANTOR}, set()),
    ("I never co-signed anything.", set(), {GUARANTOR}),
    ("I didn't co-sign that loan.", set(), {GUARANTOR}),
    ("I'm not the guarantor.", set(), {GUARANTOR}),
    ("I don't think I co-signed anything.", set(), {GUARANTOR}),
    ("My brother co-signed for me.", set(), {GUARANTOR}),
    ("Is he the guarantor?", set(), {GUARANTOR}),
    # listener_spouse: only the debtor's spouse speaking
    ("I'm his wife.", {SPOUSE}, {THIRD, DEBTOR}),
    ("This is her husband.", {SPOUSE}, {THIRD, DEBTOR}),
    ("I'm Mark's wife, he's at work.", {SPOUSE}, {THIRD}),
    ("He's my husband, he's not home right now.", {SPOUSE}, {THIRD}),
    ("My husband's not home right now.", {SPOUSE}, set()),
    ("Are you looking for my wife?", {SPOUSE}, set()),
    ("My husband's not available, can I take a message?", {SPOUSE}, {THIRD}),
    ("I'm married to him, you can tell me.", {SPOUSE}, set()),
    ("My husband lost his job.", set(), {SPOUSE, THIRD}),
    ("My wife handles the bills.", set(), {SPOUSE}),
    ("My husband left me and took the car.", set(), {SPOUSE}),
    ("My wife doesn't know about this debt.", set(), {SPOUSE}),
    ("My husband is sick, that's why I'm behind.", set(), {SPOUSE}),
    ("My husband's not home, and I can't make my payments alone.", set(), {SPOUSE}),
    ("I'm not his wife.", set(), {SPOUSE}),
    ("I'm his ex-wife.", {THIRD}, {SPOUSE}),
    # listener_third_party
    ("He's not here, I'm his roommate.", {THIRD}, {DEBTOR}),
    ("Wrong number.", {THIRD}, {DEBTOR}),
    ("You have the wrong number.", {THIRD}, set()),
    ("He doesn't live here anymore.", {THIRD}, set()),
    ("I don't know anyone by that name.", {THIRD}, set()),
    ("I'm not Mark, I'm his brother.", {THIRD}, {DEBTOR}),
    ("He passed away last month. I'm his daughter.", {THIRD}, set()),
    ("Since he passed away I can't make my payments.", set(), {THIRD}),
    ("He moved out last year and I fell behind on my mortgage.", set(), {THIRD}),
    ("I'll pay my bill on Friday.", set(), {THIRD, SPOUSE, DEBTOR}),
    # attorney_mentioned: an existing representation only
    ("My lawyer is handling this.", {ATTORNEY}, set()),
    ("Talk to my attorney.", {ATTORNEY}, set()),
    ("I've retained counsel.", {ATTORNEY}, set()),
    ("I have a lawyer, call him.", {ATTORNEY}, set()),
    ("I'm represented by an attorney.", {ATTORNEY}, set()),
    ("You need to speak with my attorney, not me.", {ATTORNEY}, set()),
    ("We hired a bankruptcy attorney last week.", {ATTORNEY}, set()),
    ("I'll be calling a lawyer.", set(), {ATTORNEY}),
    ("I'm going to find a lawyer.", set(), {ATTORNEY}),
    ("I'm gonna get a lawyer.", set(), {ATTORNEY}),
    ("Maybe I should talk to a lawyer.", set(), {ATTORNEY}),
    ("I'm going to call my lawyer.", set(), {ATTORNEY}),
    ("I'm calling a lawyer right now.", set(), {ATTORNEY}),
    ("That's exactly why I hired an attorney.", {ATTORNEY}, set()),
    ("I can't afford a lawyer.", set(), {ATTORNEY}),
    ("I don't have a lawyer.", set(), {ATTORNEY}),
]

ZH_HANS = [
    # listener_debtor
    ("是我", {DEBTOR}, {THIRD, SPOUSE}),
    ("我就是", {DEBTOR}, set()),
    ("对，是我本人", {DEBTOR}, set()),
    ("我是李明", {DEBTOR}, set()),
    ("嗯我是", {DEBTOR}, set()),
    ("是我啊，你哪位？", {DEBTOR}, set()),
    ("我就是王强，有什么事？", {DEBTOR}, set()),
    ("对，我本人。", {DEBTOR}, set()),
    ("喂，是我，你们找我什么事？", {DEBTOR}, set()),
    ("对的，我是张伟本人。", {DEBTOR}, set()),
    ("我是他妈妈", {THIRD}, {DEBTOR}),
    ("不是我，你打错了", {THIRD}, {DEBTOR}),
    ("是我老公借的钱", set(), {DEBTOR, SPOUSE}),
    ("我不是他本人", {THIRD}, {DEBTOR}),
    ("这是我的事，跟你们无关", set(), {DEBTOR}),
    ("都是我不好，我会还的", set(), {DEBTOR}),
    ("我就是没钱", set(), {DEBTOR}),
    ("我是他同事", {THIRD}, {DEBTOR}),
    ("我是江苏人", set(), {DEBTOR}),
    ("我是张阿姨，他邻居", set(), {DEBTOR}),
    ("是我，他妈妈", set(), {DEBTOR}),
    ("我是王先生", {DEBTOR}, set()),
    ("对，我就是借款人", {DEBTOR}, set()),
    ("他现在不在……（叹气）算了，是我本人。", {DEBTOR}, {THIRD}),
    # listener_guarantor
    ("我是担保人", {GUARANTOR}, set()),
    ("我当时做了担保", {GUARANTOR}, set()),
    ("我是他的担保人，他跑了", {GUARANTOR}, set()),
    ("担保人是我。", {GUARANTOR}, set()),
    ("我给他做的担保", {GUARANTOR}, set()),
    ("是我，我给我侄子黄涛做过担保。", {GUARANTOR}, {DEBTOR}),
    ("是我，我是刘洋那笔贷款的担保人。", {GUARANTOR}, {DEBTOR}),
    ("我是说你们应该去找担保人", set(), {GUARANTOR, DEBTOR}),
    ("我从来没给别人做过担保", set(), {GUARANTOR}),
    ("我不是担保人", set(), {GUARANTOR}),
    ("我没给他做过担保", set(), {GUARANTOR}),
    ("担保人是我哥", set(), {GUARANTOR}),
    ("你们去找担保人啊", set(), {GUARANTOR}),
    # listener_spouse
    ("我是他老婆", {SPOUSE}, {DEBTOR}),
    ("我是她先生", {SPOUSE}, {DEBTOR}),
    ("他是我老公，他不在", {SPOUSE}, {DEBTOR}),
    ("你找我老公什么事？", {SPOUSE}, {DEBTOR}),
    ("我老公不在家，你哪位？", {SPOUSE}, set()),
    ("钱都被我老公拿去了", set(), {SPOUSE, THIRD}),
    ("我老公不知道这件事", set(), {SPOUSE}),
    ("我先生住院了", set(), {SPOUSE}),
    ("我老公失业了，实在还不上", set(), {SPOUSE}),
    ("我跟我老公离婚了", set(), {SPOUSE}),
    ("我老公不在家，这钱我自己会还", set(), {SPOUSE}),
    # listener_third_party
    ("他不在，我是他同事", {THIRD}, {DEBTOR}),
    ("我不认识这个人", {THIRD}, set()),
    ("你打错了", {THIRD}, set()),
    ("他已经搬走了", {THIRD}, set()),
    ("我跟他不在一起了", set(), {THIRD}),
    ("他不在乎我还不还", set(), {THIRD}),
    ("自从他不在了，我一个人还不上", set(), {THIRD}),
    ("他不在的时候都是我自己还的", set(), {THIRD}),
    # attorney_mentioned
    ("我委任了律师", {ATTORNEY}, set()),
    ("我已经请了律师", {ATTORNEY}, set()),
    ("有事找我律师", {ATTORNEY}, set()),
    ("这件事我的律师在处理", {ATTORNEY}, set()),
    ("我请律师了，你们跟他谈", {ATTORNEY}, set()),
    ("我要去找律师", set(), {ATTORNEY}),
    ("我会请律师的", set(), {ATTORNEY}),
    ("大不了我去找律师", set(), {ATTORNEY}),
    ("我没钱请律师", set(), {ATTORNEY}),
    ("我准备找个律师问问", set(), {ATTORNEY}),
    ("我要找律师来处理", set(), {ATTORNEY}),
    ("这正是我请律师的原因", {ATTORNEY}, set()),
    ("你可以直接找我律师", {ATTORNEY}, set()),
]

ZH_HANT = [
    # listener_debtor
    ("是我", {DEBTOR}, set()),
    ("我就是", {DEBTOR}, set()),
    ("對，我就是", {DEBTOR}, set()),
    ("對，是我本人", {DEBTOR}, set()),
    ("我是陳志明", {DEBTOR}, set()),
    ("嗯，我是", {DEBTOR}, set()),
    ("本人啦，有什麼事？", {DEBTOR}, set()),
    ("對啊，我就是林志偉。", {DEBTOR}, set()),
    ("妳找我有什麼事？", {DEBTOR}, set()),
    ("我是他媽媽", {THIRD}, {DEBTOR}),
    ("不是我啦，你打錯了", {THIRD}, {DEBTOR}),
    ("是我先生借的", set(), {DEBTOR, SPOUSE}),
    ("我不是他本人喔", {THIRD}, {DEBTOR}),
    ("都是我的錯", set(), {DEBTOR}),
    ("我是他同事，他不在", {THIRD}, {DEBTOR}),
    # listener_guarantor
    ("我是他的保證人", {GUARANTOR}, set()),
    ("我是連帶保證人", {GUARANTOR}, set()),
    ("當初是我幫他作保的", {GUARANTOR}, {DEBTOR}),
    ("保證人是我沒錯", {GUARANTOR}, set()),
    ("我又不是保證人", set(), {GUARANTOR}),
    ("我沒有幫他作保", set(), {GUARANTOR}),
    ("他不在，我是他媽媽，有什麼事？", {THIRD}, {DEBTOR, GUARANTOR}),
    # listener_spouse
    ("我是他太太", {SPOUSE}, {DEBTOR}),
    ("他是我先生，他不在", {SPOUSE}, {DEBTOR}),
    ("我是她老公", {SPOUSE}, set()),
    ("這是我先生的手機", {SPOUSE}, set()),
    ("我先生住院了", set(), {SPOUSE}),
    ("錢都被我老公拿走了", set(), {SPOUSE}),
    ("我老公不知道這件事", set(), {SPOUSE}),
    ("我太太生病，所以我才繳不出來", set(), {SPOUSE}),
    # listener_third_party
    ("他不在，我是他同事", {THIRD}, {DEBTOR}),
    ("我不認識這個人", {THIRD}, set()),
    ("你打錯了", {THIRD}, set()),
    ("他已經搬走了", {THIRD}, set()),
    ("我跟他不在一起了", set(), {THIRD}),
    ("他不在身邊，我只能自己繳", set(), {THIRD}),
    # attorney_mentioned
    ("我委任了律師", {ATTORNEY}, set()),
    ("我已經請了律師", {ATTORNEY}, set()),
    ("有事找我律師", {ATTORNEY}, set()),
    ("律師正在處理", {ATTORNEY}, set()),
    ("我要去找律師", set(), {ATTORNEY}),
    ("我考慮請律師", set(), {ATTORNEY}),
    ("我已經跟您說我有律師了", {ATTORNEY}, set()),
    ("我打算找律師告你們", set(), {ATTORNEY}),
]

CASES = ([pytest.param(t, y, n, id=f"en-{i}") for i, (t, y, n) in enumerate(EN)]
         + [pytest.param(t, y, n, id=f"hans-{i}") for i, (t, y, n) in enumerate(ZH_HANS)]
         + [pytest.param(t, y, n, id=f"hant-{i}") for i, (t, y, n) in enumerate(ZH_HANT)])


def flags_of(text: str) -> set[str]:
    catalog = default_catalog()
    group, matched = catalog.book.match(text)
    return set(catalog.acts.context_of(group, matched))


def test_enough_lines_per_language():
    assert len(EN) >= 40 and len(ZH_HANS) >= 40 and len(ZH_HANT) >= 40


@pytest.mark.parametrize("text,raised,not_raised", CASES)
def test_context_flags(text, raised, not_raised):
    got = flags_of(text)
    assert raised <= got, (text, got)
    assert not (not_raised & got), (text, got)


def _flags_after(turns, **meta):
    """The flags the checker holds once every debtor line has been read."""
    result = check(from_lines(list(turns) + ["OK."], **meta))
    return set(result.context[-1])


@pytest.mark.parametrize("turns,expected,absent", [
    # the relative hands the phone over; the debtor's own line clears the third-party flag
    ([("debtor", "I'm his mother. Hold on, here he is."), ("debtor", "Hello, this is Mark.")],
     {DEBTOR}, {THIRD}),
    ([("debtor", "I'm his wife."), ("debtor", "Speaking.")], {DEBTOR}, {SPOUSE}),
    ([("debtor", "他不在，我是他同事。"), ("debtor", "喂，是我，我就是王强。")], {DEBTOR}, {THIRD}),
    ([("debtor", "我是他太太。"), ("debtor", "對，我就是陳志明。")], {DEBTOR}, {SPOUSE}),
    # the debtor talking about family later does not undo the confirmation
    ([("debtor", "Speaking."), ("debtor", "My husband lost his job, he's not working.")],
     {DEBTOR}, {THIRD, SPOUSE}),
    ([("debtor", "是我。"), ("debtor", "钱都被我老公拿去了，我老公不知道这件事。")],
     {DEBTOR}, {THIRD, SPOUSE}),
    # a relative's line after a third-party statement keeps the flag on
    ([("debtor", "Wrong number."), ("debtor", "This is ridiculous, stop calling.")],
     {THIRD}, {DEBTOR}),
])
def test_flags_accumulate_over_the_call(turns, expected, absent):
    got = _flags_after(turns)
    assert expected <= got, got
    assert not (absent & got), got
