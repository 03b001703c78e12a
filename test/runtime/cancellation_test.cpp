#include "test_util.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace corort_test;

namespace {

TEST(Cancellation, SourceAndToken) {
  corort::cancellation_token never;
  EXPECT_FALSE(never.can_be_cancelled());
  EXPECT_FALSE(never.cancellation_requested());
  EXPECT_NO_THROW(never.throw_if_cancellation_requested());

  corort::cancellation_source src;
  corort::cancellation_token tok = src.token();
  EXPECT_TRUE(tok.can_be_cancelled());
  EXPECT_FALSE(tok.cancellation_requested());
  EXPECT_TRUE(src.request_cancellation());
  EXPECT_FALSE(src.request_cancellation());  // already requested
  EXPECT_TRUE(src.cancellation_requested());
  EXPECT_TRUE(tok.cancellation_requested());
  EXPECT_THROW(tok.throw_if_cancellation_requested(), corort::cancelled_error);
}

TEST(Cancellation, LinkedSourceFollowsParent) {
  corort::cancellation_source parent;
  corort::cancellation_source child{parent.token()};
  corort::cancellation_source unrelated{corort::cancellation_token{}};
  EXPECT_FALSE(child.cancellation_requested());
  parent.request_cancellation();
  EXPECT_TRUE(child.cancellation_requested());
  EXPECT_FALSE(unrelated.cancellation_requested());
  corort::cancellation_source only_child{parent.token()};  // parent already cancelled
  EXPECT_TRUE(only_child.cancellation_requested());
}

TEST(Cancellation, CallbackRunsOnceAndUnregisters) {
  corort::cancellation_source src;
  int calls = 0;
  {
    corort::cancellation_callback cb{src.token(), [&] { ++calls; }};
    src.request_cancellation();
    src.request_cancellation();
  }
  EXPECT_EQ(calls, 1);
  corort::cancellation_callback late{src.token(), [&] { ++calls; }};  // runs at once
  EXPECT_EQ(calls, 2);
  corort::cancellation_source other;
  { corort::cancellation_callback cb{other.token(), [&] { ++calls; }}; }
  other.request_cancellation();  // unregistered: not called
  EXPECT_EQ(calls, 2);
}

corort::task<> sleep_and_record(corort::duration d, bool* cancelled) {
  try {
    co_await corort::sleep_for(d);
  } catch (const corort::cancelled_error&) {
    *cancelled = true;
    throw;
  }
}

TEST(Cancellation, CancelCutsSleepShort) {
  corort::event_loop loop{corort::manual_clock};
  bool cancelled = false;
  EXPECT_THROW(loop.run([](bool* c) -> corort::task<> {
    corort::task_group group;
    group.spawn(sleep_and_record(1h, c));
    co_await corort::sleep_for(1s);
    group.cancel();
    co_await group.join();  // rethrows the child's cancelled_error
  }(&cancelled)),
               corort::cancelled_error);
  EXPECT_TRUE(cancelled);
  EXPECT_EQ(elapsed(loop), 1s);
}

TEST(Cancellation, AlreadyCancelledTokenThrowsWithoutSuspending) {
  corort::event_loop loop{corort::manual_clock};
  auto r = loop.run([]() -> corort::task<int> {
    corort::task_group group;
    group.cancel();
    bool cancelled = false;
    group.spawn(sleep_and_record(1h, &cancelled));
    try {
      co_await group.join();
    } catch (const corort::cancelled_error&) {
      co_return cancelled ? 1 : 2;
    }
    co_return 3;
  }());
  EXPECT_EQ(r, 1);
  EXPECT_EQ(elapsed(loop), 0s);
}

TEST(Cancellation, ChildrenSeeTheGroupToken) {
  auto seen = corort::run([]() -> corort::task<bool> {
    corort::task_group group;
    group.cancel();
    auto h = group.spawn([]() -> corort::task<bool> {
      corort::cancellation_token tok = co_await corort::current_token();
      co_return tok.cancellation_requested();
    }());
    co_await group.join();
    co_return co_await std::move(h);
  }());
  EXPECT_TRUE(seen);
}

TEST(Cancellation, RequestFromAnotherThreadWakesSleeper) {
  corort::cancellation_source src;
  const auto start = std::chrono::steady_clock::now();
  std::thread canceller;
  bool cancelled = false;
  EXPECT_THROW(corort::run([](corort::cancellation_source* s, std::thread* t, bool* c) -> corort::task<> {
    corort::task_group group{s->token()};
    group.spawn(sleep_and_record(30s, c));
    *t = std::thread([s] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      s->request_cancellation();
    });
    co_await group.join();
  }(&src, &canceller, &cancelled)),
               corort::cancelled_error);
  canceller.join();
  EXPECT_TRUE(cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST(Cancellation, CleanupInCatchThenRethrow) {
  corort::event_loop loop{corort::manual_clock};
  int cleaned = 0;
  EXPECT_THROW(loop.run([](int* cleaned_up) -> corort::task<> {
    corort::task_group group;
    group.spawn([](int* c) -> corort::task<> {
      try {
        co_await corort::sleep_for(1h);
      } catch (const corort::cancelled_error&) {
        ++*c;
        throw;
      }
    }(cleaned_up));
    co_await corort::sleep_for(1ms);
    group.cancel();
    co_await group.join();
  }(&cleaned)),
               corort::cancelled_error);
  EXPECT_EQ(cleaned, 1);
}

TEST(Cancellation, AwaitingAJoinHandleIsInterruptible) {
  corort::event_loop loop{corort::manual_clock};
  auto r = loop.run([]() -> corort::task<int> {
    corort::task_group outer;
    corort::task_group inner;
    auto slow = inner.spawn([]() -> corort::task<int> {
      co_await corort::sleep_for(10s);
      co_return 7;
    }());
    auto waiter = outer.spawn([](corort::join_handle<int> h) -> corort::task<int> {
      co_return co_await std::move(h);
    }(std::move(slow)));
    co_await corort::sleep_for(1s);
    outer.cancel();
    int result = 0;
    try {
      co_await outer.join();
    } catch (const corort::cancelled_error&) {
      result = 1;
    }
    co_await inner.join();  // the child itself was not cancelled
    co_return result * 100 + static_cast<int>(corort::now().time_since_epoch() / 1s);
  }());
  EXPECT_EQ(r, 110);  // interrupted at 1 s; inner child finished at 10 s
}

}  // namespace
