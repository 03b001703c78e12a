// corort/thread_pool.hpp - long-lived worker pools for blocking and CPU-bound
// work (twin of concurrent.futures executors + loop.run_in_executor,
// asyncio.to_thread).
//
// The loop orchestrates; pools do the work.  Create a pool once and keep it
// for the life of the program - never one per call.
#pragma once

#include <corort/cancellation.hpp>
#include <corort/event_loop.hpp>

#include <algorithm>
#include <concepts>
#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace corort {

class thread_pool;

namespace detail {

inline thread_local const thread_pool* current_pool = nullptr;

inline std::exception_ptr pool_closed() {
  return std::make_exception_ptr(std::logic_error("corort::thread_pool: the pool has been shut down"));
}

bool submit_to(thread_pool& pool, std::function<void()> job);

// co_await pool.run(fn, args...): runs fn(args...) on a worker, then resumes
// the awaiting coroutine on its loop with the result or the exception.
template <class F, class... Args>
class [[nodiscard]] run_awaiter {
  using R = std::invoke_result_t<F, Args...>;

 public:
  run_awaiter(thread_pool& pool, F fn, std::tuple<Args...> args)
      : pool_(&pool), fn_(std::move(fn)), args_(std::move(args)) {}

  bool await_ready() const noexcept { return false; }

  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    promise_ = base_of(h);
    if (promise_ != nullptr) token_ = promise_->token;
    if (token_.cancellation_requested()) return false;  // never started
    loop_ = loop_access::loop_of(promise_);
    handle_ = h;
    // After a successful submit the worker owns *this: touch locals only.
    event_loop* loop = loop_;
    const bool leaving = loop != nullptr && loop->in_loop_thread();
    if (leaving) loop_access::leave(*loop);
    if (!submit_to(*pool_, [this] { execute(); })) {
      if (leaving) loop_access::unleave(*loop);
      result_.set_exception(pool_closed());
      return false;
    }
    return true;
  }

  R await_resume() {
    // Cancellation is observed before the call starts and after it returns;
    // a call already running on a worker cannot be interrupted.
    token_.throw_if_cancellation_requested();
    return result_.get();
  }

 private:
  void execute() noexcept {
    try {
      if constexpr (std::is_void_v<R>) {
        std::apply(std::move(fn_), std::move(args_));
        result_.set_value();
      } else {
        result_.set_value(std::apply(std::move(fn_), std::move(args_)));
      }
    } catch (...) {
      result_.set_exception(std::current_exception());
    }
    if (loop_ != nullptr)
      loop_access::post_return(*loop_, handle_, promise_);
    else
      handle_.resume();  // awaited outside any loop: continue on the worker
  }

  thread_pool* pool_;
  F fn_;
  std::tuple<Args...> args_;
  result<R> result_;
  cancellation_token token_;
  event_loop* loop_ = nullptr;
  promise_base* promise_ = nullptr;
  std::coroutine_handle<> handle_;
};

// co_await pool.schedule(): continue the coroutine on a worker thread.
class [[nodiscard]] schedule_awaiter {
 public:
  explicit schedule_awaiter(thread_pool& pool) noexcept : pool_(&pool) {}

  bool await_ready() const noexcept { return false; }

  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    promise_base* p = base_of(h);
    if (p != nullptr) token_ = p->token;
    if (token_.cancellation_requested()) return false;
    event_loop* loop = loop_access::loop_of(p);
    const bool leaving = loop != nullptr && loop->in_loop_thread();
    if (leaving) loop_access::leave(*loop);
    if (!submit_to(*pool_, [h] { h.resume(); })) {
      if (leaving) loop_access::unleave(*loop);
      error_ = pool_closed();
      return false;
    }
    return true;
  }

  void await_resume() const {
    if (error_) std::rethrow_exception(error_);
    token_.throw_if_cancellation_requested();
  }

 private:
  thread_pool* pool_;
  cancellation_token token_;
  std::exception_ptr error_;
};

}  // namespace detail

/// A fixed-size pool of worker threads, meant to be created once and kept
/// (twin of a long-lived ThreadPoolExecutor / ProcessPoolExecutor).
///
///     corort::thread_pool pool{4};                     // once, e.g. in main()
///     int n = co_await pool.run(count_lines, path);    // from any coroutine
///     pool.shutdown();                                 // or let the destructor do it
class thread_pool {
 public:
  /// Starts `threads` workers (at least one).
  ///
  ///     corort::thread_pool pool{std::thread::hardware_concurrency()};
  explicit thread_pool(std::size_t threads) {
    threads = std::max<std::size_t>(threads, 1);
    workers_.reserve(threads);
    try {
      for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
    } catch (...) {
      shutdown();
      throw;
    }
  }

  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;

