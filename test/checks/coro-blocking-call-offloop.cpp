// Coroutines that run off the event loop may block their thread (issue 17):
// a named coroutine that every call hands to a pool, one that takes
// concurrencpp's executor_tag, and the code after `co_await asio::post(pool,
// use_awaitable)`. Their twins on the loop are still reported.
// RUN: %check_coro %s coro-blocking-call %t -- -- -isystem %S/Inputs/mock

#include "asio.h"
#include "concurrencpp.h"
#include "pools.h"
#include <chrono>
#include <memory>
#include <thread>

using namespace std::chrono_literals;

unsigned slow_hash(int);

// Only ever started on a pool.
asio::awaitable<unsigned> hash_task(int s) {
  std::this_thread::sleep_for(1ms);
  co_return slow_hash(s);
}
// Started on a pool once, awaited on the loop once: reported.
asio::awaitable<unsigned> hash_twice(int s) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'hash_twice' stalls the thread that runs it; await an asynchronous timer instead (co_await an asio::steady_timer's async_wait(asio::use_awaitable)) [coro-blocking-call]
  co_return slow_hash(s);
}
asio::awaitable<void> session(asio::thread_pool &pool, int s) {
  asio::co_spawn(pool, hash_task(s), asio::use_awaitable);
  asio::co_spawn(pool.get_executor(), hash_task(s + 1), asio::use_awaitable);
  asio::co_spawn(pool, hash_twice(s), asio::use_awaitable);
  co_await hash_twice(s);
  co_return;
}

// Started on the executor the caller gives.
concurrencpp::lazy_result<int>
crunch(concurrencpp::executor_tag, std::shared_ptr<concurrencpp::thread_pool_executor>, int n) {
  std::this_thread::sleep_for(1ms);
  co_return n;
}

// After a hop to a pool, the rest runs there; before it, on the loop.
asio::awaitable<void> hop(asio::thread_pool &pool, asio::io_context &io) {
  co_await asio::post(io, asio::use_awaitable);
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'hop' stalls the thread that runs it; await an asynchronous timer instead (co_await an asio::steady_timer's async_wait(asio::use_awaitable)) [coro-blocking-call]
  co_await asio::post(pool, asio::use_awaitable);
  std::this_thread::sleep_for(1ms);
  co_return;
}

// After concurrencpp's resume_on, in a template's own code too, where the
// await is not resolved yet (concurrencpp's coroutine_tests).
template <class T>
concurrencpp::lazy_result<T>
after_resume(std::shared_ptr<concurrencpp::thread_pool_executor> ex) {
  co_await concurrencpp::resume_on(ex);
  std::this_thread::sleep_for(1ms);
  co_return T{};
}
template <class Executor>
concurrencpp::lazy_result<int> after_resume_on(std::shared_ptr<Executor> ex) {
  co_await concurrencpp::resume_on(ex);
  std::this_thread::sleep_for(1ms);
  co_return 1;
}
void instantiate(std::shared_ptr<concurrencpp::thread_pool_executor> ex) {
  (void)after_resume<int>(ex);
  (void)after_resume_on(ex);
}
