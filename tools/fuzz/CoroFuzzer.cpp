//===--- CoroFuzzer.cpp - libFuzzer target for the coro checks ------------===//
//
// Feeds each input, as a C++20 source file, through every coro-* check in
// process (clang-tidy's runClangTidy over an in-memory file), so that a
// crash, a hang or a sanitizer report in a check is found. The mock task
// libraries of the test suite and the bundled runtime are on the include
// path, so mutated test inputs still reach the checks. The input lives in an
// in-memory file over the real file system, in an existing directory (the
// tool changes into the compile directory).
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::tidy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const std::vector<std::string> Flags = {
      "-std=c++20", "-fsyntax-only", "-isystem", COROLINT_FUZZ_MOCKS,
      "-I", COROLINT_FUZZ_RUNTIME, "-DASIO_HAS_CO_AWAIT=1",
      "-DASIO_HAS_STD_COROUTINE=1"};
  static const tooling::FixedCompilationDatabase Compilations("/tmp", Flags);

  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = "-*,coro-*";
  Options.CheckOptions["coro-unawaited-task.StrictPaths"] = "true";
  Options.CheckOptions["coro-blocking-loop.ReportUnknownBounds"] = "true";
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
      ClangTidyGlobalOptions(), Options));

  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile("/tmp/corolint-fuzz-input.cpp", 0,
                  llvm::MemoryBuffer::getMemBufferCopy(
                      llvm::StringRef(reinterpret_cast<const char *>(Data), Size)));
  auto Files = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  Files->pushOverlay(Memory);

  runClangTidy(Context, Compilations, {"/tmp/corolint-fuzz-input.cpp"}, Files,
               /*ApplyAnyFix=*/false);
  return 0;
}
