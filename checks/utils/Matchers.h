//===--- Matchers.h - AST matchers shared by the coro checks ---*- C++ -*-===//

#ifndef COROLINT_UTILS_MATCHERS_H
#define COROLINT_UTILS_MATCHERS_H

#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::coro::utils {

/// A function definition with a body, not in a system header: the
/// composition `functionDecl(isDefinition(), hasBody(stmt()),
/// unless(isExpansionInSystemHeader()))` in one predicate, cheapest test
/// first. It runs on every function of the translation unit, system headers
/// included, and each matcher of a composition costs a dispatch.
AST_MATCHER(FunctionDecl, isUserDefinitionWithBody) {
  if (!Node.doesThisDeclarationHaveABody() ||
      !Node.isThisDeclarationADefinition() || !Node.getBody())
    return false;
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Node.getBeginLoc());
  return Loc.isInvalid() || !SM.isInSystemHeader(Loc);
}

/// A declaration at file or namespace scope written in a system header: a
/// walk of the whole translation unit skips it, as it holds no user code
/// (what the matcher above does for one function).
inline bool isSystemDeclAtFileScope(const Decl &D, const SourceManager &SM) {
  if (!D.getDeclContext() || !D.getDeclContext()->isFileContext() ||
      isa<TranslationUnitDecl>(D))
    return false;
  const SourceLocation Loc = SM.getExpansionLoc(D.getLocation());
  return Loc.isValid() && SM.isInSystemHeader(Loc);
}

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_MATCHERS_H
