#!/usr/bin/env python3
"""Runs a command and prints its wall time and the CPU time of every process it started.

`time mvn verify` misses the CPU of a process Maven left running in the background (the offline
bundle since it runs beside the tests): once its parent exits it is re-parented away and never
waited for by `time`. This script makes itself the "child subreaper" (Linux prctl), so such
orphans become its children, waits for all of them, and reports user and system CPU of the whole
tree. Usage: bench/cpu-time.py COMMAND [ARG...]  (exit code is the command's).
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("cpu-time: prctl(PR_SET_CHILD_SUBREAPER) failed; background processes would not be counted",
              file=sys.stderr)
        return 2
    start = time.monotonic()
    code = subprocess.call(sys.argv[1:])
    end = time.monotonic()
    while True:   # the orphans: reaped as they end, so their CPU counts in RUSAGE_CHILDREN
        try:
            os.wait()
        except ChildProcessError:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"cpu-time: wall {end - start:.1f} s, user {usage.ru_utime:.1f} s, sys {usage.ru_stime:.1f} s, "
          f"user+sys {usage.ru_utime + usage.ru_stime:.1f} s", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
