//===--- Waits.cpp - functions that wait for other work to finish ---------===//

#include "utils/Waits.h"
#include "utils/Coroutine.h"
#include "utils/OwnBody.h"
#include "utils/Expr.h"

namespace clang::tidy::coro::utils {

const char WaitingFunctionNames[] =
    "std::future::get;std::future::wait;std::future::wait_for;"
    "std::future::wait_until;std::shared_future::get;std::shared_future::wait;"
    "std::shared_future::wait_for;std::shared_future::wait_until;"
    "std::thread::join;std::jthread::join;std::condition_variable::wait;"
    "std::condition_variable::wait_for;std::condition_variable::wait_until;"
    "std::condition_variable_any::wait;std::condition_variable_any::wait_for;"
    "std::condition_variable_any::wait_until;std::latch::wait;"
    "std::latch::arrive_and_wait;std::barrier::arrive_and_wait;"
    "std::barrier::wait;std::counting_semaphore::acquire";

const char SynchronousRunnerNames[] =
    "cppcoro::sync_wait;coro::sync_wait;folly::coro::blockingWait;"
    "async_simple::coro::syncAwait;stdexec::sync_wait;"
    "stdexec::sync_wait_with_variant;unifex::sync_wait;unifex::sync_wait_r;"
    "drogon::sync_wait;corort::run;corort::event_loop::run";

bool callsRunner(const CallExpr &Call, const QualifiedNameSet &Runners) {
  auto Listed = [&](const NamedDecl *D) {
    return D && D->getIdentifier() && Runners.mayEndIn(D->getName()) &&
           Runners.contains(D);
  };
  if (Listed(Call.getDirectCallee()))
    return true;
  // A function object: `stdexec::sync_wait(sender)` calls the object's
  // operator().
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(calledObject(Call)))
    return Listed(Ref->getDecl());
  return false;
}

namespace {

class WaitFinder : public OwnBodyVisitor<WaitFinder> {
public:
  WaitFinder(const QualifiedNameSet &Waits,
             llvm::function_ref<bool(const CallExpr &)> IsRunner)
      : Waits(Waits), IsRunner(IsRunner) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if ((Callee && callsNamed(Waits, *Call, *Callee)) || IsRunner(*Call)) {
      Found = true;
      return false;
    }
    return true;
  }

  bool Found = false;

private:
  const QualifiedNameSet &Waits;
  llvm::function_ref<bool(const CallExpr &)> IsRunner;
};

} // namespace

bool waitsBeforeReturning(const FunctionDecl &F, const QualifiedNameSet &Waits,
                          llvm::function_ref<bool(const CallExpr &)> IsRunner) {
  const FunctionDecl *Definition = F.getDefinition();
  if (!Definition || !Definition->getBody() || isCoroutine(Definition))
    return false;
  WaitFinder Finder(Waits, IsRunner);
  Finder.walk(*Definition->getBody());
  return Finder.Found;
}

} // namespace clang::tidy::coro::utils
