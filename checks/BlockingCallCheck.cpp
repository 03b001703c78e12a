//===--- BlockingCallCheck.cpp - coro-blocking-call -----------------------===//

#include "BlockingCallCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/CoroutineModel.h"
#include "utils/ExitPaths.h"
#include "utils/Expr.h"
#include "utils/Waits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallString.h"

using namespace clang::ast_matchers;
using clang::tidy::coro::utils::ignoreImplicitAndParens;

namespace clang::tidy::coro {
namespace {

const char BlockingFunctionsOptionName[] = "BlockingFunctions";
const char AllowedFunctionsOptionName[] = "AllowedFunctions";
const char MaxCallDepthOptionName[] = "MaxCallDepth";
constexpr unsigned DefaultMaxCallDepth = 4;

using Family = BlockingCallCheck::Family;

/// The default blocking functions, by family.
struct FamilyNames {
  Family Kind;
  const char *Names;
};

#define ASIO_SYNC_IO(NS)                                                        \
  NS "basic_stream_socket::read_some;" NS "basic_stream_socket::write_some;"    \
  NS "basic_stream_socket::receive;" NS "basic_stream_socket::send;"            \
  NS "basic_datagram_socket::receive;" NS "basic_datagram_socket::send;"        \
  NS "basic_datagram_socket::receive_from;" NS "basic_datagram_socket::send_to;" \
  NS "basic_raw_socket::receive;" NS "basic_raw_socket::send;"                  \
  NS "basic_seq_packet_socket::receive;" NS "basic_seq_packet_socket::send;"    \
  NS "basic_socket::connect;" NS "basic_socket::wait;"                          \
  NS "basic_socket_acceptor::accept;" NS "basic_socket_acceptor::wait;"         \
  NS "ip::basic_resolver::resolve;" NS "basic_waitable_timer::wait;"            \
  NS "basic_deadline_timer::wait;" NS "read;" NS "write;" NS "read_until;"      \
  NS "read_at;" NS "write_at;" NS "connect;"

#define ASIO_DRIVE(NS)                                                          \
  NS "io_context::run;" NS "io_context::run_one;" NS "io_context::run_for;"     \
  NS "io_context::run_until;" NS "io_context::run_one_for;"                     \
  NS "io_context::run_one_until;"
#define ASIO_JOIN(NS) NS "thread_pool::join;" NS "thread_pool::wait;"

const FamilyNames DefaultBlocking[] = {
    {Family::Sleep, "std::this_thread::sleep_for;std::this_thread::sleep_until;"
                    "sleep;usleep;nanosleep;clock_nanosleep"},
    {Family::Process, "system;std::system;popen;pclose;waitpid;wait"},
    {Family::Wait, utils::WaitingFunctionNames},
    // Joining a pool waits for other threads' work, as a future does.
    {Family::Wait, ASIO_JOIN("asio::") ASIO_JOIN("boost::asio::")},
    // The synchronous runners (SynchronousRunnerNames) are added below.
    {Family::Bridge, ""},
    {Family::Drive, ASIO_DRIVE("asio::") ASIO_DRIVE("boost::asio::")},
    {Family::Network, ASIO_SYNC_IO("asio::") ASIO_SYNC_IO("boost::asio::")},
    {Family::Console, "scanf;getchar;fgets;gets;std::getline;std::operator>>;"
                      "std::basic_istream::operator>>;std::basic_istream::get;"
                      "std::basic_istream::getline;std::basic_istream::read"},
};

/// True when \p E names the process's standard input (`std::cin`, `stdin`).
bool isStandardInput(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreImplicitAndParens(E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getIdentifier())
    return false;
  llvm::StringRef Name = Var->getName();
  if (Name == "stdin")
    return true;
  return (Name == "cin" || Name == "wcin") && Var->isInStdNamespace();
}

/// The stream or FILE a console-input call reads, when it matters.
const Expr *consoleSource(const CallExpr &Call, const FunctionDecl &Callee) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  llvm::StringRef Name = Callee.getIdentifier() ? Callee.getName() : "";
  if (Name == "fgets")
    return Call.getNumArgs() > 2 ? Call.getArg(2) : nullptr;
  if (Name == "scanf" || Name == "getchar" || Name == "gets")
    return nullptr; // always stdin
  return Call.getNumArgs() > 0 ? Call.getArg(0) : nullptr; // getline, >>
}

/// The way out, in the API of the coroutine's own library.
std::string advice(Family Kind, utils::CoroLibrary Library) {
  switch (Kind) {
  case Family::Sleep:
    return utils::advice(utils::Remedy::AsyncSleep, Library);
  case Family::Process:
  case Family::Console:
  case Family::Custom:
    return utils::advice(utils::Remedy::OffloadCall, Library);
  case Family::Wait:
    return utils::advice(utils::Remedy::OffloadWait, Library);
  case Family::Bridge:
    return "co_await the task instead of blocking on it";
  case Family::Drive:
    return "run the event loop on its own thread, not inside a coroutine, and "
           "co_await the work it does";
  case Family::Network:
    return "use the asynchronous form with co_await (async_read_some, "
           "async_write, async_connect, ... with use_awaitable)";
  }
  return "";
}

/// How a diagnostic names a coroutine: its name, or "lambda".
struct CoroutineName {
  const FunctionDecl *Decl;
  bool IsLambda;
};
CoroutineName nameOf(const FunctionDecl &F, const FunctionDecl &Named) {
  return {&Named, utils::isLambdaCallOperator(F)};
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      BlockingFunctions(utils::listOption(Options, BlockingFunctionsOptionName, "")),
      AllowedFunctions(utils::listOption(Options, AllowedFunctionsOptionName, "")),
      MaxCallDepth(Options.get(MaxCallDepthOptionName, DefaultMaxCallDepth)),
      Tasks(Options),
      Offloads(Options),
      // A call MaxCallDepth calls away from the coroutine is one
      // MaxCallDepth - 1 calls away from the function the coroutine calls.
      Summaries(Offloads.model(), MaxCallDepth > 0 ? MaxCallDepth - 1 : 0,
                [this](const Stmt &S, const Stmt *) -> std::optional<utils::Site> {
                  const auto *Call = dyn_cast<CallExpr>(&S);
                  if (std::optional<Family> Kind =
                          Call ? blockingFamily(*Call) : std::nullopt)
                    return utils::Site{Call, static_cast<uint64_t>(*Kind)};
                  return std::nullopt;
                }) {
  std::vector<std::string> Allowed = utils::parseNameList(AllowedFunctions);
  for (const FamilyNames &Entry : DefaultBlocking) {
    std::string Names = Entry.Names;
    // The synchronous runners are shared with coro-dangling-reference.
    if (Entry.Kind == Family::Bridge)
      Names = utils::SynchronousRunnerNames;
    Families.emplace_back(utils::QualifiedNameSet(utils::parseNameList(Names)),
                          Entry.Kind);
  }
  Families.emplace_back(
      utils::QualifiedNameSet(utils::parseNameList(BlockingFunctions)),
      Family::Custom);
  for (auto &[Names, Kind] : Families)
    for (const std::string &Name : Allowed)
      Names.erase(Name);
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, BlockingFunctionsOptionName, BlockingFunctions);
  Options.store(Opts, AllowedFunctionsOptionName, AllowedFunctions);
  Offloads.store(Options, Opts);
  Options.store(Opts, MaxCallDepthOptionName, MaxCallDepth);
  Tasks.store(Options, Opts);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  utils::registerCoroutineMatchers(*Finder, this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  if (const FunctionDecl *Coroutine =
          utils::coroutineToCheck(Result, Offloads.model(), OffLoop))
    checkCoroutine(*Coroutine, *Result.Context);
}

std::optional<Family>
BlockingCallCheck::blockingFamily(const CallExpr &Call) const {
  // A synchronous runner that is a function object (stdexec's and unifex's
  // sync_wait, folly's blockingWait).
  if (isa_and_nonnull<DeclRefExpr>(utils::calledObject(Call)))
    for (const auto &[Names, Kind] : Families)
      if (Kind == Family::Bridge && utils::callsRunner(Call, Names))
        return Kind;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !mayBeNamed(*Callee))
    return std::nullopt;
  // An awaitable result is the asynchronous look-alike (a user's sleep_for).
  if (const CXXRecordDecl *Result = Call.getType()->getAsCXXRecordDecl())
    if (Tasks.classifier().isTaskType(Call.getType()) || isAwaitable(*Result))
      return std::nullopt;
  for (const auto &[Names, Kind] : Families) {
    if (!utils::callsNamed(Names, Call, *Callee))
      continue;
    if (Kind == Family::Console)
      if (const Expr *Source = consoleSource(Call, *Callee);
          Source && !isStandardInput(Source))
        continue;
    return Kind;
  }
  return std::nullopt;
}

bool BlockingCallCheck::isAwaitable(const CXXRecordDecl &Result) const {
  auto [It, Inserted] = Awaitable.try_emplace(Result.getCanonicalDecl(), false);
  if (Inserted)
    It->second = utils::isAwaitableRecord(&Result);
  return It->second;
}

bool BlockingCallCheck::mayBeNamed(const FunctionDecl &Callee) const {
  auto [It, Inserted] = MayBeNamed.try_emplace(&Callee, false);
  if (Inserted) {
    llvm::SmallString<32> Last;
    It->second = utils::lastName(Callee, Last) &&
                 llvm::any_of(Families, [&](const auto &Family) {
                   return Family.first.mayEndIn(Last);
                 });
  }
  return It->second;
}

bool BlockingCallCheck::runsOnLoop(const FunctionDecl &Coroutine,
                                   const Stmt &S) {
  const utils::CoroutineModel *Model = Models.get(Coroutine);
  const utils::OffloadModel &Offload = Offloads.model();
  return !Model ||
         Model->flow([&Offload](const Expr &E) { return Offload.isPoolHop(E); })
             .mayRunOnLoop(S);
}

void BlockingCallCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                       ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CoroutineBodyStmt *Body = utils::getCoroutineBody(&Coroutine);
  if (!Body || !Body->getBody())
    return;
  const CoroutineName Name = nameOf(Coroutine, *nameForReport(Coroutine));
  const utils::CoroLibrary Library = utils::libraryOfCoroutine(Coroutine);

