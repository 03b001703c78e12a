//===--- OptionsTest.cpp - option list parsing ----------------------------===//

#include "utils/Options.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

TEST(ParseNameList, SplitsTrimsAndDropsEmptyEntries) {
  EXPECT_EQ(parseNameList(" ::a::b ; c;;  d::e  ;"),
            (std::vector<std::string>{"a::b", "c", "d::e"}));
  EXPECT_TRUE(parseNameList("").empty());
  EXPECT_TRUE(parseNameList(" ; ; ").empty());
}

TEST(ParseNameList, RoundTripsThroughUpstreamSerialize) {
  std::vector<std::string> Names{"asio::awaitable", "corort::task"};
  std::vector<llvm::StringRef> Refs(Names.begin(), Names.end());
  EXPECT_EQ(parseNameList(clang::tidy::utils::options::serializeStringList(Refs)),
            Names);
  EXPECT_EQ(clang::tidy::utils::options::serializeStringList({}), "");
}

const NamedDecl *findNamed(ASTUnit &AST, llvm::StringRef Name) {
  auto Matches = match(namedDecl(hasName(Name)).bind("d"), AST.getASTContext());
  return Matches.empty() ? nullptr : Matches.front().getNodeAs<NamedDecl>("d");
}

TEST(QualifiedName, SkipsInlineAndAnonymousNamespaces) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"cpp(
    namespace lib { inline namespace v2 { namespace { struct pool {}; } } }
    namespace lib { template <class T> struct task { void run(); }; }
  )cpp", {"-std=c++20"});
  ASSERT_TRUE(AST);
  const NamedDecl *Pool = findNamed(*AST, "pool");
  ASSERT_TRUE(Pool);
  EXPECT_EQ(qualifiedName(Pool), "lib::pool");
  const NamedDecl *Run = findNamed(*AST, "run");
  ASSERT_TRUE(Run);
  EXPECT_EQ(qualifiedName(Run), "lib::task::run");

  QualifiedNameSet Set(parseNameList("lib::pool;other::thing"));
  EXPECT_TRUE(Set.contains(Pool));
  EXPECT_FALSE(Set.contains(Run));
  Set.erase("::lib::pool");
  EXPECT_FALSE(Set.contains(Pool));
}

TEST(OptionsTest, ResolveList) {
  // Plain names replace the default; signed entries edit it.
  EXPECT_EQ(resolveList("a::x; b::y", "c::z"), "a::x; b::y");
  EXPECT_EQ(resolveList("+mylib::pool::schedule", "::asio::post;asio::dispatch"),
            "asio::post;asio::dispatch;mylib::pool::schedule");
  EXPECT_EQ(resolveList("-asio::dispatch; +a::b; c::d", "asio::post;asio::dispatch"),
            "asio::post;a::b;c::d");
  EXPECT_EQ(resolveList("+asio::post", "asio::post"), "asio::post");
  EXPECT_EQ(resolveList("-::asio::post", "::asio::post"), "");
  EXPECT_EQ(resolveList("", "a;b"), "");
  EXPECT_EQ(resolveList("+x", ""), "x");
}

} // namespace
