#!/usr/bin/env python3
"""List the distinct places of one or more sweep runs, for judging.

    places.py RUN.jsonl [RUN.jsonl ...] [--checkouts DIR] [--judged FILE]
              [--skeleton FILE]

A place is file:line and check: the reports of every translation unit and of
every template instantiation at that line are folded into one. For each place
this prints the source line (read from the checkouts), how many reports it
got, the distinct messages and the notes, and, with --judged, the verdict it
already has. --skeleton writes one JSON line per place not judged yet, with
"verdict" and "reason" left empty, ready to be filled in and appended to the
judgement list.
"""

import argparse
import collections
import json
import os
import sys


def load_runs(paths):
    reports, tus = [], []
    for path in paths:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                (reports if r.get("kind") == "report" else tus).append(r)
    return reports, tus


def source_line(checkouts, file, line):
    path = file if os.path.isabs(file) else os.path.join(checkouts, file)
    try:
        with open(path, errors="replace") as f:
            for n, text in enumerate(f, 1):
                if n == line:
                    return text.strip()
    except OSError:
        pass
    return ""


def group(reports):
    places = collections.OrderedDict()
    for r in sorted(reports, key=lambda r: (r["project"], r["file"], r["line"], r["check"])):
        key = (r["place"], r["check"])
        p = places.setdefault(key, {"project": r["project"], "place": r["place"],
                                    "check": r["check"], "reports": 0,
                                    "messages": [], "notes": [], "tus": set()})
        p["reports"] += 1
        p["tus"].add(r["tu"])
        if r["message"] not in p["messages"]:
            p["messages"].append(r["message"])
        for n in r.get("notes", []):
            text = "%s:%d: %s" % (n["file"], n["line"], n["message"])
            if text not in p["notes"]:
                p["notes"].append(text)
    return places


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--checkouts", default="/work/sweep-src")
    ap.add_argument("--judged")
    ap.add_argument("--skeleton")
    args = ap.parse_args()
    reports, _ = load_runs(args.runs)
    places = group(reports)
    judged = {}
    if args.judged:
        with open(args.judged) as f:
            for line in f:
                if line.strip():
                    j = json.loads(line)
                    judged[(j["place"], j["check"])] = j
    skeleton = []
    for key, p in places.items():
        j = judged.get(key)
        print("== %s [%s] %d report(s) in %d unit(s)%s" % (
            p["place"], p["check"], p["reports"], len(p["tus"]),
            "  -> %s (%s): %s" % (j["verdict"], j.get("class", ""), j.get("reason", "")) if j else ""))
        file, line = p["place"].rsplit(":", 1)
        print("   | " + source_line(args.checkouts, file, int(line)))
        for m in p["messages"]:
            print("   w " + m)
        for n in p["notes"][:6]:
            print("   n " + n)
        if not j:
            skeleton.append({"project": p["project"], "place": p["place"], "check": p["check"],
                             "reports": p["reports"],
                             "line": source_line(args.checkouts, file, int(line))[:160],
                             "verdict": "", "class": "", "reason": ""})
    print("\n%d places, %d reports, %d judged" % (
        len(places), sum(p["reports"] for p in places.values()),
        sum(1 for k in places if k in judged)), file=sys.stderr)
    if args.skeleton:
        with open(args.skeleton, "w") as f:
            for s in skeleton:
                f.write(json.dumps(s) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
