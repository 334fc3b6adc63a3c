"""Measure how far planctl's dates agree with the ones Project computed and stored in its
files (docs/import.md, "Agreement with Microsoft Project").

    python benchmarks/import_agreement.py 'path/to/files/*.mpp' 'path/to/files/*mspdi.xml'

Each file is imported, scheduled without levelling (`planctl.importer.agreement`), and each
task's start and finish compared, as days, with the file's. Prints one line per pattern, and
with `--verbose` the tasks that differ.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


def main() -> int:
    from planctl.errors import PlanctlError
    from planctl.importer import import_file
    from planctl.importer.agreement import Agreement, agreement

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="+", help="glob patterns of project files")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    for pattern in args.patterns:
        total, files, failed = Agreement(), 0, Counter[str]()
        for path in sorted(glob.glob(pattern)):
            try:
                found = agreement(import_file(path))
            except PlanctlError as exc:
                failed[str(exc).split(": ", 1)[-1][:60]] += 1
                continue
            files += 1
            total.add(found)
            if args.verbose:
                for difference in found.differences:
                    print(f"  {os.path.basename(path)}: {difference}")
        share = total.agreed / total.compared if total.compared else 0.0
        overall = total.all_agreed / total.all_compared if total.all_compared else 0.0
        print(f"{pattern}: {files} files ({sum(failed.values())} not read: {dict(failed)}); "
              f"comparable tasks {total.agreed}/{total.compared} agree ({share:.1%}); "
              f"all tasks with dates {total.all_agreed}/{total.all_compared} ({overall:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
