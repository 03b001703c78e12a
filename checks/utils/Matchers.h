//===--- Matchers.h - AST matchers shared by the coro checks ---*- C++ -*-===//

#ifndef COROLINT_UTILS_MATCHERS_H
#define COROLINT_UTILS_MATCHERS_H

#include "utils/Expr.h"
#include "utils/TaskType.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::coro::utils {

/// A prvalue of task type: a new task, not a reference to somebody's task.
AST_MATCHER_P(Expr, isNewTask, const TaskTypeClassifier *, Classifier) {
  return Node.isPRValue() && Classifier->isTaskType(Node.getType());
}

/// Matches \p Inner against the expression as the user wrote it, without
/// implicit casts, cleanups, temporaries and parentheses.
AST_MATCHER_P(Expr, spelledAs, ast_matchers::internal::Matcher<Expr>, Inner) {
  return Inner.matches(*ignoreImplicitAndParens(&Node), Finder, Builder);
}

// The matchers below run on every node of their kind in the translation
// unit, system headers included: each is one predicate, cheapest test
// first, instead of a composition of matchers that each cost a dispatch.

/// A function definition with a body, not in a system header: the
/// composition `functionDecl(isDefinition(), hasBody(stmt()),
/// unless(isExpansionInSystemHeader()))` in one step.
inline bool isUserDefinitionWithBody(const FunctionDecl &Function,
                                     const SourceManager &SM) {
  if (!Function.doesThisDeclarationHaveABody() ||
      !Function.isThisDeclarationADefinition() || !Function.getBody())
    return false;
  const SourceLocation Loc = SM.getExpansionLoc(Function.getBeginLoc());
  return Loc.isInvalid() || !SM.isInSystemHeader(Loc);
}
AST_MATCHER(FunctionDecl, isUserDefinitionWithBody) {
  return isUserDefinitionWithBody(Node,
                                  Finder->getASTContext().getSourceManager());
}

/// A lambda whose call operator is a coroutine.
AST_MATCHER(LambdaExpr, isCoroutineLambda) {
  const CXXMethodDecl *Operator = Node.getCallOperator();
  return Operator && Operator->getBody() &&
         isa<CoroutineBodyStmt>(Operator->getBody());
}

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_MATCHERS_H
