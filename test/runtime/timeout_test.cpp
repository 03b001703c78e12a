#include "test_util.hpp"

#include <gtest/gtest.h>

using namespace corort_test;

namespace {

corort::task<int> after(corort::duration d, int v, bool* cancelled = nullptr) {
  try {
    co_await corort::sleep_for(d);
  } catch (const corort::cancelled_error&) {
    if (cancelled) *cancelled = true;
    throw;
  }
  co_return v;
}

TEST(WithTimeout, ReturnsValueWhenInTime) {
  corort::event_loop loop{corort::manual_clock};
  EXPECT_EQ(loop.run(corort::with_timeout(10s, after(1s, 5))), 5);
  EXPECT_EQ(elapsed(loop), 1s);  // the timer was disarmed, nothing waited for it
}

TEST(WithTimeout, ThrowsTimeoutErrorAfterCancellingTheTask) {
  corort::event_loop loop{corort::manual_clock};
  bool cancelled = false;
  EXPECT_THROW(loop.run(corort::with_timeout(2s, after(1h, 5, &cancelled))), corort::timeout_error);
  EXPECT_TRUE(cancelled);
  EXPECT_EQ(elapsed(loop), 2s);
}

TEST(WithTimeout, OtherExceptionsPassThrough) {
  corort::event_loop loop{corort::manual_clock};
  auto failing = []() -> corort::task<int> {
    co_await corort::sleep_for(1s);
    throw test_error{"inner"};
  };
  EXPECT_THROW(loop.run(corort::with_timeout(5s, failing())), test_error);
}

TEST(WithTimeout, VoidTasksAndRealClock) {
  const auto start = std::chrono::steady_clock::now();
  corort::run(corort::with_timeout(10s, []() -> corort::task<> { co_await corort::sleep_for(1ms); }()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_THROW(
      corort::run(corort::with_timeout(5ms, []() -> corort::task<> { co_await corort::sleep_for(10s); }())),
      corort::timeout_error);
}

TEST(WithTimeout, TaskMayAbsorbCancellation) {
  corort::event_loop loop{corort::manual_clock};
  auto stubborn = []() -> corort::task<int> {
    try {
      co_await corort::sleep_for(1h);
    } catch (const corort::cancelled_error&) {
      co_return -1;  // gives a fallback instead
    }
    co_return 1;
  };
  EXPECT_EQ(loop.run(corort::with_timeout(1s, stubborn())), -1);
}

TEST(WithTimeout, OuterCancellationIsNotATimeout) {
  corort::event_loop loop{corort::manual_clock};
  auto r = loop.run([]() -> corort::task<int> {
    corort::task_group group;
    auto h = group.spawn([]() -> corort::task<int> {
      try {
        co_return co_await corort::with_timeout(10s, after(1h, 1));
      } catch (const corort::timeout_error&) {
        co_return 1;
      } catch (const corort::cancelled_error&) {
        co_return 2;
      }
    }());
    co_await corort::sleep_for(1s);
    group.cancel();
    co_await group.join();
    co_return co_await std::move(h);
  }());
  EXPECT_EQ(r, 2);
  EXPECT_EQ(elapsed(loop), 1s);
}

TEST(WithTimeout, NestedTimeoutsInnermostWins) {
  corort::event_loop loop{corort::manual_clock};
  auto r = loop.run([]() -> corort::task<int> {
    try {
      co_return co_await corort::with_timeout(5s, corort::with_timeout(1s, after(1h, 0)));
    } catch (const corort::timeout_error&) {
      co_return static_cast<int>(corort::now().time_since_epoch() / 1s);
    }
  }());
  EXPECT_EQ(r, 1);
}

}  // namespace
