// FALSE class "trivial-body-counted-loop" (coro-blocking-loop): a counted
// loop with a large constant bound whose body is one store of cheap
// arithmetic (100'000 iterations, well under a millisecond) is reported as
// CPU work that blocks the coroutine.
#include <coroutine>
#include <vector>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

task fill() {
  std::vector<int> values(100'000);
  for (int i = 0; i < 100'000; ++i) { // reported: loop of about 100000 iterations
    values[i] = (1337 * i) % 1'000'000;
  }
  co_return;
}
