#include <coroutine>
struct task {
  struct promise_type { task get_return_object() { return {}; } std::suspend_always initial_suspend() noexcept { return {}; } std::suspend_always final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} };
  bool await_ready() const noexcept { return false; } void await_suspend(std::coroutine_handle<>) const noexcept {} void await_resume() const noexcept {}
};
// The database's own flags that clang knows still apply.
static_assert(FROM_DATABASE == 1);
task send(int);
task handler() {
  send(1);
  co_return;
}
