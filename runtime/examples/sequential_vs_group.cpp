// Pitfall: awaiting independent operations one after another.
//
// `co_await` means "run this now and don't continue me until it is done", so
// N awaits in a row take N times as long as one.  Independent work should
// be spawned into a task_group so that the waits overlap.
//
// Expected output: sequential ≈ 5 × 50 ms, task_group ≈ 50 ms.
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

namespace {

constexpr int kSleepers = 5;

corort::task<> sleeper(int i) {
  std::printf("  start %d\n", i);
  co_await corort::sleep_for(50ms);  // stands in for a network call
  std::printf("  end   %d\n", i);
}

corort::task<> sequential() {
  for (int i = 0; i < kSleepers; ++i) {
    // WRONG: each sleeper must finish before the next one starts (≈ N × 50 ms).
    co_await sleeper(i);
  }
}

corort::task<> concurrent() {
  corort::task_group group;
  for (int i = 0; i < kSleepers; ++i) {
    // RIGHT: every sleeper starts now; their waits overlap (≈ 1 × 50 ms).
    group.spawn(sleeper(i));
  }
  co_await group.join();
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

corort::task<> amain() {
  auto start = std::chrono::steady_clock::now();
  co_await sequential();
  const double seq = ms_since(start);
  std::printf("sequential awaits: %.0f ms\n", seq);

  start = std::chrono::steady_clock::now();
  co_await concurrent();
  const double grp = ms_since(start);
  std::printf("task_group:        %.0f ms\n", grp);
  std::printf("speed-up: %.1fx\n", seq / grp);
}

}  // namespace

int main() { corort::run(amain()); }
