// Pitfall: CPU-bound work inside a coroutine.
//
// The event loop is one thread.  A long computation inside a coroutine never
// suspends, so every other coroutine (here: a heartbeat that should tick
// every 10 ms) is frozen until it ends.  The loop orchestrates; pools do the
// work: run the computation on corort::cpu_pool().
//
// The loop runs in debug mode, so the slow step is also reported on stderr
// (twin of asyncio's "Executing <Task ...> took 0.2 seconds").
#include <corort/corort.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

namespace {

long crunch() {
  long total = 0;
  for (long i = 0; i < 50'000'000; ++i) total += i % 7;
  return total;
}

corort::task<long> crunch_on_loop() {
  long total = 0;
  // WRONG: 50 million iterations inside a coroutine block the event loop.
  for (long i = 0; i < 50'000'000; ++i) total += i % 7;
  co_return total;
}

corort::task<long> crunch_on_pool() {
  // RIGHT: the same loop runs on a worker; this coroutine suspends meanwhile.
  co_return co_await corort::cpu_pool().run(crunch);
}

// Ticks every 10 ms; returns the longest gap it saw between two ticks.
corort::task<double> heartbeat(const bool* stop) {
  double worst = 0;
  auto last = std::chrono::steady_clock::now();
  while (!*stop) {
    co_await corort::sleep_for(10ms);
    const auto now = std::chrono::steady_clock::now();
    worst = std::max(worst, std::chrono::duration<double, std::milli>(now - last).count());
    last = now;
  }
  co_return worst;
}

template <class Work>
corort::task<> measure(const char* label, Work work) {
  bool stop = false;
  corort::task_group group;
  auto beat = group.spawn(heartbeat(&stop));
  co_await corort::sleep_for(20ms);  // let the heartbeat get going
  const long result = co_await work();
  stop = true;
  const double worst_gap = co_await std::move(beat);
  co_await group.join();
  std::printf("%-14s result %ld, longest heartbeat gap %.0f ms\n", label, result, worst_gap);
}

corort::task<> amain() {
  co_await measure("on the loop:", crunch_on_loop);
  co_await measure("on cpu_pool():", crunch_on_pool);
}

}  // namespace

int main() {
  corort::event_loop loop{corort::loop_options{.debug = true, .slow_step_threshold = 20ms}};
  loop.run(amain());
}
