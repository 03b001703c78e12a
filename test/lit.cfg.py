# -*- Python -*-
# lit configuration of corolint's test suite. CMake generates the site
# configuration (build/test/lit.site.cfg.py) with the paths of what it built;
# run the suite through ctest, or `lit build/test`.

import os
import shlex

import lit.formats

config.name = "corolint"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "runtime", "unit", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py.in", "check_coro.py", "regressions", "run_regressions.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.corolint_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ("HOME", "TMPDIR", "LANG"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

# A sanitized build: the shared ASan runtime is preloaded so that the plugin
# loads into the (uninstrumented) clang-tidy-19; LLVM's tools leak at exit by
# design, so leak checking is off; any UBSan report fails the run.
if config.sanitize:
    config.available_features.add("asan")
    config.environment["LD_PRELOAD"] = config.asan_runtime
    config.environment["ASAN_OPTIONS"] = "detect_leaks=0:detect_odr_violation=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

quote = shlex.quote
check_coro = " ".join(quote(a) for a in [
    config.python_executable,
    os.path.join(config.test_source_root, "check_coro.py"),
    "--corolint=" + config.corolint,
    "--clang-tidy=" + config.clang_tidy,
    "--plugin=" + config.plugin,
    "--filecheck=" + os.path.join(config.llvm_tools_dir, "FileCheck"),
])

config.substitutions.append(("%check_coro", check_coro))
# Before %corolint, which is a prefix of these.
config.substitutions.append(("%corolint_clangd", quote(config.corolint_clangd)))
config.substitutions.append(("%corolint_run", quote(config.corolint_run)))
config.substitutions.append(("%corolint", quote(config.corolint)))
config.substitutions.append(("%clang_tidy", quote(config.clang_tidy)))
config.substitutions.append(("%plugin", quote(config.plugin)))
config.substitutions.append(("%runtime_include", quote(config.runtime_include)))
config.substitutions.append(("%runtime_dir", quote(config.runtime_dir)))
config.substitutions.append(("%python", quote(config.python_executable)))
config.substitutions.append(("%build_dir", quote(config.corolint_obj_root)))
