#include "test_util.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

using namespace corort_test;

namespace {

corort::task<int> value_of(int v) { co_return v; }
corort::task<> set_flag(bool* flag) {
  *flag = true;
  co_return;
}
corort::task<int&> ref_to(int* x) { co_return *x; }
corort::task<int> throws_after_suspend() {
  co_await corort::sleep_for(0ms);
  throw test_error{"boom"};
}
corort::task<std::unique_ptr<int>> make_unique_int(int v) { co_return std::make_unique<int>(v); }
corort::task<std::string> braced() { co_return {"braced"}; }

TEST(Task, IsLazyUntilAwaited) {
  bool ran = false;
  {
    auto t = set_flag(&ran);  // NOLINT(coro-unawaited-task): checking that it never runs
    EXPECT_TRUE(t.valid());
    EXPECT_FALSE(ran);
  }  // destroyed without being awaited: never runs
  EXPECT_FALSE(ran);
  corort::run(set_flag(&ran));
  EXPECT_TRUE(ran);
}

TEST(Task, ReturnsValuesVoidAndReferences) {
  EXPECT_EQ(corort::run(value_of(7)), 7);
  EXPECT_EQ(corort::run(braced()), "braced");
  int x = 1;
  corort::run([](int* px) -> corort::task<> {
    int& r = co_await ref_to(px);
    r = 42;
  }(&x));
  EXPECT_EQ(x, 42);
  EXPECT_EQ(*corort::run(make_unique_int(5)), 5);
}

TEST(Task, ExceptionPropagatesToAwaiterAndOutOfRun) {
  auto caught = corort::run([]() -> corort::task<std::string> {
    try {
      co_await throws_after_suspend();
    } catch (const test_error& e) {
      co_return e.what();
    }
    co_return "no exception";
  }());
  EXPECT_EQ(caught, "boom");
  EXPECT_THROW(corort::run(throws_after_suspend()), test_error);
}

TEST(Task, MoveTransfersOwnership) {
  int frames = 0;
  auto make = [](frame_tracker) -> corort::task<int> { co_return 3; };
  corort::task<int> a = make(frame_tracker{frames});
  EXPECT_EQ(frames, 1);
  corort::task<int> b = std::move(a);
  EXPECT_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): checking moved-from state
  EXPECT_TRUE(b.valid());
  b = make(frame_tracker{frames});  // move-assign destroys the old frame
  EXPECT_EQ(frames, 1);
  EXPECT_EQ(corort::run(std::move(b)), 3);
  EXPECT_EQ(frames, 0);  // run() consumed (and destroyed) the task
}

TEST(Task, FramesAndResultsAreDestroyed) {
  counted::reset();
  int frames = 0;
  auto leaf = [](frame_tracker, int v) -> corort::task<counted> {
    co_await corort::sleep_for(0ms);
    co_return counted{v};
  };
  auto root = [&](frame_tracker ft) -> corort::task<int> {
    int sum = 0;
    for (int i = 0; i < 10; ++i) {
      counted c = co_await leaf(ft, i);
      sum += c.value;
    }
    co_return sum;
  };
  EXPECT_EQ(corort::run(root(frame_tracker{frames})), 45);
  EXPECT_EQ(frames, 0);
  EXPECT_EQ(counted::alive, 0);
  EXPECT_GE(counted::constructed, 10);
}

TEST(Task, ExceptionDoesNotLeakFrames) {
  int frames = 0;
  auto failing = [](frame_tracker) -> corort::task<int> {
    co_await corort::sleep_for(0ms);
    throw test_error{"x"};
  };
  EXPECT_THROW(corort::run(failing(frame_tracker{frames})), test_error);
  EXPECT_EQ(frames, 0);
}

corort::task<int> immediate(int i) { co_return i; }

corort::task<long> many_sync_awaits(int n) {
  long sum = 0;
  for (int i = 0; i < n; ++i) sum += co_await immediate(i);
  co_return sum;
}

corort::task<int> recurse(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await recurse(depth - 1);
}

TEST(Task, SymmetricTransferKeepsStackFlat) {
  EXPECT_EQ(corort::run(many_sync_awaits(200'000)), 200'000L * 199'999 / 2);
  EXPECT_EQ(corort::run(recurse(20'000)), 20'000);
}

TEST(Task, ChildInheritsLoop) {
  corort::event_loop loop;
  auto probe = []() -> corort::task<corort::event_loop*> { co_return corort::event_loop::current(); };
  auto* seen = loop.run([](auto p) -> corort::task<corort::event_loop*> { co_return co_await p(); }(probe));
  EXPECT_EQ(seen, &loop);
}

}  // namespace
