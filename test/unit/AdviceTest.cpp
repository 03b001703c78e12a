//===--- AdviceTest.cpp - a suggestion in the user's own library ----------===//

#include "utils/Advice.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

const char Code[] = R"cpp(
namespace asio { template <class T> struct awaitable {}; }
namespace boost::asio { template <class T> struct awaitable {}; }
namespace cppcoro { template <class T> struct task {}; }
namespace folly::coro { template <class T> struct Task {}; }
namespace coro { template <class T> struct task {}; }
namespace concurrencpp { template <class T> struct result {}; }
namespace async_simple::coro { template <class T> struct Lazy {}; }
namespace corort { template <class T> struct task {}; }
namespace app { template <class T> struct task {}; }
struct coroutine_but_global {};

asio::awaitable<int> f_asio();
boost::asio::awaitable<int> f_boost();
cppcoro::task<int> f_cppcoro();
folly::coro::Task<int> f_folly();
coro::task<int> f_libcoro();
concurrencpp::result<int> f_concurrencpp();
async_simple::coro::Lazy<int> f_async_simple();
corort::task<int> f_corort();
app::task<int> f_app();
coroutine_but_global f_global();
const corort::task<int> &f_reference();
)cpp";

class AdviceTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    ASSERT_TRUE(AST);
  }
  CoroLibrary of(llvm::StringRef Name) {
    auto Found = match(functionDecl(hasName(Name)).bind("f"), AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u) << Name.str();
    return libraryOfCoroutine(*Found.front().getNodeAs<FunctionDecl>("f"));
  }
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(AdviceTest, LibraryComesFromTheTaskTypesNamespace) {
  EXPECT_EQ(of("f_asio"), CoroLibrary::Asio);
  EXPECT_EQ(of("f_boost"), CoroLibrary::BoostAsio);
  EXPECT_EQ(of("f_cppcoro"), CoroLibrary::Cppcoro);
  EXPECT_EQ(of("f_folly"), CoroLibrary::Folly);
  EXPECT_EQ(of("f_libcoro"), CoroLibrary::Libcoro);
  EXPECT_EQ(of("f_concurrencpp"), CoroLibrary::Concurrencpp);
  EXPECT_EQ(of("f_async_simple"), CoroLibrary::AsyncSimple);
  EXPECT_EQ(of("f_corort"), CoroLibrary::Corort);
  EXPECT_EQ(of("f_app"), CoroLibrary::Unknown);
  EXPECT_EQ(of("f_global"), CoroLibrary::Unknown);
  EXPECT_EQ(of("f_reference"), CoroLibrary::Corort);
}

TEST_F(AdviceTest, EachLibraryGetsItsOwnApiAndUnknownGetsNeutralWords) {
  EXPECT_EQ(advice(Remedy::AsyncSleep, CoroLibrary::Unknown),
            "await an asynchronous timer instead");
  EXPECT_EQ(advice(Remedy::AsyncSleep, CoroLibrary::Folly),
            "await an asynchronous timer instead (co_await folly::coro::sleep(d))");
  EXPECT_EQ(advice(Remedy::AwaitOrSpawn, CoroLibrary::Asio),
            "co_await it or start it with asio::co_spawn");
  EXPECT_EQ(advice(Remedy::AwaitOrSpawn, CoroLibrary::Unknown),
            "co_await it or spawn it in a task group");
  EXPECT_EQ(advice(Remedy::Supervise, CoroLibrary::Asio),
            "pass a completion handler that rethrows or logs the std::exception_ptr");
  EXPECT_EQ(advice(Remedy::StartTogether, CoroLibrary::Cppcoro),
            "collect the tasks and co_await cppcoro::when_all(std::move(tasks))");
  const Remedy All[] = {Remedy::AwaitOrSpawn, Remedy::Spawn,       Remedy::AsyncSleep,
                        Remedy::OffloadCall,  Remedy::OffloadWait, Remedy::OffloadWork,
                        Remedy::StopPolling,  Remedy::Supervise,   Remedy::StartTogether};
  const CoroLibrary Libraries[] = {
      CoroLibrary::Unknown, CoroLibrary::Asio,         CoroLibrary::BoostAsio,
      CoroLibrary::Cppcoro, CoroLibrary::Folly,        CoroLibrary::Libcoro,
      CoroLibrary::Concurrencpp, CoroLibrary::AsyncSimple, CoroLibrary::Corort};
  for (Remedy R : All)
    for (CoroLibrary L : Libraries) {
      std::string Text = advice(R, L);
      ASSERT_FALSE(Text.empty());
      EXPECT_TRUE(islower(Text.front())) << Text;
      EXPECT_NE(Text.back(), '.') << Text;
      // corort's API is named to corort users only.
      if (L != CoroLibrary::Corort)
        EXPECT_EQ(Text.find("corort"), std::string::npos) << Text;
      // Another library's API is never named.
      if (L != CoroLibrary::Asio && L != CoroLibrary::BoostAsio)
        EXPECT_EQ(Text.find("asio"), std::string::npos) << Text;
    }
}

} // namespace
