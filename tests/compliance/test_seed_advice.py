"""The unlawful advice in the source material (shared/SEEDS.md), as collector lines, is flagged.

Each piece of advice is written in our own words in English (US), Simplified (CN) and
Traditional Chinese (TW); the checker must flag it with one of the expected categories.
"""

import pytest

from collectkit import check, parse_text

CASES = [
    # 1. Pressuring relatives and the family, "making it big".
    ("family", "US", "en", "debtor",
     "If you keep ignoring us, we'll start calling your parents and your sister and make this a family matter.",
     {"third_party_disclosure", "harassment"}),
    ("family", "CN", "zh-Hans", "debtor",
     "你再不还，我们就一个个打给你家里人，把事情闹大，看你还要不要脸面。",
     {"third_party_disclosure", "harassment"}),
    ("family", "TW", "zh-Hant", "debtor",
     "你再不繳，我們就打給你家裡每一個人，把事情鬧大。",
     {"third_party_disclosure", "harassment"}),
    # 2. Probing whether relatives will pay a deceased customer's debt.
    ("deceased", "US", "en", "third_party",
     "I'm sorry about your father. Will you be the one taking care of his credit card balance now?",
     {"third_party_disclosure"}),
    ("deceased", "CN", "zh-Hans", "third_party",
     "您父亲去世了我们也很遗憾，那他欠的这三万块，家里谁来替他还？",
     {"third_party_disclosure"}),
    ("deceased", "TW", "zh-Hant", "third_party",
     "令尊過世了我們很遺憾，不過他欠銀行的錢，家屬這邊打算怎麼處理？",
     {"third_party_disclosure"}),
    # 3a. Letters marked "debt collection" on the envelope.
    ("envelope", "US", "en", "debtor",
     "We'll mail you a big red envelope stamped DEBT COLLECTION so your roommates know what's going on.",
     {"public_shaming", "third_party_disclosure"}),
    ("envelope", "CN", "zh-Hans", "debtor",
     "我们会给你家寄一封信封上写着“催收通知”的信，让你家里人都看到。",
     {"public_shaming", "third_party_disclosure"}),
    ("envelope", "TW", "zh-Hant", "debtor",
     "我們會寄一封信封上印著「欠款催收」的信到你家。",
     {"public_shaming"}),
    # 3b. Visits at night.
    ("night", "US", "en", "debtor",
     "Our field team can swing by your place around eleven tonight to talk it over in person.",
     {"harassment", "threat_of_violence"}),
    ("night", "CN", "zh-Hans", "debtor",
     "今晚十一点我们的人会去你家坐坐，当面聊聊。",
     {"harassment", "threat_of_violence"}),
    ("night", "TW", "zh-Hant", "debtor",
     "今天晚上十一點我們的人會去你家拜訪一下。",
     {"harassment", "threat_of_violence"}),
    # 3c. Telling the employer.
    ("employer", "US", "en", "debtor",
     "Maybe I should give your manager a call and let him know you don't pay your bills.",
     {"employer_contact"}),
    ("employer", "CN", "zh-Hans", "debtor",
     "你不还的话，我就打电话给你们领导，让他知道你欠钱不还。",
     {"employer_contact"}),
    ("employer", "TW", "zh-Hant", "debtor",
     "再不處理，我就打去你公司跟你主管說你欠錢不還。",
     {"employer_contact"}),
    # 4. Constant calls so the debtor "feels the pressure every moment".
    ("constant", "US", "en", "debtor",
     "We'll be calling you morning, noon and night until this gets paid, so you feel it every single day.",
     {"harassment", "contact_frequency"}),
    ("constant", "CN", "zh-Hans", "debtor",
     "从今天开始我们每隔一小时打一次，让你每时每刻都感受到压力。",
     {"harassment", "contact_frequency"}),
    ("constant", "TW", "zh-Hant", "debtor",
     "從今天起我們會一直打給你，打到你接為止，讓你時時刻刻都有壓力。",
     {"harassment", "contact_frequency"}),
]


@pytest.mark.parametrize("advice,regime,lang,party,line,expected", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_seed_advice_is_flagged(advice, regime, lang, party, line, expected):
    label = "Agent" if lang == "en" else "催收员"
    call = parse_text(f"---\njurisdiction: {regime}\nlang: {lang}\nparty: {party}\n---\n{label}: {line}")
    found = {v.category for v in check(call).violations if v.turn == 0}
    assert found & expected, f"flagged {sorted(found)}, expected one of {sorted(expected)}"
