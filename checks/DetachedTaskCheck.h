//===--- DetachedTaskCheck.h - coro-detached-task --------------*- C++ -*-===//

#ifndef COROLINT_DETACHEDTASKCHECK_H
#define COROLINT_DETACHEDTASKCHECK_H

#include "utils/Advice.h"
#include "utils/CoroCheck.h"
#include "utils/Options.h"
#include "utils/TaskType.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace clang::tidy::coro {

/// Finds coroutines started with nobody to receive their exception: spawned
/// with a token that drops it (`co_spawn(ex, work(), asio::detached)`), with
/// a completion handler that ignores its `std::exception_ptr`, through a
/// library's spawn-and-forget function, or `start`ed with a callback that
/// ignores the result it receives (async_simple's and folly's `Try`); unless
/// the coroutine's whole body is inside a `try` that catches everything.
///
/// How it works: it matches each user function once and walks its own body
/// for calls; the spawned coroutine is the argument of task type (a call, a
/// lambda, a variable holding one), and utils/Exceptions says whether its
/// definition lets an exception escape.
/// Why: the guide's "fire-and-forget without supervision": the error of such
/// a task vanishes, as Python's "Task exception was never retrieved".
///
/// For the user-facing documentation see: docs/checks/coro-detached-task.md
class DetachedTaskCheck : public utils::CoroCheck {
public:
  DetachedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
    forgetReports();
    TokenTypes.clear();
    TokenTypesFound = false;
    WorkKnown = false;
  }
  void onEndOfTranslationUnit() override { flushReports(); }

  /// How the started coroutine's exception is lost.
  enum class Loss { Token, IgnoringHandler, Function, IgnoringCallback };
  /// The coroutine a spawn starts, as the diagnostic names it.
  struct Spawned {
    /// A named coroutine, a lambda written there, unknown, a lambda held
    /// by a variable (named by the variable).
    enum Kind { Named, Lambda, Unknown, HeldLambda } How = Unknown;
    /// The coroutine (a lambda's call operator), when known.
    const FunctionDecl *Function = nullptr;
    /// The variable that holds the lambda (HeldLambda).
    const VarDecl *Holder = nullptr;
  };

private:
  void checkCall(const CallExpr &Call, const FunctionDecl &Enclosing,
                 ASTContext &Ctx);
  void report(SourceLocation Loc, Loss How, const Spawned &Coroutine,
              const NamedDecl *Culprit, const ParmVarDecl *Ignored,
              utils::CoroLibrary Library);
  /// The token object \p E names or makes (a variable of DetachedTokens, or
  /// a value of its type), or null.
  const NamedDecl *detachedToken(const Expr &E, ASTContext &Ctx);

  const std::string DetachedTokens;
  const std::string DetachingFunctions;
  const utils::TaskTypeOptions Tasks;
  utils::QualifiedNameSet Tokens;
  utils::QualifiedNameSet Detaching;
  /// The classes of the token objects, found in the translation unit once.
  llvm::DenseMap<const CXXRecordDecl *, const NamedDecl *> TokenTypes;
  bool TokenTypesFound = false;
  /// Whether the translation unit can hold anything this check reports
  /// (see hasWork), found once.
  bool hasWork(ASTContext &Ctx);
  bool WorkKnown = false;
  bool HasWork = false;
  /// The names whose spelling in the translation unit gives it work: the
  /// last components of the options' names, `co_spawn`, `Try`.
  std::vector<std::string> WorkNames;
};

} // namespace clang::tidy::coro

#endif // COROLINT_DETACHEDTASKCHECK_H
