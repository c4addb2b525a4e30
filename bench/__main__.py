"""Run the benchmarks: ``python -m bench [NAME ...]``.

Each module ``bench/bench_*.py`` defines ``run(argv) -> None`` and prints its figures. Timings are
measured here, never in the test suite.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = [a for a in argv if not a.startswith("-")]
    chosen = [n for n in names if not wanted or n.removeprefix("bench_") in wanted or n in wanted]
    if not chosen:
        print("没有可运行的基准测试。可选：" + "、".join(n.removeprefix("bench_") for n in names))
        return 1
    for name in chosen:
        print(f"== {name} ==")
        importlib.import_module(f"bench.{name}").run(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
