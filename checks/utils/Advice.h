//===--- Advice.h - a suggestion in the user's own library -----*- C++ -*-===//
//
// A diagnostic ends with one way out, and it should be one the user can type:
// an asio user is told about asio::steady_timer, not corort::sleep_for. The
// library is the one the coroutine's task type comes from (its namespace);
// an unknown task type gets library-neutral words.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_ADVICE_H
#define COROLINT_UTILS_ADVICE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::coro::utils {

/// The coroutine libraries whose API the advice can name.
enum class CoroLibrary {
  Unknown,
  Asio,
  BoostAsio,
  Cppcoro,
  Folly,
  Libcoro,
  Concurrencpp,
  AsyncSimple,
  Corort,
};

/// The library a class belongs to, by its namespace (for a template
/// specialization, the template's).
CoroLibrary libraryOf(const NamedDecl *D);
/// The library of the class \p T names (through references and sugar).
CoroLibrary libraryOf(QualType T);
/// The library of a coroutine: the one of its return type.
CoroLibrary libraryOfCoroutine(const FunctionDecl &F);

/// What a diagnostic advises.
enum class Remedy {
  /// A task was dropped or kept and never awaited, inside a coroutine.
  AwaitOrSpawn,
  /// The same outside a coroutine: it has to be started somehow.
  Spawn,
  /// A sleep: await a timer.
  AsyncSleep,
  /// A blocking call that is not a wait (a process, the console, a user's
  /// blocking function): run it on a thread pool.
  OffloadCall,
  /// A blocking wait on a future, a thread, a lock: await an event instead,
  /// or move the wait off the thread.
  OffloadWait,
  /// A CPU-heavy loop: a long-lived pool, or a suspension point.
  OffloadWork,
  /// A busy wait: an event, or a suspension inside the loop.
  StopPolling,
  /// A coroutine started with nobody to receive its exception.
  Supervise,
  /// Independent tasks awaited one by one: start them together.
  StartTogether,
};

/// The advice for \p What in the API of \p Library: a clause that follows a
/// semicolon in a diagnostic ("await an asynchronous timer instead
/// (co_await folly::coro::sleep(d))"); lowercase, no final period.
std::string advice(Remedy What, CoroLibrary Library);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_ADVICE_H
