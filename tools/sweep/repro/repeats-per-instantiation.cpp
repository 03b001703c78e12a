// Defect class "repeats-per-instantiation" (all checks, seen with
// coro-blocking-call): one place is reported once for the template and once
// per instantiation, each line naming the coroutine differently ('event',
// 'event<int>', 'event<long>'), so clang-tidy's de-duplication keeps them all.
#include <chrono>
#include <coroutine>
#include <thread>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

template <class Client> task event(Client &c) {
  std::this_thread::sleep_for(std::chrono::milliseconds(1)); // reported 3 times
  co_return;
}

void use(int &a, long &b) {
  event(a);
  event(b);
}
