#include "test_util.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace corort_test;

namespace {

corort::task<> nap(corort::duration d) { co_await corort::sleep_for(d); }

TEST(TaskGroup, ChildrenOverlap) {
  corort::event_loop loop{corort::manual_clock};
  loop.run([]() -> corort::task<> {
    corort::task_group group;
    for (int i = 0; i < 5; ++i) group.spawn(nap(5s));
    co_await group.join();
  }());
  EXPECT_EQ(elapsed(loop), 5s);  // not 25 s
}

TEST(TaskGroup, SpawnStartsChildrenWithoutJoin) {
  corort::event_loop loop{corort::manual_clock};
  auto started_before_join = loop.run([]() -> corort::task<bool> {
    bool started = false;
    corort::task_group group;
    group.spawn([](bool* s) -> corort::task<> {
      *s = true;
      co_return;
    }(&started));
    EXPECT_FALSE(started);  // scheduled, runs at the next loop iteration
    co_await corort::sleep_for(1ms);
    const bool result = started;
    co_await group.join();
    co_return result;
  }());
  EXPECT_TRUE(started_before_join);
}

TEST(TaskGroup, JoinWithoutChildrenReturnsImmediately) {
  corort::run([]() -> corort::task<> {
    corort::task_group group;
    co_await group.join();
  }());
}

TEST(TaskGroup, JoinHandleGivesEachChildsResult) {
  corort::event_loop loop{corort::manual_clock};
  auto sum = loop.run([]() -> corort::task<int> {
    corort::task_group group;
    auto slow = [](int v, corort::duration d) -> corort::task<int> {
      co_await corort::sleep_for(d);
      co_return v;
    };
    auto a = group.spawn(slow(1, 3s));
    auto b = group.spawn(slow(2, 1s));
    const int vb = co_await std::move(b);
    EXPECT_EQ(elapsed(*corort::event_loop::current()), 1s);
    EXPECT_FALSE(a.done());
    const int va = co_await std::move(a);
    co_await group.join();
    co_return va * 10 + vb;
  }());
  EXPECT_EQ(sum, 12);
}

corort::task<> fail_after(corort::duration d, std::string what) {
  co_await corort::sleep_for(d);
  throw test_error{what};
}

corort::task<> record_cancellation(corort::duration d, int* cancelled) {
  try {
    co_await corort::sleep_for(d);
  } catch (const corort::cancelled_error&) {
    ++*cancelled;
    throw;  // dropped by the group: only the first failure is reported
  }
}

TEST(TaskGroup, FirstFailureCancelsSiblingsAndReachesJoin) {
  corort::event_loop loop{corort::manual_clock};
  int cancelled = 0;
  std::string what;
  loop.run([](int* c, std::string* w) -> corort::task<> {
    corort::task_group group;
    group.spawn(record_cancellation(10s, c));
    group.spawn(fail_after(1s, "first"));
    group.spawn(record_cancellation(20s, c));
    group.spawn(fail_after(2s, "second"));  // cancelled before it fails
    try {
      co_await group.join();
    } catch (const test_error& e) {
      *w = e.what();
    }
  }(&cancelled, &what));
  EXPECT_EQ(what, "first");
  EXPECT_EQ(cancelled, 2);
  EXPECT_EQ(elapsed(loop), 1s);
}

TEST(TaskGroup, LaterFailuresAreDropped) {
  corort::event_loop loop{corort::manual_clock};
  auto what = loop.run([]() -> corort::task<std::string> {
    corort::task_group group;
    group.spawn(fail_after(0s, "first"));
    group.spawn([]() -> corort::task<> {  // ignores cancellation, then fails too
      try {
        co_await corort::sleep_for(1s);
      } catch (const corort::cancelled_error&) {
      }
      throw test_error{"late"};
    }());
    try {
      co_await group.join();
    } catch (const test_error& e) {
      co_return e.what();
    }
    co_return "none";
  }());
  EXPECT_EQ(what, "first");
}

TEST(TaskGroup, JoinHandleRethrowsItsChildsException) {
  auto r = corort::run([]() -> corort::task<std::string> {
    corort::task_group group;
    auto h = group.spawn([]() -> corort::task<int> {
      co_await corort::sleep_for(0ms);
      throw test_error{"child"};
    }());
    std::string result;
    try {
      co_await std::move(h);
    } catch (const test_error& e) {
      result += e.what();
    }
    try {
      co_await group.join();
    } catch (const test_error& e) {
      result += std::string("+") + e.what();
    }
    co_return result;
  }());
  EXPECT_EQ(r, "child+child");
}

TEST(TaskGroup, CancellingTheJoinerCancelsChildren) {
  corort::event_loop loop{corort::manual_clock};
  int cancelled = 0;
  loop.run([](int* c) -> corort::task<> {
    corort::task_group outer;
    outer.spawn([](int* cc) -> corort::task<> {
      corort::task_group inner;  // not linked at construction: join() forwards
      inner.spawn(record_cancellation(1h, cc));
      inner.spawn(record_cancellation(2h, cc));
      co_await inner.join();
    }(c));
    co_await corort::sleep_for(1s);
    outer.cancel();
    EXPECT_THROW(co_await outer.join(), corort::cancelled_error);
  }(&cancelled));
  EXPECT_EQ(cancelled, 2);
  EXPECT_EQ(elapsed(loop), 1s);
}

TEST(TaskGroup, LinkedGroupIsCancelledWithItsParent) {
  corort::event_loop loop{corort::manual_clock};
  corort::cancellation_source parent;
  int cancelled = 0;
  loop.run([](corort::cancellation_source* p, int* c) -> corort::task<> {
    corort::task_group group{p->token()};
    group.spawn(record_cancellation(1h, c));
    co_await corort::sleep_for(1s);
    p->request_cancellation();
    EXPECT_EQ(*c, 0);  // the child runs at the next iteration
    co_await corort::sleep_for(0ms);
    EXPECT_EQ(*c, 1);
    EXPECT_THROW(co_await group.join(), corort::cancelled_error);
  }(&parent, &cancelled));
  EXPECT_EQ(cancelled, 1);
}

TEST(TaskGroup, ExceptionBeforeJoinCancelsChildrenAndRunWaitsForThem) {
  corort::event_loop loop{corort::manual_clock};
  int frames = 0;
  int cancelled = 0;
  auto child = [](frame_tracker, int* c) -> corort::task<> { co_await record_cancellation(1h, c); };
  EXPECT_THROW(loop.run([](auto make, int* fr, int* c) -> corort::task<> {
    corort::task_group group;
    group.spawn(make(frame_tracker{*fr}, c));
    group.spawn(make(frame_tracker{*fr}, c));
    co_await corort::sleep_for(1s);
    throw test_error{"parent failed before join"};
  }(child, &frames, &cancelled)),
               test_error);
  EXPECT_EQ(cancelled, 2);
  EXPECT_EQ(frames, 0);
  EXPECT_EQ(elapsed(loop), 1s);
}

TEST(TaskGroup, ChildFramesAreDestroyedAfterJoin) {
  int frames = 0;
  corort::run([](int* fr) -> corort::task<> {
    corort::task_group group;
    for (int i = 0; i < 100; ++i)
      group.spawn([](frame_tracker) -> corort::task<int> {
        co_await corort::sleep_for(0ms);
        co_return 1;
      }(frame_tracker{*fr}));
    EXPECT_EQ(*fr, 100);
    co_await group.join();
    EXPECT_EQ(*fr, 0);
  }(&frames));
  EXPECT_EQ(frames, 0);
}

TEST(TaskGroup, SpawnOutsideALoopThrows) {
  corort::task_group group;
  EXPECT_THROW(group.spawn(nap(1s)), std::logic_error);
}

TEST(TaskGroup, ManyChildren) {
  auto n = corort::run([]() -> corort::task<int> {
    int done = 0;
    corort::task_group group;
    for (int i = 0; i < 20'000; ++i)
      group.spawn([](int* d) -> corort::task<> {
        co_await corort::sleep_for(0ms);
        ++*d;
      }(&done));
    EXPECT_EQ(group.pending(), 20'000u);
    co_await group.join();
    co_return done;
  }());
  EXPECT_EQ(n, 20'000);
}

#if !defined(NDEBUG)
TEST(TaskGroupDeathTest, DestroyingAnUnjoinedGroupTerminates) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(corort::run([]() -> corort::task<> {
    corort::task_group group;
    group.spawn(nap(1s));
    co_return;  // forgot co_await group.join()
  }()),
               "task_group destroyed while it still needs");
}
#endif

}  // namespace
