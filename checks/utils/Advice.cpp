//===--- Advice.cpp - a suggestion in the user's own library --------------===//

#include "utils/Advice.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::coro::utils {
namespace {

/// The outermost namespaces that name a library, most specific first.
struct Prefix {
  llvm::StringRef Name;
  CoroLibrary Library;
};
constexpr Prefix Prefixes[] = {
    {"boost::asio::", CoroLibrary::BoostAsio},
    {"asio::", CoroLibrary::Asio},
    {"cppcoro::", CoroLibrary::Cppcoro},
    {"folly::", CoroLibrary::Folly},
    {"coro::", CoroLibrary::Libcoro},
    {"concurrencpp::", CoroLibrary::Concurrencpp},
    {"async_simple::", CoroLibrary::AsyncSimple},
    {"corort::", CoroLibrary::Corort},
};

struct Entry {
  /// What to do, in any library's words.
  const char *Generic;
  /// How, per library (indexed by CoroLibrary); null: as OffloadCall for the
  /// offload remedies, else the generic words only.
  const char *How[9];
};

// clang-format off
const Entry Table[] = {
  // AwaitOrSpawn
  {"co_await it or spawn it in a task group",
   {nullptr,
    "co_await it or start it with asio::co_spawn",
    "co_await it or start it with boost::asio::co_spawn",
    "co_await it or spawn it in a cppcoro::async_scope",
    "co_await it or add it to a folly::coro::AsyncScope",
    "co_await it or start it in a coro::task_container",
    "co_await it, or keep it and co_await it later",
    "co_await it or start it with start() and a callback that checks its Try",
    "co_await it or spawn it in a corort::task_group"}},
  // Spawn
  {"hand it to a task group or to the event loop",
   {nullptr,
    "start it with asio::co_spawn",
    "start it with boost::asio::co_spawn",
    "run it with cppcoro::sync_wait or spawn it in a cppcoro::async_scope",
    "run it with folly::coro::blockingWait or add it to a folly::coro::AsyncScope",
    "run it with coro::sync_wait or start it in a coro::task_container",
    "keep it and get() or co_await it later",
    "run it with async_simple::coro::syncAwait or start it with start()",
    "hand it to a corort::task_group or to the event loop"}},
  // AsyncSleep
  {"await an asynchronous timer instead",
   {nullptr,
    "co_await an asio::steady_timer's async_wait(asio::use_awaitable)",
    "co_await a boost::asio::steady_timer's async_wait(boost::asio::use_awaitable)",
    "co_await a cppcoro::io_service's schedule_after(d)",
    "co_await folly::coro::sleep(d)",
    "co_await a coro::io_scheduler's yield_for(d)",
    "co_await a concurrencpp::timer_queue's make_delay_object(d, executor)",
    "co_await async_simple::coro::sleep(d)",
    "co_await corort::sleep_for(d)"}},
  // OffloadCall
  {"run it on a thread pool and await the result",
   {nullptr,
    "co_await asio::co_spawn(pool, ..., asio::use_awaitable)",
    "co_await boost::asio::co_spawn(pool, ..., boost::asio::use_awaitable)",
    "co_await a cppcoro::static_thread_pool's schedule() before it",
    "co_await std::move(task).scheduleOn(executor) on a CPU executor",
    "co_await a coro::thread_pool's schedule() before it",
    "co_await concurrencpp::resume_on(thread_pool_executor) before it",
    "co_await it in a Lazy .via(executor) of a thread pool",
    "co_await corort::to_thread(...)"}},
  // OffloadWait (how: as OffloadCall)
  {"await an asynchronous event instead, or move the wait to a thread pool",
   {}},
  // OffloadWork (how: as OffloadCall, but corort's CPU pool)
  {"move the work to a long-lived thread pool or insert a suspension point",
   {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    "co_await pool.run(fn) on a corort::cpu_pool"}},
  // StopPolling
  {"await an asynchronous event instead of polling, or suspend inside the loop",
   {nullptr,
    "co_await asio::post(executor, asio::use_awaitable)",
    "co_await boost::asio::post(executor, boost::asio::use_awaitable)",
    "co_await a scheduler's schedule()",
    "co_await folly::coro::co_reschedule_on_current_executor",
    "co_await a coro::io_scheduler's yield()",
    "co_await concurrencpp::resume_on(executor)",
    "co_await async_simple::coro::Yield()",
    "co_await corort::sleep_for(0ms)"}},
  // Supervise
  {"receive its exception: catch it inside the coroutine or start it where "
   "the error is handled",
   {nullptr,
    "pass a completion handler that rethrows or logs the std::exception_ptr",
    "pass a completion handler that rethrows or logs the std::exception_ptr",
    nullptr, // cppcoro::async_scope terminates on an exception
    "check the folly::Try the callback receives (hasException())",
    "spawn it with spawn_joinable() and co_await the task it returns",
    "catch inside the coroutine, or keep its result and co_await it",
    "check the Try the callback receives (hasError(), getException())",
    "spawn it in a corort::task_group, whose join() rethrows it"}},
  // StartTogether
  {"start them together and await them all",
   {nullptr,
    "co_await them together with asio::experimental::make_parallel_group or "
    "asio::experimental::awaitable_operators' &&",
    "co_await them together with boost::asio::experimental::make_parallel_group "
    "or boost::asio::experimental::awaitable_operators' &&",
    "collect the tasks and co_await cppcoro::when_all(std::move(tasks))",
    "collect the tasks and co_await folly::coro::collectAllRange(std::move(tasks))",
    "collect the tasks and co_await coro::when_all(std::move(tasks))",
    "collect the results and co_await concurrencpp::when_all(executor, begin, end)",
    "collect the tasks and co_await async_simple::coro::collectAll(std::move(tasks))",
    "spawn each into a corort::task_group and co_await group.join()"}},
};
// clang-format on

} // namespace

