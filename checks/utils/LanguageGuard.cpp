//===--- LanguageGuard.cpp - one clear error for non-C++20 input ----------===//

#include "utils/LanguageGuard.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>
#include <string>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::coro::utils {
namespace {

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

/// Stands in for the first enabled coro check on input that is not C++20.
class LanguageGuardCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  bool isLanguageVersionSupported(const LangOptions &) const override {
    return true;
  }
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl(), this);
  }
  void check(const MatchFinder::MatchResult &Result) override {
    const SourceManager &SM = *Result.SourceManager;
    diag(SM.getLocForStartOfFile(SM.getMainFileID()),
         "the coro-* checks need C++20 or later, but this file is compiled "
         "as %0; compile it with -std=c++20",
         DiagnosticIDs::Error)
        << languageName(getLangOpts());
  }
};

} // namespace

void guardLanguage(ClangTidyCheckFactories &Factories, llvm::StringRef Prefix) {
  // StringMap iterates in hash order: sort so that the same check always
  // carries the error.
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
          if (Context->getCurrentFile().empty() || LO.CPlusPlus20)
            return Inner(CheckName, Context);
          for (const std::string &First : *SharedNames) {
            if (!Context->isCheckEnabled(First))
              continue;
            if (First == CheckName)
              return std::make_unique<LanguageGuardCheck>(CheckName, Context);
            break;
          }
          return Inner(CheckName, Context);
        });
  }
}

} // namespace clang::tidy::coro::utils
