#include "test_util.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace corort_test;

namespace {

TEST(EventLoop, RunReturnsResultAndSetsCurrent) {
  corort::event_loop loop;
  EXPECT_EQ(corort::event_loop::current(), nullptr);
  auto* seen = loop.run([]() -> corort::task<corort::event_loop*> { co_return corort::event_loop::current(); }());
  EXPECT_EQ(seen, &loop);
  EXPECT_EQ(corort::event_loop::current(), nullptr);
}

TEST(EventLoop, NestedRunIsRejected) {
  auto nested = []() -> corort::task<> {
    corort::run([]() -> corort::task<> { co_return; }());  // NOLINT(coro-blocking-call): the misuse under test
    co_return;
  };
  EXPECT_THROW(corort::run(nested()), std::logic_error);
}

TEST(EventLoop, LoopCanBeReused) {
  corort::event_loop loop{corort::manual_clock};
  auto nap = []() -> corort::task<int> {
    co_await corort::sleep_for(1s);
    co_return 1;
  };
  EXPECT_EQ(loop.run(nap()) + loop.run(nap()), 2);
  EXPECT_EQ(elapsed(loop), 2s);
}

corort::task<> step_logger(std::vector<std::string>* log, std::string name) {
  for (int i = 1; i <= 2; ++i) {
    log->push_back(name + std::to_string(i));
    co_await corort::sleep_for(0ms);  // yield
  }
}

TEST(EventLoop, ReadyTasksRunInFifoOrder) {
  std::vector<std::string> log;
  corort::run([](std::vector<std::string>* l) -> corort::task<> {
    corort::task_group group;
    group.spawn(step_logger(l, "a"));
    group.spawn(step_logger(l, "b"));
    group.spawn(step_logger(l, "c"));
    co_await group.join();
  }(&log));
  EXPECT_EQ(log, (std::vector<std::string>{"a1", "b1", "c1", "a2", "b2", "c2"}));
}

corort::task<> wake_at(corort::duration d, std::vector<int>* order, int id) {
  co_await corort::sleep_for(d);
  order->push_back(id);
}

TEST(EventLoop, ManualClockRunsTimersInDeadlineOrderInstantly) {
  corort::event_loop loop{corort::manual_clock};
  EXPECT_TRUE(loop.uses_manual_clock());
  std::vector<int> order;
  const auto real_start = std::chrono::steady_clock::now();
  loop.run([](std::vector<int>* o) -> corort::task<> {
    corort::task_group group;
    group.spawn(wake_at(3h, o, 3));
    group.spawn(wake_at(1h, o, 1));
    group.spawn(wake_at(2h, o, 2));
    group.spawn(wake_at(1h, o, 11));  // same deadline: spawn order
    co_await group.join();
  }(&order));
  EXPECT_EQ(order, (std::vector<int>{1, 11, 2, 3}));
  EXPECT_EQ(elapsed(loop), 3h);
  EXPECT_LT(std::chrono::steady_clock::now() - real_start, 5s);
}

TEST(EventLoop, AdvanceMovesManualClock) {
  corort::event_loop loop{corort::manual_clock};
  loop.advance(10s);
  EXPECT_EQ(elapsed(loop), 10s);
  auto t = loop.run([](corort::event_loop* l) -> corort::task<corort::duration> {
    const auto start = corort::now();
    l->advance(5s);  // time "passes" inside this step
    co_await corort::sleep_until(start + 3s);  // already due
    co_return corort::now() - start;
  }(&loop));
  EXPECT_EQ(t, 5s);
  corort::event_loop real;
  EXPECT_THROW(real.advance(1s), std::logic_error);
}

TEST(EventLoop, RealClockSleepTakesAtLeastTheDuration) {
  const auto start = std::chrono::steady_clock::now();
  corort::run([]() -> corort::task<> { co_await corort::sleep_for(20ms); }());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
}

// Hands the coroutine to another thread, which posts it back to the loop.
struct resume_from_thread {
  corort::event_loop* loop;
  std::thread* worker;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    *worker = std::thread([l = loop, h] { l->post(h); });
  }
  void await_resume() const noexcept {}
};

