"""Helpers for the tracking and widget tests: a recorded call, and a name that tries to be HTML.

(Kept out of conftest.py: several conftest modules share that name, so importing from one of
them in a test module is ambiguous when the whole suite runs.)
"""

IMG_NAME = "<img src=x onerror=alert(1)>"

POLITE_LINES = ["Hello, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?",
                "I can hear you're upset. What's been going on?",
                "That sounds like a hard few months.",
                "We could set up a smaller monthly plan.",
                "What could you pay, and when?",
                "Thanks for talking with me."]  # us-aggressive-card, seed 1: 68, no violation
THREAT_LINE = "Pay today or we will call the police and have you arrested."


def play_call(store, trainee_id, scenario="us-aggressive-card", lines=POLITE_LINES, *, seed=1,
              lang="en", drill_id=None):
    """A recorded, finished role-play; returns the report."""
    from collectkit.engine import Session

    session = Session(scenario, seed=seed, lang=lang)
    store.record(session, trainee_id, drill_id=drill_id)
    for line in lines:
        if session.ended:
            break
        session.say(line)
    return store.finish(session)
