#!/usr/bin/env python3
"""Builds a synthetic guide of N pages (N/2 English + N/2 Korean) from the real chapters.

Usage: synth.py SRC_PROJECT DEST_PROJECT N

Copy 1 of every chapter keeps its name; copy k>1 of chapter `name` becomes `ck-name.adoc` (and
`ko/ck-name.adoc`), every section id `name-x` in it becomes `ck-name-x`, and every xref to a
chapter that exists in the same copy points at that copy (else at copy 1), so links and anchors
stay valid. content/data/nav.yml lists every page in copy order. Templates, data and examples are
shared unchanged.
"""
import re, shutil, sys
from pathlib import Path

src, dest, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
if n % 2:
    sys.exit("N must be even (English + Korean pairs)")
nav_text = (src / "content/data/nav.yml").read_text(encoding="utf-8")
chapters = re.findall(r"- \{page: ([\w-]+), title: ([^,]+), title_ko: ([^}]+)\}", nav_text)
names = [c[0] for c in chapters]
pairs = n // 2
if dest.exists():
    shutil.rmtree(dest)
(dest / "content/ko").mkdir(parents=True)
shutil.copy(src / "jbake.properties", dest)
shutil.copytree(src / "templates", dest / "templates")
shutil.copytree(src / "content/data", dest / "content/data")
shutil.copytree(src / "content/examples", dest / "content/examples")

plan = []                                   # (copy, chapter index), in nav order
k = 0
while len(plan) < pairs:
    k += 1
    for i in range(len(names)):
        if len(plan) < pairs:
            plan.append((k, i))
present = {(c, names[i]) for c, i in plan}

def renamed(copy, name):
    return name if copy == 1 else f"c{copy}-{name}"

id_re = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")-([\w-]+)")

def rewrite(text, copy):
    def target(name):
        return renamed(copy if (copy, name) in present else 1, name)
    # section ids: [#name-x]
    text = re.sub(r"\[#([\w-]+)", lambda m: "[#" + (renamed(copy, m.group(1)) if copy > 1 else m.group(1)), text)
    # xref:name.adoc#name-x  and xref:name.adoc[
    def xref(m):
        page, frag = m.group(1), m.group(2)
        if page not in names:
            return m.group(0)
        t = target(page)
        if frag:
            frag = "#" + (t + frag[1 + len(page):] if frag[1:].startswith(page + "-") else frag[1:])
        return "xref:" + t + ".adoc" + (frag or "")
    text = re.sub(r"xref:([\w-]+)\.adoc(#[\w-]+)?", xref, text)
    # in-page references <<name-x>> / xref:#name-x
    local = lambda m: m.group(1) + (renamed(copy, m.group(2)) if copy > 1 else m.group(2))
    text = re.sub(r"(<<|xref:#)([\w-]+)", local, text)
    return text

lines = ["# Synthetic nav: " + str(n) + " pages", "chapters:"]
for copy, i in plan:
    name, title, title_ko = chapters[i]
    for sub in ("", "ko/"):
        text = (src / "content" / sub / (name + ".adoc")).read_text(encoding="utf-8")
        (dest / "content" / sub / (renamed(copy, name) + ".adoc")).write_text(rewrite(text, copy), encoding="utf-8")
    suffix = "" if copy == 1 else f" ({copy})"
    lines.append(f"  - {{page: {renamed(copy, name)}, title: {title}{suffix}, title_ko: {title_ko.strip()}{suffix}}}")
(dest / "content/data/nav.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{dest}: {2 * len(plan)} pages")
