"""Scores order hand-labelled calls as a supervisor would (issue: coaching, calibration)."""

from pathlib import Path

from collectkit.scoring.calibration import BANDS, calibrate, spearman

FOLDER = Path(__file__).resolve().parent.parent / "data" / "calibration"


def test_spearman_helper():
    assert abs(spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1.0) < 1e-9
    assert abs(spearman([1, 2, 3, 4], [40, 30, 20, 10]) + 1.0) < 1e-9
    assert abs(spearman([1, 1, 2], [5, 5, 9]) - 1.0) < 1e-9


def test_scores_order_calls_as_labelled():
    results = calibrate(FOLDER)
    assert len(results) >= 30
    rho = spearman([BANDS[band] for _, band, _ in results], [r.score.total for _, _, r in results])
    table = "\n".join(f"{cid:<14} {band:<11} {r.score.total:>3} {r.breakdown}" for cid, band, r in
                      sorted(results, key=lambda x: x[2].score.total))
    assert rho >= 0.8, f"Spearman {rho:.2f}\n{table}"


def test_every_fail_fails_and_every_excellent_passes():
    for cid, band, report in calibrate(FOLDER):
        if band == "fail":
            assert not report.score.passed, cid
        if band == "excellent":
            assert report.score.passed, (cid, report.breakdown, [v.rule for v in report.violations])
