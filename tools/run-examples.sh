#!/usr/bin/env bash
# The main job: set up and build corolint, then lint the bundled runtime
# examples with every coro-* check, print the diagnostics and a summary line.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${COROLINT_BUILD_DIR:-$root/build}
"$root/tools/setup.sh"

shopt -s nullglob
examples=("$root"/runtime/examples/*.cpp)
if ((${#examples[@]} == 0)); then
  echo "run-examples: no examples in runtime/examples" >&2
  exit 1
fi

output=$(mktemp)
trap 'rm -f "$output"' EXIT
status=0
"$build/bin/corolint" -p "$build" --checks='-*,coro-*' --quiet "${examples[@]}" \
  >"$output" 2>&1 || status=$?
cat "$output"

python3 - "$output" "${#examples[@]}" "$status" <<'PY'
import collections, re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
files, status = int(sys.argv[2]), int(sys.argv[3])
counts = collections.Counter(re.findall(r": warning: .* \[(coro-[a-z-]+)\]$", text, re.M))
errors = len(re.findall(r": error: ", text))
per_check = ", ".join("%s: %d" % kv for kv in sorted(counts.items()))
print("corolint: %d warning%s in %d example file%s%s%s" % (
    sum(counts.values()), "" if sum(counts.values()) == 1 else "s",
    files, "" if files == 1 else "s",
    " (%s)" % per_check if per_check else "",
    ", %d error%s" % (errors, "" if errors == 1 else "s") if errors else ""))
PY
exit "$status"
