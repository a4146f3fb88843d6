"""Sanity check for this folder: parse, labels, meta consistency, counts.

Run: python tests/data/calls/validate.py  (needs PyYAML; exits 1 on any problem)
"""
import collections
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
AGENT = {"agent", "collector", "trainee", "催收员", "催收員", "催收人员", "催收人員", "坐席", "催收"}
OTHER = {"debtor", "customer", "caller", "客户", "债务人", "客戶", "債務人", "第三方"}
CATS = """threat_of_violence threat_of_arrest_or_criminal_accusation false_legal_action
time_barred_debt_threat impersonating_authority obscene_or_insulting_language harassment
public_shaming third_party_disclosure employer_contact attorney_represented_contact
missing_collector_disclosure contact_time_window contact_frequency cease_request_ignored
dispute_or_validation_rights misrepresented_amount_or_fee coercive_payment_pressure
recording_and_recordkeeping""".split()
CALL_LEVEL = {"contact_time_window", "contact_frequency", "missing_collector_disclosure"}
WINDOWS = {"US": (8, 21), "CN": (8, 22), "TW": (7, 22)}
FOLDER_LANG = {"en": "en", "zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant"}
LINE = re.compile(r"^([^:：]{1,12})\s*[:：]\s*(\S.*)$")
errors = []


def err(path, msg):
    errors.append(f"{path.relative_to(ROOT)}: {msg}")


def as_dt(v):
    return v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(str(v))


def outside_window(meta):
    start = as_dt(meta["started_at"])
    lo, hi = WINDOWS[meta["jurisdiction"]]
    t = start.time()
    return t < dt.time(lo) or t >= dt.time(hi)


def frequency_violation(meta):
    now = as_dt(meta["started_at"])
    prior = [(as_dt(p["at"]), p["answered"]) for p in meta.get("prior_contacts") or []]
    j = meta["jurisdiction"]
    if j == "US":
        in7 = [a for a, _ in prior if now.date() - dt.timedelta(days=6) <= a.date() <= now.date()]
        if len(in7) + 1 > 7:
            return True
        return any(ans and 0 <= (now.date() - a.date()).days <= 6 for a, ans in prior)
    if j == "CN":
        same_day = [a for a, ans in prior if ans and a.date() == now.date()]
        return len(same_day) + 1 > 3
    return None  # TW: no numeric rule; judged by hand


