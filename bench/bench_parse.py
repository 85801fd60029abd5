"""Quick-log lines parsed per second on one core (target ≥ 20 000/s).

A deterministic corpus of what lifters type — sets×reps, weight×reps, per-set lists, RPE,
pounds, bodyweight, holds, cardio, nicknames, a few typos and some chatter — with varied
numbers, parsed line by line after one warm-up pass (the catalog's matcher is built once per
process, as in the bot). A second figure parses never-seen typos, the matcher's slowest path.
"""

from __future__ import annotations

import random
import time

from coach.catalog import Catalog
from coach.logbook.parser import parse_log
from db.library import default_library

TEMPLATES = (
    "squat {s}x{r} {w}", "bench {w}x{r}", "deadlift {w}x{r}x{s}", "bench {w}x{r}, {w2}x{r}, {w3}x{r2}",
    "ohp {w} {r}/{r}/{r2}", "bench {s}x{r} {w} @{rpe}", "rdl {s}x{r} {w} rir 2", "squat {s}x{r} {w} lbs",
    "Squats 3 sets of {r} at {w}", "pull-ups {s}x{r}", "dips +{p}kg {s}x{r}", "plank {s}x{t}s",
    "ran {k}k in {m}:{sec:02d}", "row 2000m 7:{sec:02d}", "lat pulldown {s}x{r} {w}", "db bench {s}x{r} {p}",
    "💪 bench {s}x{r} {w}", "incline db press {s}x{r} {p}", "leg press {s}x{r} {w3}", "curls {s}x{r} {p}",
    "benhc {w}kg x {r}", "deadlfit {s}x{r} {w2}", "hip thrust {s}x{r} {w}", "face pulls {s}x{r} {p}",
    "bike {m} min", "great session today", "chin ups {s}x{r} +{p}", "front squat {s}x{r} {w}",
)  # fmt: skip


def corpus(size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(size):
        w = rng.randrange(40, 180)
        lines.append(
            rng.choice(TEMPLATES).format(
                s=rng.randrange(2, 6),
                r=rng.randrange(3, 12),
                r2=rng.randrange(2, 8),
                w=w,
                w2=w + 5,
                w3=w + 10,
                rpe=rng.choice((7, 7.5, 8, 8.5, 9)),
                p=rng.randrange(5, 40),
                t=rng.choice((30, 45, 60)),
                k=rng.choice((3, 5, 10)),
                m=rng.randrange(15, 59),
                sec=rng.randrange(0, 60),
            )
        )
    return lines


def typos(size: int, seed: int = 11) -> list[str]:
    """Names a few letters off, each different, so no cache helps."""
    rng = random.Random(seed)
    words = ("bench", "squat", "deadlift", "overhead", "pulldown", "romanian", "bulgarian", "lateral")
    lines = []
    for i in range(size):
        word = list(rng.choice(words))
        j = rng.randrange(len(word) - 1)
        word[j], word[j + 1] = word[j + 1], word[j]
        lines.append(
            f"{''.join(word)}{'s' * (i % 3)} {rng.randrange(2, 6)}x{rng.randrange(3, 12)} {i % 200 + 20}"
        )
    return lines


async def run(ctx) -> None:
    catalog = Catalog.from_library(default_library())
    lines = corpus(20_000 if ctx.quick else 100_000)
    for line in lines[:2000]:
        parse_log(line, catalog)
    started = time.perf_counter()
    for line in lines:
        parse_log(line, catalog)
    elapsed = time.perf_counter() - started
    ctx.figure(
        "parse_lines_per_second",
        len(lines) / elapsed,
        "lines/s",
        f"{len(lines)} mixed log lines, one at a time, one core",
        target=">= 20000",
    )
    fresh = typos(500 if ctx.quick else 2000)
    started = time.perf_counter()
    for line in fresh:
        parse_log(line, catalog)
    elapsed = time.perf_counter() - started
    ctx.figure(
        "parse_unseen_typo_lines_per_second",
        len(fresh) / elapsed,
        "lines/s",
        f"{len(fresh)} lines whose movement name is a new typo each time (fuzzy matching, no cache)",
    )
