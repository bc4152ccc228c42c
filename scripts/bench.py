#!/usr/bin/env python3
"""bench.py - speed and memory of article2pdf, as separate processes (issue 11).

Converts every page of ../shared/corpus/readability (when present) and every sample,
one process each, and prints per-stage medians (from --timings), median and 95th
percentile wall time per article, peak RSS, PDF bytes per page and per embedded face.
Then a synthetic long article against the same text cut into one-page articles
(cost must be linear in length). Where HTMLDOC or WeasyPrint are installed, they run on
the same article and the ratios are printed. Times drift on a shared machine; compare
ratios from one run.
"""
import glob, os, re, shutil, statistics, subprocess, sys, tempfile, time

BIN = os.environ.get("A2P_BIN", "build/article2pdf")
CORPUS = os.path.join("..", "shared", "corpus", "readability")
TMP = tempfile.mkdtemp(prefix="a2p-bench-")
STAGE_RE = re.compile(r"read ([\d.]+) ms, parse\+extract ([\d.]+) ms, typeset ([\d.]+) ms, "
                      r"pdf ([\d.]+) ms, total ([\d.]+) ms")


def run(cmd, stdin=None):
    """Run CMD; return (wall ms, peak RSS KB, exit status, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=stdin)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    return wall, ru.ru_maxrss, os.waitstatus_to_exitcode(status), err


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def pdf_pages_fonts(path):
    try:
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
        nfaces = max(0, len(fonts.strip().splitlines()) - 2)
        return pages, nfaces
    except Exception:
        return 0, 0


def bench_set(name, inputs):
    walls, rss, stages, per_page, per_face, failed = [], [], [], [], [], 0
    for i, src in enumerate(inputs):
        out = os.path.join(TMP, "o%d.pdf" % i)
        wall, kb, st, err = run([BIN, "--timings", "-q", "-o", out, src])
        if st != 0:
            failed += 1
            continue
        walls.append(wall)
        rss.append(kb)
        m = STAGE_RE.search(err)
        if m:
            stages.append([float(x) for x in m.groups()])
        pages, faces = pdf_pages_fonts(out)
        size = os.path.getsize(out)
        if pages:
            per_page.append(size / pages)
        if faces:
            per_face.append(size / faces)
    print("== %s: %d articles, %d failed" % (name, len(inputs), failed))
    if not walls:
        return None
    print("  wall ms per article: median %.1f  p95 %.1f  max %.1f" %
          (statistics.median(walls), pct(walls, 95), max(walls)))
    if stages:
        cols = list(zip(*stages))
        print("  stage medians ms: read %.2f  parse+extract %.2f  typeset %.2f  pdf %.2f  total %.2f"
              % tuple(statistics.median(c) for c in cols))
    print("  peak RSS MB: median %.1f  max %.1f" % (statistics.median(rss) / 1024, max(rss) / 1024))
    if per_page:
        print("  PDF bytes per page: median %.0f   per embedded face (PDF size / faces): median %.0f"
              % (statistics.median(per_page), statistics.median(per_face) if per_face else 0))
    return statistics.median(walls)


def synthetic(paragraphs):
    words = ("the council said on tuesday that the new harbour bridge would open in spring "
             "after months of delays caused by storms and a shortage of steel").split()
    body = []
    for i in range(paragraphs):
        body.append("<p>" + " ".join(words[(i + j) % len(words)] for j in range(90)) + ".</p>")
    return ("<html lang=en><head><title>Synthetic</title></head><body><article><h1>Synthetic"
            "</h1>%s</article></body></html>" % "\n".join(body))


def main():
    if not os.path.exists(BIN):
        sys.exit("bench: %s not built (run make)" % BIN)
    corpus = sorted(glob.glob(os.path.join(CORPUS, "*", "source.html")))
    samples = sorted(glob.glob("samples/*.html") + glob.glob("samples/*.xml"))
    if corpus:
        bench_set("corpus (../shared/corpus/readability)", corpus)
    else:
        print("== corpus: not present, skipped")
    bench_set("samples", samples)

    # nytimes-1 alone, repeated, for the comparison with other converters
    ref = os.path.join(CORPUS, "nytimes-1", "source.html")
    if os.path.exists(ref):
        walls = [run([BIN, "-q", "-o", os.path.join(TMP, "ny.pdf"), ref])[0] for _ in range(7)]
        ours = statistics.median(walls)
        print("== nytimes-1: median %.1f ms over 7 runs, PDF %d bytes" %
              (ours, os.path.getsize(os.path.join(TMP, "ny.pdf"))))
        txt = os.path.join(TMP, "ny.html")
        text = subprocess.run([BIN, "--format", "text", ref], capture_output=True,
                              text=True).stdout
        with open(txt, "w") as f:
            f.write("<html><body>" + "".join("<p>%s</p>" % l for l in text.splitlines()) +
                    "</body></html>")
        for tool, cmd in (("htmldoc", ["htmldoc", "--webpage", "-f", os.path.join(TMP, "h.pdf"), txt]),
                          ("weasyprint", ["weasyprint", txt, os.path.join(TMP, "w.pdf")])):
            if shutil.which(tool):
                tw = statistics.median(run(cmd)[0] for _ in range(5))
                print("  %s: median %.1f ms; ratio %s/ours %.1f" % (tool, tw, tool, tw / ours))
            else:
                print("  %s: not installed, no ratio" % tool)

    # linearity: one long article vs the same text as one-page articles
    one = os.path.join(TMP, "one.html")
    with open(one, "w") as f:
        f.write(synthetic(6))
    t_one = statistics.median(run([BIN, "-q", "-o", os.path.join(TMP, "one.pdf"), one])[0]
                              for _ in range(9))
    pages_one, _ = pdf_pages_fonts(os.path.join(TMP, "one.pdf"))
    big = os.path.join(TMP, "big.html")
    n_par = 6 * 1000 // max(pages_one, 1)
    with open(big, "w") as f:
        f.write(synthetic(n_par))
    wall, kb, st, err = run([BIN, "-q", "-o", os.path.join(TMP, "big.pdf"), big])
    pages_big, _ = pdf_pages_fonts(os.path.join(TMP, "big.pdf"))
    print("== long article: %d pages in %.0f ms, peak RSS %.1f MB (exit %d); one %d-page article "
          "%.1f ms -> 1000 pages as separate articles %.0f ms; ratio %.2f" %
          (pages_big, wall, kb / 1024, st, pages_one, t_one, t_one * 1000 / max(pages_one, 1),
           wall / (t_one * 1000 / max(pages_one, 1))))
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
