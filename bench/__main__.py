"""``python -m bench`` (``make bench ARGS=…``): the clerk's work at scale in one table.

    python -m bench                          100,000 cards, 1,000,000 loans, 5 runs each
    python -m bench --cards 20000 --loans 100000 --repeat 3
    python -m bench --only search,loan       some rows only
    python -m bench --only login --frozen dist/ArchiveDesk/ArchiveDesk   start-up, frozen build too
    python -m bench --db postgresql://…      the same archive on a PostgreSQL server (search,
                                             loan, clerks; see bench/server.py)
    python -m bench.generate --out FILE      just build a database (see bench/generate.py)

The database is generated once per size and seed and kept in ``<temp>/archive-desk-bench/``.
Timings live here, never in the test suite; ``tests/test_bench_smoke.py`` runs this on a tiny
database so the benchmark cannot rot.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from bench import generate, suite


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--loans", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per figure (the median is kept)"
    )
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(suite.KEYS))
    parser.add_argument("--cache", type=Path, help="folder of generated databases")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="a PostgreSQL database (postgresql://…, e.g. from make pg-start) to measure on",
    )
    default_frozen = Path(__file__).resolve().parent.parent / "dist" / "ArchiveDesk" / "ArchiveDesk"
    parser.add_argument(
        "--frozen",
        type=Path,
        default=default_frozen if default_frozen.exists() else None,
        help="the frozen build's program, for the start-up rows (default: make dist's, if built)",
    )
    args = parser.parse_args(argv)
    default = suite.SERVER_KEYS if args.db else suite.KEYS
    only = [k.strip() for k in args.only.split(",") if k.strip()] or list(default)
    unknown = set(only) - set(suite.KEYS)
    if unknown:
        parser.error("unknown benchmark: " + ", ".join(sorted(unknown)))
    started = time.perf_counter()
    print(
        f"档案台基准测试：{args.cards:,} 张档案卡，{args.loans:,} 笔借阅，每项取 {args.repeat} 次的中位数"
    )
    built = generate.cached_database(args.cards, args.loans, args.seed, folder=args.cache)
    if args.db:
        from bench import server

        results = server.run(built, args.db, repeat=args.repeat, only=only)
        print(f"\n档案服务器：{server.describe(args.db)}")
    else:
        results = suite.run(built, repeat=args.repeat, only=only, frozen=args.frozen)
    print()
    print(suite.table(results))
    print()
    cpu = os.cpu_count() or 0
    print(
        f"数据库 {built.size_bytes / 1e6:,.0f} MB（{args.cards:,} 张卡片、{args.loans:,} 笔借阅，种子 {args.seed}"
        + (f"，生成用时 {built.build_seconds:.0f} s" if built.build_seconds else "，取自缓存")
        + f"）；{platform.python_implementation()} {platform.python_version()}，{cpu} 核，"
        f"{platform.system()}；总用时 {time.perf_counter() - started:.0f} s"
    )
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