CoroLibrary libraryOf(const NamedDecl *D) {
  if (!D)
    return CoroLibrary::Unknown;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    D = Spec->getSpecializedTemplate();
  std::string Name = D->getQualifiedNameAsString();
  llvm::StringRef N(Name);
  for (const Prefix &P : Prefixes)
    if (N.starts_with(P.Name))
      return P.Library;
  return CoroLibrary::Unknown;
}

CoroLibrary libraryOf(QualType T) {
  if (T.isNull())
    return CoroLibrary::Unknown;
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *Record = T->getAsCXXRecordDecl())
    return libraryOf(Record);
  // In a template, a dependent `asio::awaitable<T>`: the template's name.
  if (const auto *Spec = T->getAs<TemplateSpecializationType>())
    return libraryOf(Spec->getTemplateName().getAsTemplateDecl());
  return CoroLibrary::Unknown;
}

CoroLibrary libraryOfCoroutine(const FunctionDecl &F) {
  return libraryOf(F.getReturnType());
}

std::string advice(Remedy What, CoroLibrary Library) {
  const Entry &E = Table[static_cast<unsigned>(What)];
  const char *How = E.How[static_cast<unsigned>(Library)];
  // Waiting and working move to a pool as a blocking call does.
  if (!How && (What == Remedy::OffloadWait || What == Remedy::OffloadWork))
    How = Table[static_cast<unsigned>(Remedy::OffloadCall)]
              .How[static_cast<unsigned>(Library)];
  if (!How)
    return E.Generic;
  // Whole-sentence forms stand alone; the others follow the generic words.
  if (What == Remedy::AwaitOrSpawn || What == Remedy::Spawn ||
      What == Remedy::Supervise || What == Remedy::StartTogether)
    return How;
  return std::string(E.Generic) + " (" + How + ")";
}

} // namespace clang::tidy::coro::utils
