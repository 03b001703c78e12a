#!/usr/bin/env python3
"""The commands of docs/your-project.md (lit helper).

  doc_steps.py DOC STEP   print the ```sh block after <!-- step: STEP -->
"""

import re
import sys


def main():
    doc, step = sys.argv[1:3]
    text = open(doc, encoding="utf-8").read()
    marker = "<!-- step: %s -->" % step
    at = text.find(marker)
    block = re.match(r"\s*```sh\n(.*?)```", text[at + len(marker):], re.S) if at >= 0 else None
    if not block:
        sys.exit("doc_steps: no ```sh block after %s in %s" % (marker, doc))
    sys.stdout.write(block.group(1))


if __name__ == "__main__":
    main()
