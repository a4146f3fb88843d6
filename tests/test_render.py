from collectkit import from_lines, score


def test_report_html_escapes_call_text():
    call = from_lines(["<script>alert(1)</script> we will have you arrested"], jurisdiction="US")
    html = score(call).to_html(call)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "US-ARREST-01" in html


def test_report_html_in_chinese():
    call = from_lines(["你这是诈骗，要坐牢的。<b>"], jurisdiction="US")
    html = score(call)._repr_html_()
    assert "你这是诈骗，要坐牢的。&lt;b&gt;" in html and "FAILED" in html
