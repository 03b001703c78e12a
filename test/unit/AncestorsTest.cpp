//===--- AncestorsTest.cpp - where a node is, without a parent map --------===//

#include "utils/Ancestors.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <string>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

struct Where {
  std::string Function; // "" when none, "lambda" for a lambda
  std::string Loop;     // the loop's class name, "" when none
};

/// Where the one `new int` of \p Code runs.
Where whereIsNew(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
  auto Found = match(cxxNewExpr().bind("n"), AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u) << Code;
  const auto *New = Found[0].getNodeAs<Stmt>("n");
  auto Above = findAncestors(AST->getASTContext(), {New});
  // The same nodes as the parent map's first parents.
  size_t Depth = 0;
  for (DynTypedNodeList Parents = AST->getASTContext().getParents(*New);
       !Parents.empty(); Parents = AST->getASTContext().getParents(Parents[0]))
    ++Depth;
  EXPECT_EQ(Above[New].size(), Depth) << Code;
  Placement P = locate(*New, Above[New]);
  Where W;
  if (P.Function)
    W.Function = P.Function->getParent()->isRecord() &&
                         cast<CXXRecordDecl>(P.Function->getParent())->isLambda()
                     ? "lambda"
                     : P.Function->getNameAsString();
  if (P.Loop)
    W.Loop = P.Loop->getStmtClassName();
  return W;
}

TEST(AncestorsTest, LocatesFunctionAndLoop) {
  Where W = whereIsNew("void f() { for (int i = 0; i < 3; ++i) { int *p = new int; delete p; } }");
  EXPECT_EQ(W.Function, "f");
  EXPECT_EQ(W.Loop, "ForStmt");
  W = whereIsNew("void f() { for (int *p = new int; p;) { delete p; p = nullptr; } }");
  EXPECT_EQ(W.Function, "f");
  EXPECT_EQ(W.Loop, "");
  W = whereIsNew("void f() { while (true) { auto l = [] { delete new int; }; l(); break; } }");
  EXPECT_EQ(W.Function, "lambda");
  EXPECT_EQ(W.Loop, "");
  W = whereIsNew("void f() { (void)sizeof(new int); }");
  EXPECT_EQ(W.Function, "");
  W = whereIsNew("struct S { int *p = new int; };");
  EXPECT_EQ(W.Function, "");
}

TEST(AncestorsTest, DeclarationPathAndLoop) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "void f(int n) { while (n--) { if (n) { int v = n; (void)v; } } }",
      {"-std=c++20"});
  auto Found = match(varDecl(hasName("v")).bind("v"), AST->getASTContext());
  const auto *V = Found[0].getNodeAs<VarDecl>("v");
  const auto *F = cast<FunctionDecl>(V->getDeclContext());
  llvm::SmallVector<const Stmt *, 8> Path;
  ASSERT_TRUE(findDeclaration(F->getBody(), *V, Path));
  EXPECT_TRUE(isa<DeclStmt>(Path.back()));
  const Stmt *Loop = innermostLoop(Path);
  ASSERT_TRUE(Loop);
  EXPECT_TRUE(isa<WhileStmt>(Loop));
}

} // namespace
