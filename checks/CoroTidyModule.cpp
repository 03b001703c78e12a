//===--- CoroTidyModule.cpp - the coro clang-tidy module ------------------===//
//
// Registers corolint's checks with clang-tidy. The same object files make the
// plugin (libcorolint.so) and the standalone `corolint`.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingLoopCheck.h"
#include "DanglingReferenceCheck.h"
#include "DetachedTaskCheck.h"
#include "DiscardedTaskCheck.h"
#include "PoolPerCallCheck.h"
#include "SequentialAwaitCheck.h"
#include "UnawaitedTaskCheck.h"
#include "utils/LanguageGuard.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::coro {

class CoroModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<BlockingCallCheck>("coro-blocking-call");
    CheckFactories.registerCheck<BlockingLoopCheck>("coro-blocking-loop");
    CheckFactories.registerCheck<DanglingReferenceCheck>(
        "coro-dangling-reference");
    CheckFactories.registerCheck<DetachedTaskCheck>("coro-detached-task");
    CheckFactories.registerCheck<DiscardedTaskCheck>("coro-discarded-task");
    CheckFactories.registerCheck<PoolPerCallCheck>("coro-pool-per-call");
    CheckFactories.registerCheck<SequentialAwaitCheck>("coro-sequential-await");
    CheckFactories.registerCheck<UnawaitedTaskCheck>("coro-unawaited-task");
    // C and pre-C++20 input gets one error instead of a silent pass.
    utils::guardLanguage(CheckFactories, "coro-");
  }
};

// Register the module with clang-tidy's registry.
static ClangTidyModuleRegistry::Add<CoroModule>
    X("coro-module", "Checks for C++20 coroutine misuse (corolint).");

} // namespace clang::tidy::coro

// Referenced by drivers that link the module statically, so that the linker
// keeps this object file and its registration.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int CoroModuleAnchorSource = 0;
