#!/usr/bin/env python3
"""pdflinks.py PDF - print the internal links of a PDF, one per line:
"SOURCE_PAGE TARGET_PAGE" (1-based), read from qpdf's JSON (link annotations with /Dest
or a /GoTo action). Used by the packet tests to check that every contents entry lands on
its article's first page."""
import json, subprocess, sys

def main():
    out = subprocess.run(["qpdf", "--json=2", sys.argv[1]], capture_output=True, text=True,
                         check=True).stdout
    j = json.loads(out)
    objs = {}
    for part in j["qpdf"]:
        if isinstance(part, dict):
            for k, v in part.items():
                if k.startswith("obj:"):
                    objs[k[4:]] = v.get("value", v.get("stream", {}).get("dict"))
    pages = [p["object"] for p in j["pages"]]
    index = {ref: i + 1 for i, ref in enumerate(pages)}

    def deref(v):
        return objs.get(v, v) if isinstance(v, str) and v.endswith(" R") else v

    for i, ref in enumerate(pages):
        annots = deref((deref(ref) or {}).get("/Annots", [])) or []
        for a in annots:
            a = deref(a) or {}
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            act = deref(a.get("/A"))
            if dest is None and isinstance(act, dict) and act.get("/S") == "/GoTo":
                dest = act.get("/D")
            dest = deref(dest)
            if isinstance(dest, list) and dest and dest[0] in index:
                print(i + 1, index[dest[0]])

if __name__ == "__main__":
    main()
