#include "test_util.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace corort_test;

namespace {

TEST(ThreadPool, RunUsesAWorkerAndResumesOnTheLoopThread) {
  corort::thread_pool pool{2};
  EXPECT_EQ(pool.size(), 2u);
  const auto loop_thread = std::this_thread::get_id();
  auto [worker, after] = corort::run([](corort::thread_pool* p) -> corort::task<std::pair<std::thread::id, std::thread::id>> {
    auto worker_id = co_await p->run([p] {
      EXPECT_TRUE(p->on_worker_thread());
      return std::this_thread::get_id();
    });
    co_return std::pair{worker_id, std::this_thread::get_id()};
  }(&pool));
  EXPECT_NE(worker, loop_thread);
  EXPECT_EQ(after, loop_thread);
  EXPECT_FALSE(pool.on_worker_thread());
}

TEST(ThreadPool, ArgumentsResultsAndExceptions) {
  corort::thread_pool pool{1};
  corort::run([](corort::thread_pool* p) -> corort::task<> {
    EXPECT_EQ(co_await p->run([](int a, int b) { return a + b; }, 2, 3), 5);
    auto owned = co_await p->run([](std::unique_ptr<int> v) { return *v * 2; }, std::make_unique<int>(21));
    EXPECT_EQ(owned, 42);
    int target = 0;
    int& ref = co_await p->run([](int* t) -> int& { return *t; }, &target);
    ref = 7;
    EXPECT_EQ(target, 7);
    co_await p->run([] {});
    EXPECT_THROW(co_await p->run([]() -> int { throw test_error{"in pool"}; }), test_error);
  }(&pool));
}

TEST(ThreadPool, ScheduleHopsToAWorkerUntilTheNextAwait) {
  corort::thread_pool pool{1};
  const auto loop_thread = std::this_thread::get_id();
  corort::run([](corort::thread_pool* p, std::thread::id loop_id) -> corort::task<> {
    co_await p->schedule();
    EXPECT_TRUE(p->on_worker_thread());
    co_await corort::sleep_for(1ms);  // runtime awaitables resume on the loop
    EXPECT_EQ(std::this_thread::get_id(), loop_id);
    co_await p->schedule();
    EXPECT_TRUE(p->on_worker_thread());
    int v = co_await p->run([] { return 1; });  // awaited from a worker
    EXPECT_EQ(std::this_thread::get_id(), loop_id);
    EXPECT_EQ(v, 1);
  }(&pool, loop_thread));
}

TEST(ThreadPool, TaskFinishingOnAWorkerResumesItsAwaiterOnTheLoop) {
  corort::thread_pool pool{1};
  const auto loop_thread = std::this_thread::get_id();
  auto on_loop = corort::run([](corort::thread_pool* p) -> corort::task<std::thread::id> {
    co_await [](corort::thread_pool* pp) -> corort::task<> {
      co_await pp->schedule();
      EXPECT_TRUE(pp->on_worker_thread());
    }(p);
    co_return std::this_thread::get_id();
  }(&pool));
  EXPECT_EQ(on_loop, loop_thread);
}

TEST(ThreadPool, RootTaskMayFinishOnAWorker) {
  corort::thread_pool pool{1};
  EXPECT_EQ(corort::run([](corort::thread_pool* p) -> corort::task<int> {
              co_await p->schedule();
              co_return 3;
            }(&pool)),
            3);
}

TEST(ThreadPool, CallsOverlapAcrossWorkers) {
  corort::thread_pool pool{4};
  const auto start = std::chrono::steady_clock::now();
  auto total = corort::run([](corort::thread_pool* p) -> corort::task<int> {
    corort::task_group group;
    std::atomic<int> sum{0};
    for (int i = 0; i < 8; ++i)
      group.spawn([](corort::thread_pool* pp, std::atomic<int>* s, int v) -> corort::task<> {
        *s += co_await pp->run([v] {
          std::this_thread::sleep_for(std::chrono::milliseconds(40));
          return v;
        });
      }(p, &sum, i));
    co_await group.join();
    co_return sum.load();
  }(&pool));
  EXPECT_EQ(total, 28);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 300ms);  // ≈ 2 × 40 ms, not 8 × 40 ms
}

