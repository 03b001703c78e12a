#include "test_util.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

using namespace corort_test;

namespace {

corort::task<int> after(corort::duration d, int v) {
  co_await corort::sleep_for(d);
  co_return v;
}

TEST(WhenAll, TupleOfMixedResultsRunsConcurrently) {
  corort::event_loop loop{corort::manual_clock};
  int target = 0;
  auto [a, nothing, ref, text] = loop.run([](int* t) -> corort::task<std::tuple<int, std::monostate, std::reference_wrapper<int>, std::string>> {
    co_return co_await corort::when_all(
        after(3s, 1), []() -> corort::task<> { co_await corort::sleep_for(2s); }(),
        [](int* p) -> corort::task<int&> { co_return *p; }(t),
        []() -> corort::task<std::string> { co_return "text"; }());
  }(&target));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(nothing, std::monostate{});
  ref.get() = 9;
  EXPECT_EQ(target, 9);
  EXPECT_EQ(text, "text");
  EXPECT_EQ(elapsed(loop), 3s);
}

TEST(WhenAll, VectorKeepsInputOrder) {
  corort::event_loop loop{corort::manual_clock};
  auto values = loop.run([]() -> corort::task<std::vector<int>> {
    std::vector<corort::task<int>> jobs;
    for (int i = 0; i < 10; ++i) jobs.push_back(after(std::chrono::seconds(10 - i), i));
    co_return co_await corort::when_all(std::move(jobs));
  }());
  EXPECT_EQ(values, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(elapsed(loop), 10s);
}

TEST(WhenAll, EmptyInputs) {
  auto n = corort::run([]() -> corort::task<std::size_t> {
    auto empty_tuple = co_await corort::when_all();
    static_assert(std::tuple_size_v<decltype(empty_tuple)> == 0);
    auto v = co_await corort::when_all(std::vector<corort::task<int>>{});
    co_return v.size();
  }());
  EXPECT_EQ(n, 0u);
}

TEST(WhenAll, MoveOnlyResults) {
  auto [p, q] = corort::run([]() -> corort::task<std::tuple<std::unique_ptr<int>, std::unique_ptr<int>>> {
    auto make = [](int v) -> corort::task<std::unique_ptr<int>> { co_return std::make_unique<int>(v); };
    co_return co_await corort::when_all(make(1), make(2));
  }());
  EXPECT_EQ(*p + *q, 3);
}

TEST(WhenAll, FirstFailureCancelsTheRest) {
  corort::event_loop loop{corort::manual_clock};
  counted::reset();
  EXPECT_THROW(loop.run([]() -> corort::task<> {
    auto ok = []() -> corort::task<counted> {
      co_await corort::sleep_for(1h);
      co_return counted{1};
    };
    auto bad = []() -> corort::task<int> {
      co_await corort::sleep_for(1s);
      throw test_error{"bad"};
    };
    co_await corort::when_all(ok(), bad(), ok());
  }()),
               test_error);
  EXPECT_EQ(elapsed(loop), 1s);
  EXPECT_EQ(counted::alive, 0);
}

}  // namespace