def check(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not m:
        return err(path, "no front matter"), None
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as e:
        return err(path, f"bad YAML: {e}"), None
    turns = []
    for n, line in enumerate(m.group(2).splitlines(), 1):
        if not line.strip():
            continue
        lm = LINE.match(line)
        if not lm:
            err(path, f"body line {n} is not 'Label: text'")
            continue
        label = lm.group(1).strip().lower()
        if label in AGENT:
            turns.append("agent")
        elif label in OTHER:
            turns.append("other")
        else:
            err(path, f"body line {n}: unknown label {label!r}")
    if not 6 <= len(turns) <= 16:
        err(path, f"{len(turns)} turns (want 6-16)")
    if meta["call_id"] != path.stem:
        err(path, "call_id does not match file name")
    if meta["lang"] != FOLDER_LANG[path.parent.name]:
        err(path, "lang does not match folder")
    prefix = {"us": "US", "cn": "CN", "tw": "TW"}[path.stem.split("-")[0]]
    if meta["jurisdiction"] != prefix:
        err(path, "jurisdiction does not match call id")
    exp = meta["expected"] or []
    cats = set()
    for e in exp:
        c, t = e["category"], e["turn"]
        cats.add(c)
        if c not in CATS:
            err(path, f"unknown category {c}")
        if t is None:
            if c not in CALL_LEVEL:
                err(path, f"{c} has null turn")
        elif not (isinstance(t, int) and 0 <= t < len(turns)):
            err(path, f"{c}: turn {t} out of range")
        elif turns[t] != "agent":
            err(path, f"{c}: turn {t} is not an agent turn")
        if c in CALL_LEVEL - {"missing_collector_disclosure"} and t is not None:
            err(path, f"{c} should be call-level")
    # meta consistency
    ctw = outside_window(meta) and not meta["debtor_consented_hours"]
    if ctw != ("contact_time_window" in cats):
        err(path, f"time window: computed {ctw}, labelled {'contact_time_window' in cats}")
    fv = frequency_violation(meta)
    if fv is not None and fv != ("contact_frequency" in cats):
        err(path, f"frequency: computed {fv}, labelled {'contact_frequency' in cats}")
    if "attorney_represented_contact" in cats and (meta["jurisdiction"] != "US" or not meta["attorney_represented"]):
        err(path, "attorney_represented_contact needs US + attorney_represented")
    if "time_barred_debt_threat" in cats and not meta["time_barred"]:
        err(path, "time_barred_debt_threat without time_barred")
    if meta["jurisdiction"] == "US" and "cease_request_ignored" in cats and not meta["cease_requested"]:
        err(path, "US cease_request_ignored without cease_requested")
    if meta["jurisdiction"] == "US" and "dispute_or_validation_rights" in cats:
        pass  # may be overshadowing before a dispute
    body = m.group(2)
    agent_text = " ".join(l.split(":", 1)[-1].split("：", 1)[-1] for l in body.splitlines()
                          if LINE.match(l) and LINE.match(l).group(1).strip().lower() in AGENT)
    if "missing_collector_disclosure" not in cats:
        if meta["jurisdiction"] == "US" and meta["party"] in ("debtor", "spouse"):
            if not re.search(r"debt collector|attempt to collect|债务催收|追讨债务", agent_text, re.I):
                err(path, "US call without mini-Miranda but no missing_collector_disclosure label")
        if meta["jurisdiction"] in ("CN", "TW"):
            if not re.search(r"银行|銀行|消费金融|公司", agent_text):
                err(path, "CN/TW call without institution but no missing_collector_disclosure label")
    return meta, turns


def main():
    files = sorted(ROOT.glob("*/*.txt"))
    per_lang = collections.Counter()
    per_cat = collections.Counter()
    per_reg = collections.defaultdict(collections.Counter)
    clean = collections.Counter()
    nturns = []
    for f in files:
        meta, turns = check(f)
        if meta is None:
            continue
        key = f"{f.parent.name}/{'us-zh' if f.stem.startswith('us-zh') else f.stem[:2]}"
        per_lang[key] += 1
        nturns.append(len(turns))
        exp = meta["expected"] or []
        if not exp:
            clean[key] += 1
        reg = meta["jurisdiction"] + ("-en" if f.parent.name == "en" else "-zh" if meta["jurisdiction"] == "US" else "")
        for e in exp:
            per_cat[e["category"]] += 1
            per_reg[reg][e["category"]] += 1
    print(f"{len(files)} files, turns per call {min(nturns)}-{max(nturns)} (mean {sum(nturns)/len(nturns):.1f})")
    for k, v in sorted(per_lang.items()):
        print(f"  {k:16} {v:3} calls, {clean[k]} clean")
    regs = ["US-en", "US-zh", "CN", "TW"]
    print(f"\n{'category':42}" + "".join(f"{r:>7}" for r in regs) + "  total")
    for c in CATS:
        print(f"{c:42}" + "".join(f"{per_reg[r][c]:7}" for r in regs) + f"{per_cat[c]:7}")
    print(f"{'all':42}" + "".join(f"{sum(per_reg[r].values()):7}" for r in regs) + f"{sum(per_cat.values()):7}")
    low = [(r, c) for r, rr in (("US-en", "US"), ("CN", "CN"), ("TW", "TW")) for c in CATS
           if per_reg[r][c] < 2 and not (c == "attorney_represented_contact" and rr != "US")]
    if low:
        print("\nunder 2 per regime:", low)
    if errors:
        print("\nERRORS:")
        print("\n".join(errors))
        return 1
    print("\nall files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