TEST(EventLoop, PostFromAnotherThreadResumesOnLoopThread) {
  corort::event_loop loop;
  std::thread worker;
  std::atomic<int> callbacks{0};
  const auto loop_thread = std::this_thread::get_id();
  auto resumed_on = loop.run([](corort::event_loop* l, std::thread* w, std::atomic<int>* cb) -> corort::task<std::thread::id> {
    co_await resume_from_thread{l, w};
    std::thread poster([l, cb] { l->post([cb] { cb->fetch_add(1); }); });
    poster.join();  // NOLINT(coro-blocking-call): a brief join keeps the test deterministic
    co_await corort::sleep_for(1ms);  // next iterations run the posted callback
    co_return std::this_thread::get_id();
  }(&loop, &worker, &callbacks));
  worker.join();
  EXPECT_EQ(resumed_on, loop_thread);
  EXPECT_EQ(callbacks.load(), 1);
}

corort::task<> hog_the_loop(corort::event_loop* loop) {
  co_await corort::sleep_for(0ms);
  loop->advance(250ms);  // pretend this step computed for 250 ms
}

corort::task<> polite(corort::event_loop* loop) {
  co_await corort::sleep_for(0ms);
  loop->advance(5ms);
}

TEST(EventLoop, DebugModeReportsSlowStepsWithCoroutineName) {
  std::vector<corort::slow_step_info> reports;
  corort::event_loop loop{corort::manual_clock,
                          corort::loop_options{.debug = true,
                                               .slow_step_threshold = 100ms,
                                               .on_slow_step = [&](const corort::slow_step_info& s) { reports.push_back(s); }}};
  loop.run(polite(&loop));
  EXPECT_TRUE(reports.empty());
  loop.run(hog_the_loop(&loop));
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NE(std::string(reports[0].coroutine).find("hog_the_loop"), std::string::npos) << reports[0].coroutine;
  EXPECT_NE(std::string(reports[0].where.file_name()).find("event_loop_test.cpp"), std::string::npos);
  EXPECT_EQ(reports[0].elapsed, 250ms);
  EXPECT_EQ(reports[0].threshold, 100ms);
}

corort::task<> inner_hog(corort::event_loop* loop) {
  loop->advance(300ms);
  co_return;
}

corort::task<> outer_caller(corort::event_loop* loop) {
  co_await corort::sleep_for(0ms);
  loop->advance(10ms);
  co_await inner_hog(loop);  // runs inside the same step
  loop->advance(10ms);
}

TEST(EventLoop, DebugModeNamesTheCoroutineThatUsedTheStep) {
  std::vector<corort::slow_step_info> reports;
  corort::event_loop loop{corort::manual_clock,
                          corort::loop_options{.debug = true,
                                               .on_slow_step = [&](const corort::slow_step_info& s) { reports.push_back(s); }}};
  loop.run(outer_caller(&loop));
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NE(std::string(reports[0].coroutine).find("inner_hog"), std::string::npos) << reports[0].coroutine;
  EXPECT_EQ(reports[0].elapsed, 320ms);
}

TEST(EventLoop, DebugModeNamesSpawnedChildrenAndPrintsToStderrByDefault) {
  corort::event_loop loop{corort::manual_clock, corort::loop_options{.debug = true}};
  testing::internal::CaptureStderr();
  loop.run([](corort::event_loop* l) -> corort::task<> {
    corort::task_group group;
    group.spawn(hog_the_loop(l));
    co_await group.join();
  }(&loop));
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("corort: step of coroutine"), std::string::npos) << err;
  EXPECT_NE(err.find("hog_the_loop"), std::string::npos) << err;
}

TEST(EventLoop, DebugModeOffReportsNothing) {
  int reports = 0;
  corort::event_loop loop{corort::manual_clock,
                          corort::loop_options{.on_slow_step = [&](const corort::slow_step_info&) { ++reports; }}};
  loop.run(hog_the_loop(&loop));
  EXPECT_EQ(reports, 0);
  loop.set_debug(true);
  loop.run(hog_the_loop(&loop));
  EXPECT_EQ(reports, 1);
}

}  // namespace