  // The blocking calls, and the calls of functions that reach one, in
  // source order; those on a path that ends the program are dropped.
  struct Finding {
    const CallExpr *Call;
    std::optional<Family> Kind;     // a blocking call itself
    std::optional<utils::Reach> At; // else the one the callee reaches
  };
  llvm::SmallVector<Finding, 4> Findings;
  bool SawNoReturn = false;
  // Past a hop onto a pool (in source order), whether a statement may still
  // run on the loop is a flow question: a hop on one branch leaves the
  // other on the loop.
  bool PastHop = false;
  utils::forEachOwnStatement(*Body->getBody(), [&](const Stmt &S) {
    SawNoReturn |= utils::isNoReturnCall(S);
    if (const Expr *Operand = utils::awaitedOperand(S);
        Operand && Offloads.model().isPoolHop(*Operand))
      PastHop = true;
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    if (PastHop && !runsOnLoop(Coroutine, *Call))
      return;
    if (std::optional<Family> Kind = blockingFamily(*Call)) {
      Findings.push_back({Call, Kind, std::nullopt});
      return;
    }
    const FunctionDecl *Callee = MaxCallDepth > 0 && !utils::isBridgeCall(*Call, SM)
                                     ? Summaries.followedCallee(*Call, SM)
                                     : nullptr;
    if (std::optional<utils::Reach> Found =
            Callee ? Summaries.nearest(*Callee, SM) : std::nullopt)
      Findings.push_back({Call, std::nullopt, Found});
  });
  // A coroutine only ever started on a pool, or on the executor its caller
  // gives, may block its thread: asked only now, as it costs a walk.
  if (Findings.empty() || OffLoop.runsOffLoop(Coroutine, Offloads.model(), Ctx))
    return;
  std::optional<utils::ExitPaths> Exits;
  if (SawNoReturn)
    Exits.emplace(*Body->getBody());

