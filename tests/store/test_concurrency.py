"""Real processes: eight recording at once lose no turn; a killed one loses no committed turn."""

import multiprocessing
import os
import signal

import pytest
from _roleplay import LINES, play_in_worker, play_until_killed

from collectkit.engine import Session

WORKERS = 8


def _context():
    # fork reuses the parent's loaded rules and personas: much faster than spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@pytest.fixture(autouse=True, scope="module")
def _warm_engine():
    Session("aggressive", seed=0, lang="en").say(LINES[0])  # load rules before forking


def test_eight_processes_record_at_once(store, db_url):
    ctx = _context()
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    workers = [ctx.Process(target=play_in_worker, args=(db_url, seed, barrier, results))
               for seed in range(1, WORKERS + 1)]
    for worker in workers:
        worker.start()
    played = dict((seed, turns) for seed, _pid, turns in (results.get(timeout=90) for _ in workers))
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert len(played) == WORKERS

    sessions = store.sessions()
    assert len(sessions) == WORKERS
    turns = store.turns_df()
    assert len(turns) == sum(played.values())
    by_worker = {t.name: t.id for t in store.trainees()}
    for seed, count in played.items():
        [info] = [s for s in sessions if s.trainee_id == by_worker[f"worker {seed}"]]
        assert (info.seed, info.turns) == (seed, count)
        mine = turns[turns.session_id == info.id]
        assert list(mine["turn"]) == list(range(count))
        assert list(mine["speaker"]) == ["agent", "debtor"] * (count // 2)


def test_a_killed_process_loses_no_committed_turn(store, db_url):
    said = 3  # exchanges committed before the kill
    ctx = _context()
    parent_end, child_end = ctx.Pipe()
    child = ctx.Process(target=play_until_killed, args=(db_url, child_end, LINES[:said]))
    child.start()
    try:
        assert parent_end.poll(90), "the child never reported its turns"
        row, texts = parent_end.recv()
        assert parent_end.poll(30) and parent_end.recv() == "holding"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL

    [info] = store.open_sessions()
    assert (info.id, info.turns, info.status) == (row, 2 * said, "open")
    stored = store.turns_df(row)
    assert list(stored["text"]) == texts and "never committed" not in set(stored["text"])

    live = store.resume(row)  # the lock the dead process held is gone
    assert [t.text for t in live.turns] == texts
    live.say(LINES[said])
    assert store.sessions()[0].turns == 2 * said + 2
    store.finish(live)
    assert store.open_sessions() == [] and store.sessions()[0].status == "finished"
