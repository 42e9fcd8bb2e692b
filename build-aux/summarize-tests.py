#!/usr/bin/python3
# Counts meson's test results (meson-logs/testlog.json) across build trees and prints
# "N passed, M failed"; exits non-zero on any failure or when nothing ran.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

PASS = {"OK", "EXPECTEDFAIL", "SKIP"}

def main(argv):
    failed = int(argv[1])
    passed = 0
    for build in argv[2:]:
        try:
            with open(f"{build}/meson-logs/testlog.json", encoding="utf-8") as log:
                for line in log:
                    entry = json.loads(line)
                    if entry.get("result") in PASS:
                        passed += 1
                    else:
                        failed += 1
                        print(f"FAILED: {build}: {entry.get('name')} ({entry.get('result')})")
        except FileNotFoundError:
            print(f"FAILED: {build}: no test log")
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
