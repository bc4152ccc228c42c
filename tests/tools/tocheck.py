#!/usr/bin/env python3
"""tocheck.py PDF FRONT_PAGES - check a packet's contents: the page number printed on every
entry equals its link's target, and the target page shows the entry's first words (the
article starts there). Prints "ok N" or the first mismatches; exit 1 on any."""
import re, subprocess, sys

pdf, front = sys.argv[1], int(sys.argv[2])
links = subprocess.run([sys.executable, sys.path[0] + "/pdflinks.py", pdf], capture_output=True,
                       text=True, check=True).stdout.split("\n")
targets = [int(l.split()[1]) for l in links if l and 2 <= int(l.split()[0]) <= front]
entries = []
for p in range(2, front + 1):
    txt = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"],
                         capture_output=True, text=True).stdout
    prev = ""
    for line in txt.splitlines():
        m = re.match(r"^\s*(\S.*?\S)(?:\s{2,}|(?<=…)\s+)(\d+)\s*$", line)
        alone = re.match(r"^\s*(\d+)\s*$", line)
        if m:
            entries.append((m.group(1), int(m.group(2))))
        elif alone and prev:  # a wide title pushed its number onto a line of its own
            entries.append((prev.strip(), int(alone.group(1))))
        prev = line if line.strip() and not alone else prev
bad = []
if len(entries) != len(targets):
    bad.append("%d entries with numbers, %d links" % (len(entries), len(targets)))
pages = {}
for (title, num), tgt in zip(entries, targets):
    if num != tgt:
        bad.append("'%s': printed %d, link to %d" % (title, num, tgt))
        continue
    if tgt not in pages:
        pages[tgt] = " ".join(subprocess.run(["pdftotext", "-f", str(tgt), "-l", str(tgt), pdf, "-"],
                                             capture_output=True, text=True).stdout.split())
    words = "".join(title.replace("…", " ").split()[:3])
    if words and not words.startswith("/") and words not in pages[tgt].replace(" ", ""):
        bad.append("'%s': page %d does not show '%s'" % (title, tgt, words))
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
print("ok %d" % len(targets))
