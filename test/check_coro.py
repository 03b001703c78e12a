#!/usr/bin/env python3
"""Run one corolint check on a lit test file and verify what it reports.

Usage (through lit's %check_coro substitution):
  check_coro.py [-check-suffixes=A,B] SOURCE CHECK TEMP [-- TIDY-ARGS [-- COMPILER-ARGS]]

The source's `// CHECK-MESSAGES[-SUFFIX]:`, `// CHECK-NOTES[-SUFFIX]:` and
`// CHECK-FIXES[-SUFFIX]:` comments are the expectations. They are blanked
(the line stays, so [[@LINE]] positions hold) in a copy that the check runs on,
alone (`--checks=-*,CHECK`), once through the standalone `corolint` and once
through `clang-tidy-19 --load=libcorolint.so`. For each run:
  - CHECK-MESSAGES are matched against the warnings and errors, with
    -implicit-check-not so that any other warning or error fails the test;
  - CHECK-NOTES are matched against warnings, errors and notes alike;
  - without either, the run must report nothing at all;
  - the run applies --fix; with CHECK-FIXES the fixed file must match them,
    without, the file must come out unchanged.
Options reach the check through `-config=...` among the TIDY-ARGS.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

CHECK_LINE = re.compile(r"//\s*CHECK-(?:MESSAGES|NOTES|FIXES)[A-Z0-9-]*:[^\r\n]*")
FIXIT_NOTE = re.compile(r"^.*: note: FIX-IT applied suggested code changes\s*$")
DIAG = re.compile(r": (warning|error|note): ")


def fail(message, output=None):
    sys.stderr.write("check_coro: " + message + "\n")
    if output is not None:
        sys.stderr.write("------ output ------\n" + output + "\n--------------------\n")
    sys.exit(1)


def split_args(argv):
    """Split at the first two `--`: runner args, tidy args, compiler args."""
    parts = [[]]
    for arg in argv:
        if arg == "--" and len(parts) < 3:
            parts.append([])
        else:
            parts[-1].append(arg)
    while len(parts) < 3:
        parts.append([])
    return parts


def run_filecheck(filecheck, check_file, input_text, prefixes, implicit, extra=()):
    cmd = [filecheck, check_file, "--input-file=-",
           "--check-prefixes=" + ",".join(prefixes),
           "--implicit-check-not=" + implicit, "--dump-input=fail"]
    cmd += list(extra)
    proc = subprocess.run(cmd, input=input_text, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return proc.returncode, proc.stdout


def main():
    runner_argv, tidy_args, compiler_args = split_args(sys.argv[1:])
    parser = argparse.ArgumentParser(prog="check_coro.py")
    parser.add_argument("-check-suffixes", "-check-suffix", default="",
                        help="comma-separated suffixes; an empty one means no suffix")
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--tools", default="corolint,plugin",
                        help="which drivers to run: corolint, plugin or both")
    parser.add_argument("source")
    parser.add_argument("check")
    parser.add_argument("temp")
    args = parser.parse_args(runner_argv)

    suffixes = [s.strip() for s in args.check_suffixes.split(",")] \
        if args.check_suffixes else [""]

    def prefixes(kind):
        return ["CHECK-%s%s" % (kind, "-" + s if s else "") for s in suffixes]

    with open(args.source, encoding="utf-8") as f:
        original = f.read()
    present = {kind: [p for p in prefixes(kind)
                      if re.search(r"//\s*" + p + r"(-DAG|-NEXT|-SAME|-NOT|-EMPTY)?:", original)]
               for kind in ("MESSAGES", "NOTES", "FIXES")}
    cleaned = CHECK_LINE.sub("//", original)

    if not any(a.startswith("-config") or a.startswith("--config") for a in tidy_args):
        tidy_args = ["--config={}"] + tidy_args
    if not any(a.startswith("-std=") or a.startswith("--std=") for a in compiler_args):
        compiler_args = ["-std=c++20"] + compiler_args

    ext = os.path.splitext(args.source)[1] or ".cpp"
    drivers = {
        "corolint": [args.corolint],
        "plugin": [args.clang_tidy, "--load=" + args.plugin],
    }
    for name in args.tools.split(","):
        temp_file = "%s.%s%s" % (args.temp, name, ext)
        os.makedirs(os.path.dirname(os.path.abspath(temp_file)), exist_ok=True)
        with open(temp_file, "w", encoding="utf-8") as f:
            f.write(cleaned)
        cmd = drivers[name] + [temp_file, "--checks=-*," + args.check, "--fix"] \
            + tidy_args + ["--"] + compiler_args
        proc = subprocess.run(cmd, text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        output = proc.stdout
        where = "[%s] %s" % (name, " ".join(shlex.quote(c) for c in cmd))
        if proc.returncode != 0:
            fail("%s exited with %d" % (where, proc.returncode), output)

        diagnostics = "\n".join(l for l in output.splitlines() if not FIXIT_NOTE.match(l))
        without_notes = "\n".join(l for l in diagnostics.splitlines()
                                  if ": note: " not in l)
        if present["NOTES"]:
            rc, out = run_filecheck(args.filecheck, args.source, diagnostics,
                                    present["NOTES"], "{{note|warning|error}}:")
            if rc:
                fail("%s: CHECK-NOTES do not match" % where, out)
        if present["MESSAGES"]:
            rc, out = run_filecheck(args.filecheck, args.source, without_notes,
                                    present["MESSAGES"], "{{warning|error}}:")
            if rc:
                fail("%s: CHECK-MESSAGES do not match" % where, out)
        if not present["NOTES"] and not present["MESSAGES"]:
            unexpected = [l for l in diagnostics.splitlines() if DIAG.search(l)]
            if unexpected:
                fail("%s: expected no diagnostics" % where, "\n".join(unexpected))

        with open(temp_file, encoding="utf-8") as f:
            fixed = f.read()
        if present["FIXES"]:
            rc, out = run_filecheck(args.filecheck, args.source, fixed,
                                    present["FIXES"], "{{UNUSED_PREFIX_NEVER_PRINTED}}",
                                    ["--strict-whitespace"])
            if rc:
                fail("%s: CHECK-FIXES do not match" % where, out)
        elif fixed != cleaned:
            fail("%s: the run changed the file but the test has no CHECK-FIXES" % where,
                 fixed)


if __name__ == "__main__":
    main()
