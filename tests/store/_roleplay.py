"""Role-play helpers for the store tests, importable by worker processes too.

Only the ``aggressive`` persona in English is used: the other personas are still being written.
"""

from __future__ import annotations

import os
import time

LINES = ["Hello, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?",
         "I can hear you're upset. What's been going on?",
         "That sounds like a hard few months.",
         "We could set up a smaller monthly plan.",
         "What could you pay, and when?",
         "Thanks for talking with me."]
THREAT = "Pay today or we will call the police and have you arrested."


def play(store, trainee_id, lines=LINES, *, seed=1, scenario="aggressive", drill_id=None):
    """A recorded role-play with the aggressive debtor in English."""
    from collectkit.engine import Session

    session = Session(scenario, seed=seed, lang="en")
    store.record(session, trainee_id, drill_id=drill_id)
    for line in lines:
        if session.ended:
            break
        session.say(line)
    return session


def play_in_worker(url, seed, barrier, results):
    """One of several processes recording a call at the same time."""
    from collectkit.store import ResultStore

    store = ResultStore(url)
    trainee = store.add_trainee(f"worker {seed}", email=f"worker{seed}@example.test")
    barrier.wait(timeout=60)
    session = play(store, trainee, seed=seed)
    results.put((seed, os.getpid(), len(session.turns)))
    store.dispose()


def play_until_killed(url, pipe, lines):
    """Record ``lines``, report the committed turns, then hold an uncommitted write until killed."""
    from sqlalchemy import insert

    from collectkit.store import ResultStore
    from collectkit.store.models import TurnRow

    store = ResultStore(url)
    session = play(store, store.add_trainee("Crash"), lines, seed=5)
    row = session.on_turn.session_id
    pipe.send((row, [t.text for t in session.turns]))
    with store._engine.begin() as conn:  # a write in flight when the process dies
        conn.execute(insert(TurnRow).values(session_id=row, index=len(session.turns),
                                            speaker="agent", text="never committed", acts=[],
                                            cues=[], events=[]))
        pipe.send("holding")
        time.sleep(120)
