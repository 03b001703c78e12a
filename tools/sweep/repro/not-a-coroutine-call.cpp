// FALSE class "not-a-coroutine-call" (coro-unawaited-task): a generator that
// a plain factory returns (folly's BoundedAsyncPipe::create() returns the
// generator and its write end) is reported as a task "never awaited and never
// runs". It was never started by a coroutine call of this function; the
// producer side is what the code uses. (The message also calls a generator a
// task.)
#include <coroutine>
#include <utility>

template <class T> struct [[nodiscard]] async_generator {
  struct promise_type {
    async_generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const {}
};
struct pipe_writer { task write(int); };

// A factory, not a coroutine: it returns a generator and the pipe feeding it.
std::pair<async_generator<int>, pipe_writer> create_pipe();

task producer() {
  auto [generator, pipe] = create_pipe(); // reported: task 'generator' is never awaited
  co_await pipe.write(1);
}

// The same with a future obtained from a promise and then observed.
template <class T> struct [[nodiscard]] future {
  struct promise_type {
    future get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  bool available() const;
  T get();
};
template <class T> struct shared_promise { future<T> get_shared_future(); };

int observe(shared_promise<int> &pr) {
  auto f4 = pr.get_shared_future(); // reported: task 'f4' is never awaited
  return f4.available() ? 1 : 0;    // ... yet it is observed here
}
