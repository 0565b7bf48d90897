#!/usr/bin/python3
"""Counts test cases in meson's testlog.json files and prints the closing
line "N passed, N failed[, N skipped]". A TAP test counts each of its
subtests; any other test counts once. Exits 1 if anything failed."""

import argparse
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b[^#]*(#\s*(SKIP|TODO)\b)?", re.IGNORECASE)


def count_tap(stdout):
    passed = failed = skipped = 0
    for line in stdout.splitlines():
        m = TAP_LINE.match(line)
        if not m:
            continue
        directive = (m.group(3) or "").upper()
        if directive == "SKIP":
            skipped += 1
        elif m.group(1) == "ok" or directive == "TODO":
            passed += 1
        else:
            failed += 1
    return passed, failed, skipped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--extra-failures", type=int, default=0)
    parser.add_argument("logs", nargs="*")
    args = parser.parse_args()

    passed, failed, skipped = 0, args.extra_failures, 0
    failures = []
    for path in args.logs:
        try:
            with open(path, encoding="utf-8") as f:
                entries = [json.loads(line) for line in f if line.strip()]
        except OSError as e:
            print(f"test-summary: cannot read {path}: {e}")
            failed += 1
            continue
        for entry in entries:
            result = entry.get("result", "")
            name = entry.get("name", "?")
            p, fl, s = count_tap(entry.get("stdout") or "")
            if p + fl + s == 0:
                if result in ("OK", "EXPECTEDFAIL"):
                    p = 1
                elif result == "SKIP":
                    s = 1
                else:
                    fl = 1
            elif result not in ("OK", "SKIP", "EXPECTEDFAIL") and fl == 0:
                # Crashed or timed out after its last reported subtest.
                fl = 1
            if fl:
                failures.append(f"{path.split('/')[0]}: {name} ({result})")
            passed += p
            failed += fl
            skipped += s

    for failure in failures:
        print(f"FAILED: {failure}")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
