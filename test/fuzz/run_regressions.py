"""Runs each fuzz regression input through corolint; fails on a crash."""
import glob
import os
import subprocess
import sys

corolint, directory, mocks, runtime = sys.argv[1:5]
inputs = sorted(glob.glob(os.path.join(directory, "*.cpp")))
config = ("{CheckOptions: {coro-unawaited-task.StrictPaths: true, "
          "coro-blocking-loop.ReportUnknownBounds: true}}")
failed = False
for path in inputs:
    proc = subprocess.run(
        [corolint, path, "--checks=-*,coro-*", "--config=" + config, "--",
         "-std=c++20", "-isystem", mocks, "-I", runtime,
         "-DASIO_HAS_CO_AWAIT=1", "-DASIO_HAS_STD_COROUTINE=1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    ok = proc.returncode in (0, 1)
    print("%s: %s" % (os.path.basename(path), "ok" if ok else "CRASH (%d)" % proc.returncode))
    if not ok:
        sys.stdout.write(proc.stdout)
        failed = True
print("%d regression inputs, %s" % (len(inputs), "a crash" if failed else "no crash"))
sys.exit(1 if failed else 0)
