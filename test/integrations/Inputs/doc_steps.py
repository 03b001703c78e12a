#!/usr/bin/env python3
"""The commands of a page of docs/ (lit helper).

  doc_steps.py DOC STEP [FROM=TO ...]
      print the ```sh (or ```yaml) block after <!-- step: STEP -->, with each
      FROM replaced by TO (a page's placeholder, such as /path/to/corolint,
      by the checkout's path): the test runs what the page shows.
"""

import re
import sys


def main():
    doc, step = sys.argv[1:3]
    substitutions = [a.split("=", 1) for a in sys.argv[3:]]
    text = open(doc, encoding="utf-8").read()
    marker = "<!-- step: %s -->" % step
    at = text.find(marker)
    block = re.match(r"\s*```(?:sh|yaml)\n(.*?)```", text[at + len(marker):], re.S) if at >= 0 else None
    if not block:
        sys.exit("doc_steps: no ```sh block after %s in %s" % (marker, doc))
    body = block.group(1)
    for before, after in substitutions:
        body = body.replace(before, after)
    sys.stdout.write(body)


if __name__ == "__main__":
    main()
