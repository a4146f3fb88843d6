"""The fixed vocabularies of DESIGN.md section 5: categories, severities, regimes."""

REGIMES = ("US", "CN", "TW")
SEVERITIES = ("critical", "major", "minor")

CATEGORIES = (
    "threat_of_violence", "threat_of_arrest_or_criminal_accusation", "false_legal_action",
    "time_barred_debt_threat", "impersonating_authority", "obscene_or_insulting_language",
    "harassment", "public_shaming", "third_party_disclosure", "employer_contact",
    "attorney_represented_contact", "missing_collector_disclosure", "contact_time_window",
    "contact_frequency", "cease_request_ignored", "dispute_or_validation_rights",
    "misrepresented_amount_or_fee", "coercive_payment_pressure", "recording_and_recordkeeping",
)

_CRITICAL = {
    "threat_of_violence", "threat_of_arrest_or_criminal_accusation", "false_legal_action",
    "time_barred_debt_threat", "impersonating_authority", "obscene_or_insulting_language",
    "public_shaming", "third_party_disclosure", "employer_contact", "attorney_represented_contact",
    "cease_request_ignored", "contact_time_window", "coercive_payment_pressure",
}
_MAJOR = {"harassment", "contact_frequency", "missing_collector_disclosure",
          "dispute_or_validation_rights", "misrepresented_amount_or_fee"}

DEFAULT_SEVERITY = {c: "critical" if c in _CRITICAL else "major" if c in _MAJOR else "minor"
                    for c in CATEGORIES}

# Categories with no rule in a regime, and why (shared/RULES.md section 5).
NOT_APPLICABLE = {
    "CN": {"attorney_represented_contact": "mainland China has no attorney-representation rule"},
    "TW": {"attorney_represented_contact": "Taiwan has no attorney-representation rule"},
}


def applicable_categories(regime: str) -> tuple[str, ...]:
    return tuple(c for c in CATEGORIES if c not in NOT_APPLICABLE.get(regime, {}))

# What a trainee reads for each category (progress notes, recommendations, dashboards).
CATEGORY_LABELS = {
    "threat_of_violence": ("threats of violence", "暴力威胁", "暴力威脅"),
    "threat_of_arrest_or_criminal_accusation": ("threats of arrest or a criminal charge",
                                                "以抓人或刑事追究相威胁", "以逮捕或刑事追訴相威脅"),
    "false_legal_action": ("false threats of legal action", "虚假的法律行动威胁",
                           "虛假的法律行動威脅"),
    "time_barred_debt_threat": ("threats over a time-barred debt", "对超过诉讼时效的债务施压",
                                "對已罹於時效的債務施壓"),
    "impersonating_authority": ("posing as police, a court or a lawyer", "冒充公检法或律师",
                                "冒充檢警、法院或律師"),
    "obscene_or_insulting_language": ("insulting or obscene language", "辱骂或粗俗用语",
                                      "辱罵或粗俗言語"),
    "harassment": ("harassment", "骚扰", "騷擾"),
    "public_shaming": ("public shaming", "公开曝光或羞辱", "公開曝光或羞辱"),
    "third_party_disclosure": ("telling others about the debt", "向第三方透露债务",
                               "向第三人透露債務"),
    "employer_contact": ("contacting the employer", "联系工作单位", "聯絡工作場所"),
    "attorney_represented_contact": ("contacting a debtor who has a lawyer",
                                     "联系已委托律师的债务人", "聯絡已委任律師的債務人"),
    "missing_collector_disclosure": ("not saying who you are and why you call",
                                     "未表明身份和催收目的", "未表明身分與催收目的"),
    "contact_time_window": ("calling outside the allowed hours", "在不允许的时段联系",
                            "在不允許的時段聯絡"),
    "contact_frequency": ("calling too often", "联系过于频繁", "聯絡過於頻繁"),
    "cease_request_ignored": ("ignoring a request to stop calling", "无视停止联系的要求",
                              "無視停止聯絡的要求"),
    "dispute_or_validation_rights": ("dispute and validation rights", "异议与核实权利",
                                     "異議與查證權利"),
    "misrepresented_amount_or_fee": ("misstating the amount or fees", "虚报金额或费用",
                                     "虛報金額或費用"),
    "coercive_payment_pressure": ("coercive pressure to pay", "强迫性的还款施压",
                                  "強迫性的還款施壓"),
    "recording_and_recordkeeping": ("recording and record-keeping", "录音与记录", "錄音與紀錄"),
}


def category_label(category: str, lang: str = "en") -> str:
    """The category in words, in ``lang`` (en, zh-Hans, zh-Hant); unknown ones as given.

    >>> category_label("contact_frequency", "zh-Hans")
    '联系过于频繁'
    """
    labels = CATEGORY_LABELS.get(category)
    if labels is None:
        return category
    return labels[{"zh-Hans": 1, "zh-Hant": 2}.get(lang, 0)]
