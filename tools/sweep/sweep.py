#!/usr/bin/env python3
"""Run corolint's coro-* checks over checkouts of real projects.

    sweep.py CHECKOUTS RECIPE [RECIPE ...] [--corolint PATH] [-j N]
             [--timeout S] [--out FILE] [--judged FILE]

CHECKOUTS is a folder holding one checkout per project (see docs/sweep.md for
how to fetch them). Each RECIPE is a JSON file (tools/sweep/recipes/*.json):

    {
      "name":    "async_simple",            # label used in the output
      "repo":    "alibaba/async_simple",    # where the checkout comes from
      "root":    "async_simple",            # folder under CHECKOUTS, or absolute
      "files":   ["async_simple/coro/test/*.cpp", "demo_example/**/*.cpp"],
      "skip":    ["**/*Bench*.cpp"],        # globs of files not to analyse
      "grep":    "co_await|co_return",      # optional: only files with this regex
      "flags":   ["-std=c++20", "-I{root}"],# compile flags; {root} = the checkout,
                                            # {shims} = tools/sweep/shims
      "file_flags": {"demo_example/**": ["-DFOO"]},  # extra flags per glob
      "header_filter": "{root}/async_simple/", # optional; default: the checkout
      "exclude_headers": "{root}/thirdparty/"  # optional; headers never reported
    }

Globs are relative to the checkout; `**` matches any number of folders. Every
report (a warning of a coro-* check) is written as one JSON line to --out,
with its notes; every translation unit gets one line too ("kind": "tu") with
its status: "ok", "error" (clang could not compile it: not analysed, its
warnings are dropped) or "timeout". Paths are relative to CHECKOUTS when they
lie under it, so that two runs (or two machines) diff cleanly.

--judged FILE reads a judgement list (JSON lines with "place" and "verdict",
see docs/sweep.md) and tells, for this run, how many places were judged
TRUE/DELIBERATE/FALSE and which places are new (not judged yet).
"""

import argparse
import collections
import concurrent.futures
import fnmatch
import json
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_COROLINT = "/work/main/build/bin/corolint"
SHIMS = os.path.join(HERE, "shims")  # stand-ins for headers a build generates

DIAG_RE = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<sev>warning|error|fatal error|note|remark): "
    r"(?P<msg>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")


