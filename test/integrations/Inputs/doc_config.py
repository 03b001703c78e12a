#!/usr/bin/env python3
"""The .clang-tidy example of docs/integrations.md (lit helper).

  doc_config.py extract DOC            print the YAML block after the
                                       <!-- corolint-config-example --> marker
  doc_config.py compare DEFAULTS USED  both are `--dump-config` outputs: the
                                       defaults, and with the example. Every
                                       coro-* option must be in both with the
                                       same value (lists compared item by item,
                                       as the checks read them).
"""

import re
import sys

MARKER = "<!-- corolint-config-example -->"
OPTION = re.compile(r"^  (coro-[a-z-]+\.[A-Za-z]+): '(.*)'$")


def extract(doc):
    text = open(doc, encoding="utf-8").read()
    at = text.find(MARKER)
    block = re.search(r"```yaml\n(.*?)```", text[at:], re.S) if at >= 0 else None
    if not block:
        sys.exit("doc_config: no ```yaml block after %s in %s" % (MARKER, doc))
    sys.stdout.write(block.group(1))


def options(path):
    found = {}
    for line in open(path, encoding="utf-8"):
        m = OPTION.match(line.rstrip("\n"))
        if m:
            found[m.group(1)] = m.group(2).replace("''", "'")
    return found


def normal(value):
    return [part.strip() for part in value.split(";") if part.strip()]


def compare(defaults_path, used_path):
    defaults, used = options(defaults_path), options(used_path)
    if not defaults:
        sys.exit("doc_config: no coro options in " + defaults_path)
    errors = []
    for key in sorted(defaults):
        if key not in used:
            errors.append("%s: missing from the example" % key)
        elif normal(used[key]) != normal(defaults[key]):
            errors.append("%s: the example has %r, the default is %r"
                          % (key, used[key], defaults[key]))
    for key in sorted(set(used) - set(defaults)):
        errors.append("%s: not an option of corolint" % key)
    if errors:
        sys.exit("\n".join("doc_config: " + e for e in errors))
    print("example: %d coro options, all at their defaults" % len(defaults))


if __name__ == "__main__":
    if sys.argv[1:2] == ["extract"] and len(sys.argv) == 3:
        extract(sys.argv[2])
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
