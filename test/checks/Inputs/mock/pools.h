// The shapes of the thread pools corolint knows: classes whose constructor
// starts worker threads and whose destructor joins them. Only the shapes
// (namespaces, bases, constructors, templates), nothing runs.
#pragma once
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <memory>

// (Boost.)Asio: thread_pool is an execution_context; static_thread_pool is
// another name for it.
namespace asio {
class execution_context {
public:
  execution_context() {}
  execution_context(const execution_context &) = delete;
  ~execution_context() {}
};
class thread_pool : public execution_context {
public:
  class executor_type {};
  thread_pool() {}
  explicit thread_pool(std::size_t num_threads) {}
  ~thread_pool() {}
  executor_type get_executor() noexcept { return {}; }
  void join() {}
  void stop() {}
};
typedef thread_pool static_thread_pool;
} // namespace asio

namespace boost::asio {
class execution_context {
public:
  execution_context() {}
  execution_context(const execution_context &) = delete;
};
class thread_pool : public execution_context {
public:
  thread_pool() {}
  explicit thread_pool(std::size_t num_threads) {}
  void join() {}
};
} // namespace boost::asio

// cppcoro: a work-stealing pool of a fixed size.
namespace cppcoro {
class static_thread_pool {
public:
  static_thread_pool() {}
  explicit static_thread_pool(std::uint32_t threadCount) {}
  static_thread_pool(const static_thread_pool &) = delete;
  std::uint32_t thread_count() const noexcept { return 0; }
  /// `co_await pool.schedule()` resumes the coroutine on a pool thread.
  std::suspend_always schedule() noexcept { return {}; }
};
} // namespace cppcoro

// folly: executors derive from ThreadPoolExecutor, itself an Executor, and
// are usually held through std::shared_ptr<folly::Executor>.
namespace folly {
class Executor {
public:
  virtual ~Executor() = default;
};
class ThreadPoolExecutor : public Executor {
protected:
  explicit ThreadPoolExecutor(std::size_t numThreads) {}
};
class CPUThreadPoolExecutor : public ThreadPoolExecutor {
public:
  explicit CPUThreadPoolExecutor(std::size_t numThreads)
      : ThreadPoolExecutor(numThreads) {}
};
class IOThreadPoolExecutorBase : public ThreadPoolExecutor {
protected:
  using ThreadPoolExecutor::ThreadPoolExecutor;
};
class IOThreadPoolExecutor : public IOThreadPoolExecutorBase {
public:
  explicit IOThreadPoolExecutor(std::size_t numThreads)
      : IOThreadPoolExecutorBase(numThreads) {}
};
} // namespace folly

// libcoro: older releases construct the pool from options, newer ones build
// it with the static thread_pool::make_unique. spawn_detached runs a task in
// a frame whose unhandled_exception() ignores the exception.
namespace coro {
template <class T> class task;
class thread_pool {
public:
  bool spawn_detached(task<void> &&t) noexcept { return true; }
  struct options {
    std::uint32_t thread_count;
  };
  explicit thread_pool(options opts = options{}) {}
  static std::unique_ptr<thread_pool> make_unique(options opts = options{}) {
    return std::make_unique<thread_pool>(opts);
  }
  thread_pool(const thread_pool &) = delete;
  virtual ~thread_pool() {}
};
} // namespace coro

// BS::thread_pool: a class template (with a default argument) since v5.
namespace BS {
using opt_t = unsigned char;
enum tp : opt_t { none = 0, priority = 1 };
template <opt_t OptFlags = tp::none> class thread_pool {
public:
  thread_pool() {}
  explicit thread_pool(std::size_t num_threads) {}
  thread_pool(const thread_pool &) = delete;
  void wait() {}
  template <class F> void submit_task(F &&) {}
  template <class F> void detach_task(F &&) {}
};
using light_thread_pool = thread_pool<tp::none>;
using priority_thread_pool = thread_pool<tp::priority>;
} // namespace BS

// concurrencpp: the runtime owns the thread pool executors.
namespace concurrencpp {
struct runtime_options {
  std::size_t max_cpu_threads = 1;
};
class thread_pool_executor {};
class runtime {
public:
  runtime() {}
  explicit runtime(const runtime_options &options) {}
  runtime(const runtime &) = delete;
  std::shared_ptr<concurrencpp::thread_pool_executor> thread_pool_executor() const {
    return {};
  }
};
} // namespace concurrencpp

// The bundled runtime: a fixed pool, and the process-wide ones it keeps.
namespace corort {
class thread_pool {
public:
  explicit thread_pool(std::size_t threads) {}
  thread_pool(const thread_pool &) = delete;
  ~thread_pool() {}
  std::size_t size() const noexcept { return 0; }
};
inline thread_pool &cpu_pool() {
  static thread_pool pool{4};
  return pool;
}
} // namespace corort
