#!/usr/bin/env python3
"""Writes the manual page of one of corolint's programs, gzipped.

  make-manpage.py NAME VERSION OUTPUT.1.gz -- COMMAND...

The page is the program's summary and description below, and its own
`--help` (run as COMMAND --help) as the OPTIONS section, verbatim: the page
never disagrees with the program.
"""

import gzip
import subprocess
import sys

PAGES = {
    "corolint": (
        "find C++20 coroutine misuse",
        "corolint is clang-tidy's command line with every upstream check and "
        "the coro-* checks built in. With no --checks and no .clang-tidy that "
        "sets Checks, it runs the coro-* checks. It reads a compile database "
        "written for g++ as it is, force-includes corolint-preinclude.h so that "
        "asio and Boost.Asio coroutines parse as under g++, and says once, and "
        "skips, a translation unit that is not C++20. Each finding is printed "
        "as file:line:col: warning: message [check].",
        "0 no error (findings are warnings unless --warnings-as-errors); "
        "1 an error (a file that does not compile, a file with unusable flags, "
        "an unknown check or option, a missing file or compile database)."),
    "corolint-run": (
        "run corolint over a whole compile database",
        "corolint-run lints every translation unit of a compile database in "
        "parallel and prints the diagnostics in a stable order, each once, "
        "then a count per check.",
        "0 no findings, 1 findings, 2 a tool error."),
    "corolint-clangd": (
        "clangd with corolint's coro-* checks built in",
        "corolint-clangd is clangd 19 with the coro module linked in: a "
        "drop-in replacement for clangd in any editor (point the editor's "
        "clangd path at it). The coro-* checks are on by default, with their "
        "fix-its as quick fixes; the user's and the project's clangd "
        "configuration override its defaults.",
        "that of clangd."),
    "corolint-hook": (
        "pre-commit hook that lints the staged C++ sources with corolint",
        "corolint-hook is run by pre-commit with the staged files. It adds -p "
        "build when ./build has a compile_commands.json and "
        "--warnings-as-errors=coro-*, and runs the corolint given as "
        "$COROLINT, else the one beside it, else the one on PATH.",
        "that of corolint: non-zero when a coro finding or an error fails the "
        "commit."),
}


def roff(text):
    lines = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def main(argv):
    if len(argv) < 5 or argv[3] != "--":
        sys.exit(__doc__)
    name, version, output, command = argv[0], argv[1], argv[2], argv[4:]
    summary, description, status = PAGES[name]
    result = subprocess.run(command + ["--help"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, check=False)
    if not result.stdout.strip():
        sys.exit("make-manpage: %s --help printed nothing" % " ".join(command))
    page = "\n".join([
        '.TH %s 1 "" "corolint %s" "User Commands"' % (name.upper(), version),
        ".SH NAME",
        "%s \\- %s" % (name.replace("-", "\\-"), summary),
        ".SH DESCRIPTION",
        roff(description),
        ".SH OPTIONS",
        ".nf",
        roff(result.stdout.rstrip()),
        ".fi",
        ".SH EXIT STATUS",
        roff(status),
        ".SH SEE ALSO",
        "corolint(1), corolint\\-run(1), corolint\\-clangd(1), corolint\\-hook(1),",
        "clang\\-tidy\\-19(1), and /usr/share/doc/corolint/ (the checks' pages).",
        "",
    ])
    # mtime 0: the same page gives the same bytes (a reproducible package).
    with open(output, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                           compresslevel=9) as out:
            out.write(page.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
