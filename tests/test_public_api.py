import collectkit


def test_public_api_is_pinned():
    expected = {"ACTS", "CATEGORIES", "CallMeta", "CollectkitError", "RuleError", "ScoreReport",
                "Transcript", "TranscriptError", "Turn", "Violation", "check", "default_catalog",
                "from_lines", "load", "load_all", "parse_script", "parse_text", "recognize",
                "score", "score_many", "__version__"}
    assert expected <= set(collectkit.__all__)
    for name in collectkit.__all__:
        assert getattr(collectkit, name) is not None


def test_score_many_streams_in_order():
    calls = [collectkit.from_lines(["Hello."], call_id=str(i)) for i in range(3)]
    reports = collectkit.score_many(iter(calls))
    assert next(reports).call_id == "0"
    assert [r.call_id for r in reports] == ["1", "2"]