def glob_to_re(pattern):
    """A glob relative to the checkout: `*` stays in one folder, `**/` spans
    any number of folders (also none), `?` is one character."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("^" + "".join(out) + "$")


def matches(rel, globs):
    return any(glob_to_re(g).match(rel) for g in globs)


def load_recipe(path, checkouts):
    with open(path) as f:
        recipe = json.load(f)
    root = recipe.get("root", recipe["name"])
    if not os.path.isabs(root):
        root = os.path.join(checkouts, root)
    recipe["root"] = os.path.normpath(root)
    recipe.setdefault("skip", [])
    recipe.setdefault("file_flags", {})
    recipe["_path"] = path
    return recipe


def expand(value, recipe):
    return value.replace("{root}", recipe["root"]).replace("{shims}", SHIMS)


def translation_units(recipe):
    root = recipe["root"]
    if not os.path.isdir(root):
        return None
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != ".git")
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if matches(rel, recipe["files"]) and not matches(rel, recipe["skip"]):
                if recipe.get("grep"):
                    with open(full, errors="replace") as f:
                        if not re.search(recipe["grep"], f.read()):
                            continue
                found.append(rel)
    return found


def flags_for(recipe, rel):
    flags = [expand(f, recipe) for f in recipe.get("flags", [])]
    for glob, extra in recipe["file_flags"].items():
        if glob_to_re(glob).match(rel):
            flags += [expand(f, recipe) for f in extra]
    return flags


def parse_output(text):
    """clang-tidy's text output -> (warnings, errors). A note belongs to the
    diagnostic before it."""
    warnings, errors, last = [], [], None
    for line in text.splitlines():
        m = DIAG_RE.match(line)
        if not m:
            continue
        d = {"file": m["file"], "line": int(m["line"]), "col": int(m["col"]),
             "message": m["msg"]}
        sev = m["sev"]
        if sev == "note":
            if last is not None:
                last.setdefault("notes", []).append(d)
            continue
        if sev in ("error", "fatal error"):
            d["check"] = m["check"] or "clang-diagnostic-error"
            errors.append(d)
            last = d
        elif sev == "warning" and m["check"] and m["check"].startswith("coro-"):
            d["check"] = m["check"]
            d["notes"] = []
            warnings.append(d)
            last = d
        else:
            last = None  # a warning of another check or of the compiler
    return warnings, errors


def run_one(corolint, recipe, rel, timeout, checkouts):
    path = os.path.join(recipe["root"], rel)
    header_filter = expand(recipe.get("header_filter", "{root}/"), recipe)
    # A project's .clang-tidy may make warnings errors (WarningsAsErrors:
    # '*'): the sweep counts findings, it gates nothing.
    cmd = [corolint, "--checks=-*,coro-*", "--quiet", "--warnings-as-errors=-*",
           "--header-filter=^" + re.escape(header_filter),
           ] + (["--exclude-header-filter=^" + re.escape(expand(recipe["exclude_headers"], recipe))]
                if recipe.get("exclude_headers") else []) + [
           path, "--"] + flags_for(recipe, rel)
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            errors="replace", start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        status = None
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        status = "timeout"
    seconds = round(time.time() - start, 1)
    warnings, errors = parse_output(out)
    if status is None:
        status = "error" if errors else "ok"
        if not errors and proc.returncode not in (0, 1):
            status = "error"  # crashed or failed without a diagnostic
            errors = [{"message": "exit status %d: %s" % (
                proc.returncode, out.strip().splitlines()[-1:] or "")}]

    def short(p):
        p = os.path.normpath(p)
        return os.path.relpath(p, checkouts) if p.startswith(checkouts + os.sep) else p

    for d in warnings + errors:
        if "file" in d:
            d["file"] = short(d["file"])
        for n in d.get("notes", []):
            n["file"] = short(n["file"])
    tu = {"kind": "tu", "project": recipe["name"], "tu": short(path),
          "status": status, "seconds": seconds,
          "warnings": len(warnings)}
    if errors:
        tu["errors"] = [
            ("%s:%s: " % (e["file"], e["line"]) if "file" in e else "") + e["message"]
            for e in errors[:3]]
        tu["error_count"] = len(errors)
    reports = []
    if status == "ok":
        for w in warnings:
            w.update(kind="report", project=recipe["name"], tu=short(path),
                     place="%s:%d" % (w["file"], w["line"]))
            reports.append(w)
    return tu, reports


def load_judged(path):
    judged = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                j = json.loads(line)
                judged[(j["place"], j["check"])] = j
    return judged


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkouts", help="folder holding one checkout per project")
    ap.add_argument("recipes", nargs="+", help="recipe files (JSON)")
    ap.add_argument("--corolint", default=os.environ.get("COROLINT", DEFAULT_COROLINT))
    ap.add_argument("-j", type=int, default=2, help="corolint processes at once (2)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per unit (300)")
    ap.add_argument("--out", default="sweep.jsonl", help="JSON lines output (sweep.jsonl)")
    ap.add_argument("--judged", help="judgement list to compare the places with")
    ap.add_argument("--only", help="only the units whose path (relative to the "
                    "checkout) matches this regular expression, e.g. to rerun the ones that failed")
    ap.add_argument("--limit", type=int, default=0,
                    help="at most this many units per project (0: all)")
    ap.add_argument("--set", choices=("tuning", "validation"),
                    help="only the recipes of this set (a recipe's \"set\"; "
                    "tuning when it names none): the projects rules are fixed "
                    "from, or the ones kept apart to measure them")
    args = ap.parse_args()
    checkouts = os.path.abspath(args.checkouts)

    jobs, missing = [], []
    recipes = [load_recipe(r, checkouts) for r in args.recipes]
    if args.set:
        recipes = [r for r in recipes if r.get("set", "tuning") == args.set]
    for recipe in recipes:
        units = translation_units(recipe)
        if units is None:
            missing.append(recipe["name"])
            continue
        if args.only:
            units = [u for u in units if re.search(args.only, u)]
        if args.limit:
            units = units[:args.limit]
        jobs += [(recipe, rel) for rel in units]
    print("sweep: %d units in %d projects, -j %d" % (
        len(jobs), len(recipes) - len(missing), args.j), file=sys.stderr)
    for name in missing:
        print("sweep: no checkout for %s, skipped" % name, file=sys.stderr)

    results = []
    # Each unit is appended as it finishes (a run cut short keeps what it
    # did); the whole file is rewritten in sorted order at the end.
    partial = open(args.out + ".partial", "w")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        futures = {pool.submit(run_one, args.corolint, r, rel, args.timeout, checkouts): (r, rel)
                   for r, rel in jobs}
        for n, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            tu, reports = fut.result()
            results.append((tu, reports))
            for line in [tu] + reports:
                partial.write(json.dumps(line, sort_keys=True) + "\n")
            partial.flush()
            print("[%d/%d] %s %s (%ss, %d reports)" % (
                n, len(jobs), tu["status"], tu["tu"], tu["seconds"], len(reports)),
                file=sys.stderr)

    results.sort(key=lambda x: (x[0]["project"], x[0]["tu"]))
    with open(args.out, "w") as out:
        for tu, reports in results:
            out.write(json.dumps(tu, sort_keys=True) + "\n")
            for r in sorted(reports, key=lambda r: (r["file"], r["line"], r["col"], r["check"], r["message"])):
                out.write(json.dumps(r, sort_keys=True) + "\n")
    partial.close()
    os.remove(args.out + ".partial")

    # Summary.
    per_project = collections.OrderedDict()
    per_check = collections.Counter()
    places = collections.defaultdict(set)
    all_places = {}
    for tu, reports in results:
        p = per_project.setdefault(tu["project"], collections.Counter())
        p[tu["status"]] += 1
        for r in reports:
            per_check[r["check"]] += 1
            places[r["check"]].add(r["place"])
            all_places[(r["place"], r["check"])] = r
    print("\n%-16s %8s %12s %8s" % ("project", "analysed", "not analysed", "timeout"))
    for name, c in per_project.items():
        print("%-16s %8d %12d %8d" % (name, c["ok"], c["error"], c["timeout"]))
    print("\n%-22s %8s %8s" % ("check", "reports", "places"))
    for check in sorted(set(per_check) | {"coro-dangling-reference", "coro-detached-task", "coro-discarded-task", "coro-unawaited-task",
                                         "coro-blocking-call", "coro-blocking-loop",
                                         "coro-pool-per-call", "coro-sequential-await"}):
        print("%-22s %8d %8d" % (check, per_check[check], len(places[check])))
    print("%-22s %8d %8d" % ("total", sum(per_check.values()),
                             sum(len(v) for v in places.values())))
    print("\nreports written to %s" % args.out)

    if args.judged:
        judged = load_judged(args.judged)
        verdicts = collections.Counter()
        new = []
        for key in sorted(all_places):
            j = judged.get(key)
            if j:
                verdicts[j["verdict"]] += 1
            else:
                new.append(all_places[key])
        swept = set(per_project)
        gone = sorted(k for k, j in judged.items()
                      if k not in all_places and j.get("project") in swept)
        print("\njudged places reported again: " + ", ".join(
            "%s %d" % kv for kv in sorted(verdicts.items())) if verdicts else
            "\nno judged place reported again")
        if args.only or args.limit:
            print("judged places no longer reported: not listed (only part of the units ran)")
        else:
            print("judged places no longer reported: %d (%s)" % (len(gone), ", ".join(
                "%s %d" % kv for kv in sorted(collections.Counter(
                    judged[k]["verdict"] for k in gone).items()))))
            for place, check in gone:
                print("  gone  %s [%s] (was %s)" % (place, check, judged[(place, check)]["verdict"]))
        print("places not judged yet: %d" % len(new))
        for r in new:
            print("  new   %s [%s] %s" % (r["place"], r["check"], r["message"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
