// Pitfall: creating a pool per call.
//
// Constructing a thread_pool starts threads and destroying it joins them.
// Doing that for every request costs far more than the work itself (the
// asyncio guide's `with ProcessPoolExecutor() as pool:` inside the handler).
// Create one pool for the life of the program and shut it down once.
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>

namespace {

constexpr int kRequests = 200;

long checksum(int request) {
  long sum = 0;
  for (int i = 0; i < 1000; ++i) sum += (request * 31 + i) % 17;
  return sum;
}

corort::task<long> handle_request_wrong(int request) {
  // WRONG: a new 4-thread pool is started and joined for every single request.
  corort::thread_pool pool{4};
  co_return co_await pool.run(checksum, request);
}

// RIGHT: the handler borrows one long-lived pool owned by main().
corort::task<long> handle_request(corort::thread_pool& pool, int request) {
  co_return co_await pool.run(checksum, request);
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

corort::task<> amain(corort::thread_pool& pool) {
  long total = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < kRequests; ++r) total += co_await handle_request_wrong(r);
  std::printf("pool per call:     %.1f ms (checksum %ld)\n", ms_since(start), total);

  total = 0;
  start = std::chrono::steady_clock::now();
  for (int r = 0; r < kRequests; ++r) total += co_await handle_request(pool, r);
  std::printf("one long-lived pool: %.1f ms (checksum %ld)\n", ms_since(start), total);
}

}  // namespace

int main() {
  // RIGHT: created once, shared by every request...
  corort::thread_pool pool{4};
  corort::run(amain(pool));
  // ...and shut down once (twin of pp.shutdown()).
  pool.shutdown();
}
