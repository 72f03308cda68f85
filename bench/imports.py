"""What an import costs in a large store: `mosaic import citations --load` of a small file of
citations into a copy of a store loaded from generated data, timed over several runs.

    python bench/imports.py --data /tmp/mosaic-bench/n1000000/data/data.nq --runs 3

The store is built once with `mosaic load --data-file` (its time and peak memory are printed too);
each run imports into a fresh copy of it, so that every run starts from the same store.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from processes import run_timed

BIN = Path(sys.executable).parent
CITATIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "import" / "citations-wrapped.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="N-Quads written by `mosaic synth`")
    parser.add_argument("--citations", type=Path, default=CITATIONS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mosaic-imports-") as work:
        store = Path(work) / "store"
        loaded = run_timed([str(BIN / "mosaic"), "load", "--data-file", str(args.data), "--store", str(store)])
        print(f"load: {loaded.seconds:.1f} s, peak RSS {loaded.peak_rss_mb:,.0f} MB", flush=True)
        seconds = []
        for run in range(1, args.runs + 1):
            copy = Path(work) / f"copy-{run}"
            shutil.copytree(store, copy, symlinks=True)
            timed = run_timed([str(BIN / "mosaic"), "import", "citations", str(args.citations), "--load",
                               "--store", str(copy)])
            seconds.append(timed.seconds)
            print(f"import {run}: {timed.seconds:.1f} s, peak RSS {timed.peak_rss_mb:,.0f} MB", flush=True)
            shutil.rmtree(copy)
        print(f"import of {args.citations.name}: median {statistics.median(seconds):.1f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