  /// Calls shutdown(): finishes the queued work and joins the workers.
  ///
  ///     { corort::thread_pool pool{2}; /* ... */ }  // joined here
  ~thread_pool() { shutdown(); }

  /// Stops accepting work, lets the workers finish everything already
  /// queued, and joins them.  Idempotent; must not be called from one of the
  /// pool's own workers (throws std::logic_error).  Later run()/schedule()
  /// awaits throw std::logic_error.
  ///
  ///     pool.shutdown();
  void shutdown() {
    if (on_worker_thread())
      throw std::logic_error("corort::thread_pool::shutdown: called from one of the pool's own workers");
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_available_.notify_all();
    std::lock_guard join_lock(join_mutex_);
    for (std::thread& w : workers_)
      if (w.joinable()) w.join();
  }

  /// Number of worker threads.
  ///
  ///     std::size_t n = corort::cpu_pool().size();
  std::size_t size() const noexcept { return workers_.size(); }

  /// True when called from one of this pool's workers.
  ///
  ///     assert(!pool.on_worker_thread());
  bool on_worker_thread() const noexcept { return detail::current_pool == this; }

  /// Awaitable running `fn(args...)` on a worker (args are decay-copied);
  /// the awaiting coroutine resumes on its loop with the result, or the
  /// exception rethrown (twin of loop.run_in_executor).  Cancellation is
  /// checked before the call starts and after it returns (then
  /// cancelled_error replaces the result); a running call is not interrupted.
  ///
  ///     std::string body = co_await pool.run(read_file, "data.txt");
  template <class F, class... Args>
    requires std::invocable<std::decay_t<F>, std::decay_t<Args>...>
  detail::run_awaiter<std::decay_t<F>, std::decay_t<Args>...> run(F&& fn, Args&&... args) {
    return {*this, std::forward<F>(fn), std::tuple<std::decay_t<Args>...>(std::forward<Args>(args)...)};
  }

  /// Awaitable moving the rest of the coroutine onto a worker thread.  The
  /// coroutine goes back to its loop at its next co_await of a corort
  /// awaitable or task (and when it finishes).
  ///
  ///     co_await pool.schedule();
  ///     auto digest = sha256(big_buffer);  // runs on a worker
  detail::schedule_awaiter schedule() noexcept { return detail::schedule_awaiter{*this}; }

 private:
  friend bool detail::submit_to(thread_pool&, std::function<void()>);

  bool submit(std::function<void()> job) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return false;
      jobs_.push_back(std::move(job));
    }
    work_available_.notify_one();
    return true;
  }

  void work() {
    detail::current_pool = this;
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        work_available_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping and drained
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  bool stopping_ = false;                   // guarded by mutex_
  std::mutex join_mutex_;
  std::vector<std::thread> workers_;
};

inline bool detail::submit_to(thread_pool& pool, std::function<void()> job) { return pool.submit(std::move(job)); }

/// The process-wide pool for CPU-bound work, sized to
/// std::thread::hardware_concurrency().  Created on first use, joined at exit.
///
///     long total = co_await corort::cpu_pool().run(crunch, data);
inline thread_pool& cpu_pool() {
  static thread_pool pool{std::max(1u, std::thread::hardware_concurrency())};
  return pool;
}

namespace detail {
// Shared pool behind to_thread(): sized like asyncio's default executor.
inline thread_pool& blocking_pool() {
  static thread_pool pool{std::min(32u, std::max(1u, std::thread::hardware_concurrency()) + 4)};
  return pool;
}
}  // namespace detail

/// Runs a blocking call on a shared process-wide pool and resumes the
/// coroutine on its loop with the result (twin of asyncio.to_thread).  Good
/// for blocking I/O and legacy APIs; use cpu_pool() for heavy computation.
///
///     std::string page = co_await corort::to_thread(blocking_http_get, url);
template <class F, class... Args>
  requires std::invocable<std::decay_t<F>, std::decay_t<Args>...>
[[nodiscard]] auto to_thread(F&& fn, Args&&... args) {
  return detail::blocking_pool().run(std::forward<F>(fn), std::forward<Args>(args)...);
}

}  // namespace corort
