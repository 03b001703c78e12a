//===--- LanguageGuard.cpp - non-C++20 input is said, not passed ----------===//

#include "utils/LanguageGuard.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include <atomic>
#include <memory>
#include <string>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::coro::utils {
namespace {

std::atomic<NonCxx20Handler> Handler{nullptr};
std::atomic<CompileCommandProbe> Probe{nullptr};

/// Stands in for the first enabled coro check on input that is not C++20 when
/// no driver handles it: one compiler error, first, so that the run fails
/// and says why, and no check's name on it (no check ran); the unit's other
/// diagnostics are silenced (errors of C++20 code parsed as C++17 would bury
/// the line).
class LanguageGuardCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  bool isLanguageVersionSupported(const LangOptions &) const override {
    return true;
  }
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *) override {
    DiagnosticsEngine &Diags = PP->getDiagnostics();
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "the coro-* checks need C++20 or later, but this file is compiled as "
        "%0; compile it with -std=c++20");
    Diags.Report(SM.getLocForStartOfFile(SM.getMainFileID()), ID)
        << languageName(getLangOpts());
    Diags.setSuppressAllDiagnostics(true);
  }
};

/// Stands in for the first enabled coro check on input that is not C++20
/// when the driver has said so itself: the unit's own diagnostics are
/// silenced (errors of C++20 code parsed as C++17 would bury the line).
class SilencingCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &) const override {
    return true;
  }
  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    PP->getDiagnostics().setSuppressAllDiagnostics(true);
  }
};

/// Stands in for the first enabled coro check on a file without a compile
/// command (corolint-clangd): one warning that says how to give it one; the
/// rest (missing includes of guessed flags) is silenced.
class NoCompileCommandCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &) const override {
    return true;
  }
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *) override {
    DiagnosticsEngine &Diags = PP->getDiagnostics();
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Warning,
        "corolint: no compile command for this file, so its flags are guessed "
        "and the build's include paths and macros are missing; start "
        "corolint-clangd with --compile-commands-dir=<build directory>, or "
        "add 'CompileFlags: {CompilationDatabase: <build directory>}' to a "
        ".clangd file, or a compile_flags.txt");
    Diags.Report(SM.getLocForStartOfFile(SM.getMainFileID()), ID);
    Diags.setSuppressAllDiagnostics(true);
  }
};

} // namespace

void setCompileCommandProbe(CompileCommandProbe P) { Probe = P; }

void setNonCxx20Handler(NonCxx20Handler H) { Handler = H; }

std::string languageName(const LangOptions &LO) {
  if (LO.ObjC)
    return LO.CPlusPlus ? "Objective-C++" : "Objective-C";
  if (!LO.CPlusPlus)
    return "C";
  if (LO.CPlusPlus17)
    return "C++17";
  if (LO.CPlusPlus14)
    return "C++14";
  if (LO.CPlusPlus11)
    return "C++11";
  return "C++98";
}

void guardLanguage(ClangTidyCheckFactories &Factories, llvm::StringRef Prefix) {
  // StringMap iterates in hash order: sort so that the same check always
  // carries the guard.
  std::vector<std::string> Names;
  for (const auto &Entry : Factories)
    if (Entry.getKey().starts_with(Prefix))
      Names.push_back(Entry.getKey().str());
  llvm::sort(Names);
  auto SharedNames = std::make_shared<const std::vector<std::string>>(Names);

  for (const std::string &Name : Names) {
    ClangTidyCheckFactories::CheckFactory Inner;
    for (const auto &Entry : Factories)
      if (Entry.getKey() == Name)
        Inner = Entry.getValue();
    Factories.registerCheckFactory(
        Name, [Inner, SharedNames](llvm::StringRef CheckName,
                                   ClangTidyContext *Context)
                  -> std::unique_ptr<ClangTidyCheck> {
          const LangOptions &LO = Context->getLangOpts();
          // No current file: the checks are being listed or configured.
          if (Context->getCurrentFile().empty())
            return Inner(CheckName, Context);
          const CompileCommandProbe P = Probe;
          if (LO.CPlusPlus20 && !P)
            return Inner(CheckName, Context);
          // Only the first enabled coro check speaks, once per unit.
          auto First = llvm::find_if(*SharedNames, [&](const std::string &N) {
            return Context->isCheckEnabled(N);
          });
          if (First == SharedNames->end() || *First != CheckName)
            return Inner(CheckName, Context);
          if (P && !P(Context->getCurrentFile()))
            return std::make_unique<NoCompileCommandCheck>(CheckName, Context);
          if (LO.CPlusPlus20)
            return Inner(CheckName, Context);
          if (NonCxx20Handler H = Handler) {
            if (H(Context->getCurrentFile(), languageName(LO)))
              return std::make_unique<SilencingCheck>(CheckName, Context);
            return Inner(CheckName, Context); // dropped: not C++20
          }
          return std::make_unique<LanguageGuardCheck>(CheckName, Context);
        });
  }
}

} // namespace clang::tidy::coro::utils
