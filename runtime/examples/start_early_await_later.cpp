// Pitfall: "starting early" a lazy task.
//
// In asyncio, a coroutine object is only a recipe; a Task is cooking that has
// started.  corort::task is the recipe: creating it runs nothing.  Keeping a
// task in a variable and awaiting it later therefore does NOT overlap it
// with the work in between.  To start early and await later, spawn it into a
// task_group and keep the join_handle.
//
// Expected output: lazy ≈ 100 + 100 ms, spawned ≈ 100 ms.
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

namespace {

corort::task<int> fetch_data() {
  co_await corort::sleep_for(100ms);  // I/O we would like to overlap
  co_return 42;
}

corort::task<> other_useful_work() { co_await corort::sleep_for(100ms); }

corort::task<int> lazy_start() {
  // WRONG: this only creates the task; fetch_data does not run until it is awaited below.
  corort::task<int> pending = fetch_data();
  co_await other_useful_work();
  co_return co_await std::move(pending);  // fetch starts only now: ≈ 200 ms
}

corort::task<int> spawned_start() {
  corort::task_group group;
  // RIGHT: spawn starts fetch_data now; await its handle when the result is needed.
  corort::join_handle<int> pending = group.spawn(fetch_data());
  co_await other_useful_work();           // overlaps with the fetch
  const int result = co_await std::move(pending);  // result or exception of fetch_data
  co_await group.join();
  co_return result;  // ≈ 100 ms
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

corort::task<> amain() {
  auto start = std::chrono::steady_clock::now();
  const int a = co_await lazy_start();
  std::printf("lazy task, awaited later: result %d in %.0f ms\n", a, ms_since(start));

  start = std::chrono::steady_clock::now();
  const int b = co_await spawned_start();
  std::printf("spawned early, awaited later: result %d in %.0f ms\n", b, ms_since(start));
}

}  // namespace

int main() { corort::run(amain()); }
