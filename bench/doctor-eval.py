#!/usr/bin/env python3
"""Measures `guide doctor` on a labelled set of real-world files kept OUTSIDE the repository.

Usage: bench/doctor-eval.py SET_DIR [--jar target/guide.jar] [--show]

SET_DIR holds the files and a labels.tsv written before the tool was run on them, one row per file:
  item  mode  file  kind  component  problems
item is a path under SET_DIR; mode is `file` (doctor ITEM) or `dir` (doctor ITEM, a folder; `file`
then names one file inside it); kind and component are what doctor should decide (`-` = no
component); problems is `LINE:SCOPE:what; ...` with SCOPE `in` (the tool's data can know it) or
`out`. Rows starting with # are comments.

Prints: precision of errors (an error is true when a labelled problem sits at its file and line),
recall of the in-scope problems (found by an error or a warning at that line), kind and component
detection, and the wall time per run. Nothing here embeds the files themselves.
"""
import collections
import json
import os
import re
import subprocess
import sys
import time

FINDING = re.compile(r"^(?P<file>[^:\s][^:]*?):(?:(?P<line>\d+):)? \[(?P<check>[\w-]+)\] (?P<warn>warning: )?(?P<msg>.*)$")
OLD_KIND = re.compile(r"^checking (?P<file>\S+) as (?P<kind>[\w-]+)(?: \(component (?P<component>[\w-]+)\))?")


def run(jar, cwd, operands):
    started = time.monotonic()
    json_args = ["--format", "json"]
    cmd = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "doctor", *json_args, *operands]
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    if p.returncode == 2 and "format" in (p.stderr + p.stdout):
        cmd = [c for c in cmd if c not in json_args]
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    return p, elapsed


def parse(p):
    """(decisions {file: (kind, component)}, findings [(file, line, severity, check, message)])."""
    decisions, findings = {}, []
    try:
        report = json.loads(p.stdout)
        for f in report.get("files", []):
            decisions[os.path.normpath(f["path"])] = (f.get("kind") or "-", f.get("component") or "-")
        for f in report.get("findings", []):
            findings.append((os.path.normpath(f["file"]), f.get("line", 0), f["severity"], f["check"], f["message"]))
        return decisions, findings
    except (ValueError, KeyError):
        pass
    for line in p.stdout.splitlines():
        m = OLD_KIND.match(line)
        if m:
            decisions[os.path.normpath(m["file"])] = (m["kind"], m["component"] or "-")
    for line in p.stderr.splitlines():
        m = FINDING.match(line)
        if m:
            findings.append((os.path.normpath(m["file"]), int(m["line"] or 0), "warning" if m["warn"] else "error",
                             m["check"], m["msg"]))
    return decisions, findings


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    base = os.path.abspath(args[0])
    jar = os.path.abspath(args[args.index("--jar") + 1]) if "--jar" in args else os.path.abspath("target/guide.jar")
    show = "--show" in args
    rows = collections.OrderedDict()
    with open(os.path.join(base, "labels.tsv"), encoding="utf-8") as f:
        for raw in f:
            if raw.startswith("#") or not raw.strip():
                continue
            item, mode, file, kind, component, *rest = raw.rstrip("\n").split("\t")
            problems = []
            for p in (rest[0] if rest else "").split(";"):
                p = p.strip()
                if p:
                    line, scope, what = p.split(":", 2)
                    problems.append((int(line), scope, what))
            rows.setdefault((item, mode), []).append((file, kind, component, problems))

    err_true = err_false = 0
    warn_true = warn_false = 0
    found_in = total_in = found_out = total_out = 0
    kinds_ok = kinds = comps_ok = comps = 0
    times = []
    misses, false_errors, wrong_kinds = [], [], []
    for (item, mode), files in rows.items():
        path = os.path.join(base, item)
        if mode == "dir":
            cwd, operands = path, ["."]
            p, elapsed = run(jar, cwd, operands)
            if p.returncode == 2:  # a doctor without folder support: name every labelled file
                p, elapsed = run(jar, cwd, [f for f, *_ in files])
        else:
            cwd, operands = os.path.dirname(path), [os.path.basename(path)]
            p, elapsed = run(jar, cwd, operands)
        times.append(elapsed)
        decisions, findings = parse(p)
        names = {os.path.normpath(f if mode == "dir" else os.path.basename(item)): (k, c, pr) for f, k, c, pr in files}
        labelled = {(n, line) for n, (_, _, pr) in names.items() for line, _, _ in pr}
        for file, line, severity, check, message in findings:
            hit = (file, line) in labelled
            if severity == "error":
                err_true += hit
                err_false += not hit
                if not hit:
                    false_errors.append(f"{item}:{file}:{line}: [{check}] {message}")
            else:
                warn_true += hit
                warn_false += not hit
        at = {(f, l) for f, l, *_ in findings}
        for n, (kind, component, problems) in names.items():
            decided = decisions.get(n)
            kinds += 1
            if decided and decided[0] == kind:
                kinds_ok += 1
            else:
                wrong_kinds.append(f"{item}:{n}: kind {decided[0] if decided else 'none'}, expected {kind}")
            if component != "-":
                comps += 1
                if decided and decided[1] == component:
                    comps_ok += 1
                else:
                    wrong_kinds.append(f"{item}:{n}: component {decided[1] if decided else 'none'}, expected {component}")
            for line, scope, what in problems:
                hit = (n, line) in at
                if scope == "in":
                    total_in += 1
                    found_in += hit
                else:
                    total_out += 1
                    found_out += hit
                if not hit:
                    misses.append(f"{item}:{n}:{line} [{scope}] {what}")
        if show:
            print(f"== {item} ({elapsed:.1f} s, exit {p.returncode})")
            print(p.stdout.rstrip())
            print(p.stderr.rstrip())

    def ratio(a, b):
        return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0/0)"

    times.sort()
    print(f"runs: {len(times)}, files: {kinds}, median {times[len(times) // 2]:.2f} s per run")
    print(f"precision, errors:          {ratio(err_true, err_true + err_false)}")
    print(f"precision, all findings:    {ratio(err_true + warn_true, err_true + err_false + warn_true + warn_false)}")
    print(f"recall, in-scope problems:  {ratio(found_in, total_in)}")
    print(f"recall, all known problems: {ratio(found_in + found_out, total_in + total_out)}")
    print(f"kind detection:             {ratio(kinds_ok, kinds)}")
    print(f"component detection (.env): {ratio(comps_ok, comps)}")
    for title, lines in (("false errors", false_errors), ("missed problems", misses), ("wrong kind/component", wrong_kinds)):
        if lines:
            print(f"-- {title}:")
            for line in lines:
                print("   " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