  for (const Finding &F : Findings) {
    if (Exits && Exits->contains(F.Call))
      continue;
    const SourceLocation Loc = SM.getExpansionLoc(F.Call->getBeginLoc());
    proposeReport(Loc, Coroutine, QualType(), [this, F, Loc, Name, Library,
                                               &Coroutine, &SM] {
      if (F.Kind) {
        diag(Loc, "blocking call to %0 inside %select{coroutine %2|a coroutine "
                  "lambda}1 stalls the thread that runs it; %3")
            << utils::calleeDecl(*F.Call)->getDeclName() << Name.IsLambda
            << Name.Decl << advice(*F.Kind, Library);
      } else {
        const auto &Blocking = cast<CallExpr>(*F.At->At.S);
        const DeclarationName Blocked = utils::calleeDecl(Blocking)->getDeclName();
        diag(Loc, "call to %0 inside %select{coroutine %2|a coroutine lambda}1 "
                  "blocks the thread that runs it: it makes a blocking call to "
                  "%3; %4")
            << utils::calleeDecl(*F.Call)->getDeclName() << Name.IsLambda
            << Name.Decl << Blocked
            << advice(static_cast<Family>(F.At->At.Value), Library);
        diag(SM.getExpansionLoc(Blocking.getBeginLoc()),
             "blocking call to %0 is here", DiagnosticIDs::Note)
            << Blocked;
      }
      diag(Coroutine.getLocation(),
           "%select{%1 is a coroutine|the lambda is a coroutine}0: everything it "
           "does between suspension points holds its thread",
           DiagnosticIDs::Note)
          << Name.IsLambda << Name.Decl;
    });
  }
}

} // namespace clang::tidy::coro
