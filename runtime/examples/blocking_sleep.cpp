// Pitfall: a blocking call inside a coroutine.
//
// std::this_thread::sleep_for (like any blocking I/O call) blocks the whole
// loop thread: five "concurrent" naps take five times as long, and nothing
// else can run meanwhile.  Await corort::sleep_for instead, or move a
// blocking API you cannot change to a thread with corort::to_thread.
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

namespace {

constexpr int kNappers = 5;

corort::task<> nap_blocking() {
  // WRONG: blocks the event loop thread for 50 ms; no other coroutine can run.
  std::this_thread::sleep_for(50ms);
  co_return;
}

corort::task<> nap() {
  // RIGHT: suspends only this coroutine; the loop runs others meanwhile.
  co_await corort::sleep_for(50ms);
}

// A legacy blocking API we cannot rewrite (plain function, not a coroutine).
int legacy_blocking_io() {
  std::this_thread::sleep_for(50ms);
  return 1;
}

corort::task<> call_legacy_api() {
  // RIGHT: the blocking call runs on the shared to_thread pool.
  co_await corort::to_thread(legacy_blocking_io);
}

template <class Nap>
corort::task<> nap_together(const char* label, Nap make_nap) {
  const auto start = std::chrono::steady_clock::now();
  corort::task_group group;
  for (int i = 0; i < kNappers; ++i) group.spawn(make_nap());
  co_await group.join();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-40s %.0f ms\n", label, ms);
}

corort::task<> amain() {
  co_await nap_together("blocking std::this_thread::sleep_for:", nap_blocking);
  co_await nap_together("co_await corort::sleep_for:", nap);
  co_await nap_together("co_await corort::to_thread(...):", call_legacy_api);
}

}  // namespace

int main() { corort::run(amain()); }
