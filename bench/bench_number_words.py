"""Number words: text2num against number-parser on the number phrases of our own fixtures (accuracy and speed).

Phrases: every count phrase in tests/fixtures/reports/incidents.jsonl and bench/labels/own_words_incidents.jsonl
that tacitus.extract.numbers finds in words (not digits), with the value our parser gives as the reference,
plus the phrases issue 10 names ("half a dozen", "nearly a hundred"). Each library is asked for the value of
the phrase; a library that cannot read it counts as a miss. number-parser is not a dependency: install it
(`pip install number-parser`) to include it.

Run: .venv/bin/python bench/bench_number_words.py
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.extract.numbers import COUNT_RE, word_value  # noqa: E402

SOURCES = (ROOT / "tests/fixtures/reports/incidents.jsonl", ROOT / "bench/labels/own_words_incidents.jsonl")
NAMED = {"half a dozen": 6, "a hundred": 100, "a dozen": 12, "two dozen": 24}  # "nearly a hundred": hedge + "a hundred"


def phrases() -> dict[str, int]:
    out = dict(NAMED)
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            for m in COUNT_RE.finditer(text):
                num = m["num"]
                value = word_value(num)
                if value is not None and not num.replace(",", "").isdigit():
                    out[num.casefold()] = value
    return out


def _text2num(phrase: str) -> int | None:
    from text_to_num import text2num

    try:
        return int(text2num(phrase, "en"))
    except ValueError:
        return None


def _number_parser(phrase: str) -> int | None:
    from number_parser import parse_number

    value = parse_number(phrase)
    return int(value) if value is not None else None


def measure(name: str, fn: Callable[[str], int | None], cases: dict[str, int]) -> None:
    hits = sum(fn(p) == v for p, v in cases.items())
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for p in cases:
            fn(p)
    rate = rounds * len(cases) / (time.perf_counter() - start)
    print(f"{name:<14} {hits:3d}/{len(cases)} phrases right   {rate:10.0f} phrases/s")


def main() -> int:
    cases = phrases()
    print(f"{len(cases)} distinct number phrases in words")
    measure("text2num", _text2num, cases)
    try:
        import number_parser  # noqa: F401
    except ImportError:
        print("number-parser   not installed (pip install number-parser)")
    else:
        measure("number-parser", _number_parser, cases)
    measure("tacitus", word_value, cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
