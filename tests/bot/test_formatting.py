"""Coach text to Telegram HTML: escaping, bold marks, and splitting at Telegram's limit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.application import file_url
from bot.formatting import MAX_MESSAGE, split, to_html
from coach.replies import bold


def test_everything_is_escaped_except_the_coachs_bold() -> None:
    assert to_html(f"{bold('Squat')} 5x5 <3 & a<b") == "<b>Squat</b> 5x5 &lt;3 &amp; a&lt;b"
    assert to_html("<b>unclosed") == "&lt;b&gt;unclosed"
    assert to_html("<i>no</i>") == "&lt;i&gt;no&lt;/i&gt;"


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=20_000))
def test_split_keeps_every_piece_under_the_limit_and_loses_no_words(text: str) -> None:
    pieces = split(text)
    assert all(len(p) <= MAX_MESSAGE for p in pieces)
    assert "".join(text.split()) == "".join("".join(pieces).split())


def test_a_long_reply_breaks_at_lines() -> None:
    lines = [f"line {i} " + "x" * 50 for i in range(200)]
    pieces = split("\n".join(lines))
    assert len(pieces) > 1
    assert all(p.startswith("line ") for p in pieces)


def test_file_url_for_a_local_bot_api_server() -> None:
    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"


def test_countdowns_slow_down_when_many_run_under_a_rate_limit() -> None:
    from bot.timers import RestTimers

    timers = RestTimers(None, None, edit_every=5, rate_limit=30)  # type: ignore[arg-type]
    assert timers._pace() == 5
    timers._due.update({i: 0.0 for i in range(200)})
    assert timers._pace() == 20  # 200 countdowns within 10 edits a second
    unlimited = RestTimers(None, None, edit_every=5, rate_limit=0)  # type: ignore[arg-type]
    unlimited._due.update({i: 0.0 for i in range(50)})
    assert unlimited._pace() == 5
    unlimited._due.update({i: 0.0 for i in range(400)})
    assert unlimited._pace() == 20  # the process's own time is a budget too
