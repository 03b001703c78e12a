// Many request handlers overlap on one loop - as long as they await.
//
// Each handler is a coroutine (like a FastAPI endpoint).  1000 handlers that
// each wait 20 ms for "I/O" finish together in about 20 ms, not 20 s.  The
// pitfall: a handler that blocks instead of awaiting serialises all requests.
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

namespace {

corort::task<int> handle_sleep_endpoint(int request) {
  // RIGHT: awaiting I/O lets the loop run other requests meanwhile.
  co_await corort::sleep_for(20ms);
  co_return request;
}

corort::task<int> handle_sleep_endpoint_blocking(int request) {
  // WRONG: a blocking wait inside a handler stalls every other request.
  std::this_thread::sleep_for(5ms);
  co_return request;
}

template <class Handler>
corort::task<> serve(const char* label, int requests, Handler handler) {
  const auto start = std::chrono::steady_clock::now();
  long served = 0;
  corort::task_group group;
  for (int r = 0; r < requests; ++r)
    group.spawn([](Handler h, int req, long* count) -> corort::task<> {
      co_await h(req);
      ++*count;
    }(handler, r, &served));
  co_await group.join();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-30s %4ld requests served in %6.1f ms\n", label, served, ms);
}

corort::task<> amain() {
  co_await serve("awaiting handlers:", 1000, handle_sleep_endpoint);           // ≈ 20 ms in total
  co_await serve("blocking handlers:", 40, handle_sleep_endpoint_blocking);   // ≈ 40 × 5 ms, serialised
}

}  // namespace

int main() { corort::run(amain()); }
