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
