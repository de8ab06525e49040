#!/usr/bin/env python3
"""Medians, ratios and ms/page from target/bench/results.tsv (tool size run wall rss_kb user sys rc)."""
import collections, re, statistics, sys
from pathlib import Path

T = Path(sys.argv[1])
wall = collections.defaultdict(list); rss = collections.defaultdict(list); cpu = collections.defaultdict(list)
bad = collections.Counter()
for line in (T / "results.tsv").read_text().splitlines():
    tool, size, run, e, m, u, s, rc = line.split("\t")
    if int(run) == 0:
        continue                                   # warm-up
    if rc != "0":
        bad[(tool, int(size))] += 1
    wall[(tool, int(size))].append(float(e)); rss[(tool, int(size))].append(int(m))
    cpu[(tool, int(size))].append(float(u) + float(s))
med = {k: statistics.median(v) for k, v in wall.items()}
tools = [t for t in ["guide-build", "guide-check", "guide-pdf", "guide-bundle", "jbake", "ajcli", "ruby", "antora"] if any(k[0] == t for k in med)]
sizes = sorted({k[1] for k in med})
out = ["| tool | " + " | ".join(f"{s} p (s)" for s in sizes) + " | ms/page | peak RSS MB (max) |", "|---|" + "---:|" * (len(sizes) + 2)]
lo, hi = (sizes[1], sizes[-1]) if len(sizes) > 2 else (sizes[0], sizes[-1])
for t in tools:
    cells = [f"{med[(t, s)]:.2f}" + ("*" if bad[(t, s)] else "") if (t, s) in med else "–" for s in sizes]
    mpp = f"{(med[(t, hi)] - med[(t, lo)]) / (hi - lo) * 1000:.1f}" if (t, hi) in med and (t, lo) in med and hi > lo else "–"
    peak = max(max(rss[k]) for k in rss if k[0] == t) // 1024
    out.append(f"| {t} | " + " | ".join(cells) + f" | {mpp} | {peak} |")
out.append(f"\nms/page = (t{hi} − t{lo})/{hi - lo}. * = a run exited non-zero.\n")
out.append("| ratio (same run) | " + " | ".join(f"{s} p" for s in sizes) + " |")
out.append("|---|" + "---:|" * len(sizes))
for a, b in [("guide-build", "jbake"), ("guide-build", "ajcli"), ("jbake", "ajcli"), ("guide-check", "guide-build"),
             ("guide-bundle", "ajcli"), ("guide-build", "ruby"), ("guide-build", "antora")]:
    if any((a, s) in med and (b, s) in med for s in sizes):
        out.append(f"| {a} / {b} | " + " | ".join(f"{med[(a, s)] / med[(b, s)]:.2f}" if (a, s) in med and (b, s) in med else "–" for s in sizes) + " |")
out.append("\nRuns (wall s; median user+sys CPU s):\n")
for k in sorted(wall):
    out.append(f"- {k[0]} {k[1]}: " + " ".join(f"{x:.2f}" for x in wall[k]) + f" (CPU {statistics.median(cpu[k]):.2f}; RSS MB {max(rss[k]) // 1024})")
notes = (T / "notes.txt").read_text() if (T / "notes.txt").exists() else ""
out.append("\nNotes and serve results:\n\n```\n" + notes + "```")
print("\n".join(out))