TEST(ThreadPool, ShutdownDrainsQueuedWorkAndRejectsNewWork) {
  std::atomic<int> done{0};
  corort::thread_pool pool{1};
  corort::run([](corort::thread_pool* p, std::atomic<int>* d) -> corort::task<> {
    corort::task_group group;
    for (int i = 0; i < 4; ++i)
      group.spawn([](corort::thread_pool* pp, std::atomic<int>* dd) -> corort::task<> {
        co_await pp->run([dd] {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          ++*dd;
        });
      }(p, d));
    co_await group.join();
  }(&pool, &done));
  pool.shutdown();
  pool.shutdown();  // idempotent
  EXPECT_EQ(done.load(), 4);
  EXPECT_THROW(corort::run([](corort::thread_pool* p) -> corort::task<> { co_await p->run([] {}); }(&pool)),
               std::logic_error);
  EXPECT_THROW(corort::run([](corort::thread_pool* p) -> corort::task<> { co_await p->schedule(); }(&pool)),
               std::logic_error);
}

TEST(ThreadPool, ShutdownFromAWorkerIsRejected) {
  corort::thread_pool pool{1};
  auto rejected = corort::run([](corort::thread_pool* p) -> corort::task<bool> {
    co_return co_await p->run([p] {
      try {
        p->shutdown();
      } catch (const std::logic_error&) {
        return true;
      }
      return false;
    });
  }(&pool));
  EXPECT_TRUE(rejected);
}

TEST(ThreadPool, CancellationIsObservedBeforeAndAfterTheCall) {
  corort::thread_pool pool{1};
  std::atomic<int> calls{0};
  corort::run([](corort::thread_pool* p, std::atomic<int>* c) -> corort::task<> {
    corort::task_group group;
    group.cancel();
    auto h = group.spawn([](corort::thread_pool* pp, std::atomic<int>* cc) -> corort::task<> {
      co_await pp->run([cc] { ++*cc; });  // never starts
    }(p, c));
    EXPECT_THROW(co_await group.join(), corort::cancelled_error);

    corort::task_group second;
    second.spawn([](corort::thread_pool* pp, std::atomic<int>* cc) -> corort::task<> {
      co_await pp->run([cc] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        ++*cc;
      });
    }(p, c));
    co_await corort::sleep_for(5ms);
    second.cancel();  // the running call completes, then cancelled_error
    EXPECT_THROW(co_await second.join(), corort::cancelled_error);
  }(&pool, &calls));
  EXPECT_EQ(calls.load(), 1);
}

TEST(ThreadPool, ManualClockWaitsForPoolWorkInsteadOfJumpingAhead) {
  corort::thread_pool pool{1};
  corort::event_loop loop{corort::manual_clock};
  auto v = loop.run([](corort::thread_pool* p) -> corort::task<int> {
    // The timeout must not fire: virtual time does not move while pool work runs.
    co_return co_await corort::with_timeout(10ms, [](corort::thread_pool* pp) -> corort::task<int> {
      co_return co_await pp->run([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        return 4;
      });
    }(p));
  }(&pool));
  EXPECT_EQ(v, 4);
  // Hopping to a worker and back keeps the loop's bookkeeping balanced:
  loop.run([](corort::thread_pool* p) -> corort::task<> {
    co_await p->schedule();
    co_await p->run([] {});
    co_await p->schedule();
    co_await corort::sleep_for(1h);  // would hang if the loop thought work was still away
  }(&pool));
  EXPECT_GE(elapsed(loop), 1h);
}

TEST(ThreadPool, DestructorJoinsAfterFinishingWork) {
  std::atomic<int> done{0};
  {
    corort::thread_pool pool{2};
    corort::run([](corort::thread_pool* p, std::atomic<int>* d) -> corort::task<> {
      co_await p->run([d] { ++*d; });
    }(&pool, &done));
  }
  EXPECT_EQ(done.load(), 1);
}

TEST(ThreadPool, SharedPools) {
  EXPECT_EQ(corort::cpu_pool().size(), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(&corort::cpu_pool(), &corort::cpu_pool());
  const auto loop_thread = std::this_thread::get_id();
  auto [blocking_thread, cpu] = corort::run([]() -> corort::task<std::pair<std::thread::id, long>> {
    auto id = co_await corort::to_thread([] { return std::this_thread::get_id(); });
    long sum = co_await corort::cpu_pool().run([](long n) {
      long s = 0;
      for (long i = 0; i < n; ++i) s += i;
      return s;
    }, 1000L);
    co_return std::pair{id, sum};
  }());
  EXPECT_NE(blocking_thread, loop_thread);
  EXPECT_EQ(cpu, 499500L);
}

}  // namespace
