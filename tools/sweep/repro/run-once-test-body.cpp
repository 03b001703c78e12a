// FALSE class "run-once-test-body" (coro-pool-per-call): a pool built in the
// body of a test. doctest's TEST_CASE expands to a static function registered
// once (DOCTEST_ANON_FUNC_<n>); Catch2's to "dummyFunction<n>"/CATCH2_INTERNAL_TEST_<n>.
// Nothing calls it repeatedly, yet the check says "created on every call".
namespace asio { struct thread_pool { explicit thread_pool(int) {} ~thread_pool() {} }; }
int register_test(void (*)(), const char *);

#define TEST_CASE(name) TEST_CASE_IMPL(__COUNTER__, name)
#define TEST_CASE_IMPL(n, name) TEST_CASE_IMPL2(n, name)
#define TEST_CASE_IMPL2(n, name)                                              \
  static void DOCTEST_ANON_FUNC_##n();                                        \
  static int DOCTEST_ANON_VAR_##n = register_test(&DOCTEST_ANON_FUNC_##n, name); \
  static void DOCTEST_ANON_FUNC_##n()

TEST_CASE("pool runs work") {
  asio::thread_pool tp{3}; // reported: created on every call to 'DOCTEST_ANON_FUNC_0'
}

// The same with a plain test function that main calls once.
template <class T> void different_execs() {
  asio::thread_pool th_ctx{1}; // reported: created on every call to 'different_execs'
}
int main() { different_execs<int>(); }

// And a pool inside a coroutine lambda that is invoked once, right where it
// is written (gtest TEST bodies of folly::coro do this with blockingWait).
#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void blocking_wait(task);
void early_destroy_test() {
  blocking_wait([]() -> task {
    asio::thread_pool executor(2); // reported: created on every call to the lambda
    co_return;
  }());
}
