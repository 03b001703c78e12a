//===--- OwnBodyTest.cpp - one definition of a function's own body --------===//

#include "utils/OwnBody.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <set>
#include <string>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

/// The names of the functions called in `f`'s own body.
std::set<std::string> calledInOwnBody(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
  auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                     AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u);
  std::set<std::string> Called;
  auto Walk = [&](auto &Self, const Stmt &S) -> bool {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Called.insert(Callee->getNameAsString());
    return forEachOwnChild(S, [&](const Stmt &Child) { return Self(Self, Child); });
  };
  Walk(Walk, *Found[0].getNodeAs<FunctionDecl>("f")->getBody());
  return Called;
}

TEST(OwnBodyTest, StopsAtNestedCode) {
  EXPECT_EQ(calledInOwnBody(R"cpp(
int own(); int in_lambda(); int capture(); int in_class(); int init();
void f() {
  own();
  auto l = [c = capture()] { return in_lambda() + c; };
  struct Local { int m() { return in_class(); } };
  int x = init();
  (void)l; (void)x;
}
)cpp"),
            (std::set<std::string>{"own", "capture", "init"}));
}

TEST(OwnBodyTest, RangeForAsWritten) {
  // The hidden begin()/end() calls and the iterator's operators are not
  // written by the user, nor is the loop variable's initialiser.
  EXPECT_EQ(calledInOwnBody(R"cpp(
struct It { int operator*(); It &operator++(); bool operator!=(const It &); };
struct Range { It begin(); It end(); };
Range make(); void use(int);
void f() { for (int x : make()) use(x); }
)cpp"),
            (std::set<std::string>{"make", "use"}));
}

TEST(OwnBodyTest, StopsWhenAsked) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "void a(); void b(); void f() { a(); b(); }", {"-std=c++20"});
  auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                     AST->getASTContext());
  unsigned Seen = 0;
  EXPECT_FALSE(forEachOwnChild(*Found[0].getNodeAs<FunctionDecl>("f")->getBody(),
                               [&](const Stmt &) { return ++Seen < 1; }));
  EXPECT_EQ(Seen, 1u);
  EXPECT_TRUE(startsOwnCode(*Found[0].getNodeAs<FunctionDecl>("f")));
}

} // namespace
