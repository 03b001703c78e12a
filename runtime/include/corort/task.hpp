// corort/task.hpp - task<T>: a lazy, move-only coroutine type.
//
// Calling a task-returning function only creates the coroutine frame (the
// "recipe" in the asyncio guide); nothing runs until the task is awaited
// with co_await, spawned into a task_group, or passed to corort::run().
// A task that is destroyed without being awaited never runs at all - which
// is why the class is [[nodiscard]].
#pragma once

#include <corort/event_loop.hpp>

#include <cassert>
#include <concepts>
#include <coroutine>
#include <exception>
#include <source_location>
#include <type_traits>
#include <utility>

namespace corort {

template <class T = void>
class task;

namespace detail {

struct task_access;

// At the end of a task, transfer control straight to the awaiting coroutine
// (symmetric transfer: no stack growth).  If the task finished on a pool
// thread, the awaiting coroutine is posted back to its loop instead.
struct final_awaiter {
  bool await_ready() const noexcept { return false; }

  template <class P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
    promise_base& p = h.promise();
    if (p.loop != nullptr && !p.loop->in_loop_thread()) {
      // A null handle still wakes the loop (and balances the earlier leave()).
      loop_access::post_return(*p.loop, p.continuation, p.continuation_promise);
      return std::noop_coroutine();
    }
    if (!p.continuation) return std::noop_coroutine();
    loop_access::switch_to(p.loop, p.continuation_promise);
    return p.continuation;
  }

  void await_resume() const noexcept {}
};

template <class T>
class task_promise_base : public promise_base {
 public:
  explicit task_promise_base(std::source_location where) noexcept : promise_base(where) {}

  std::suspend_always initial_suspend() const noexcept { return {}; }
  final_awaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { result_.set_exception(std::current_exception()); }
  T take() { return result_.get(); }

 protected:
  result<T> result_;
};

template <class T>
class task_promise final : public task_promise_base<T> {
 public:
  // The default argument is evaluated where the compiler constructs the
  // promise, so `where` names the coroutine function itself.
  task_promise(std::source_location where = std::source_location::current()) noexcept
      : task_promise_base<T>(where) {}
  task<T> get_return_object() noexcept;

  template <class U = T>
    requires(!std::is_reference_v<T> && std::convertible_to<U &&, T>)
  void return_value(U&& value) {
    this->result_.set_value(std::forward<U>(value));
  }

  void return_value(T value)
    requires std::is_reference_v<T>
  {
    this->result_.set_value(value);
  }
};

template <>
class task_promise<void> final : public task_promise_base<void> {
 public:
  task_promise(std::source_location where = std::source_location::current()) noexcept
      : task_promise_base<void>(where) {}
  task<void> get_return_object() noexcept;
  void return_void() noexcept { result_.set_value(); }
};

}  // namespace detail

/// A lazily started, move-only coroutine producing a T (or void, or a
/// reference).  Await it with `co_await std::move(t)` / `co_await f()`; its
/// exception, if any, is rethrown in the awaiter.  The child inherits the
/// awaiting coroutine's event loop and cancellation token.  Destroying a
/// task destroys its coroutine frame.
///
///     corort::task<int> answer() { co_return 42; }
///     corort::task<> user() { int v = co_await answer(); print(v); }
template <class T>
class [[nodiscard]] task {
 public:
  /// The coroutine promise (required by the language; used by corolint to
  /// recognise task types).
  ///
  ///     static_assert(std::is_class_v<corort::task<int>::promise_type>);
  using promise_type = detail::task_promise<T>;
  /// The result type of `co_await`.
  ///
  ///     static_assert(std::is_same_v<corort::task<int&>::value_type, int&>);
  using value_type = T;

  /// An empty task (valid() == false); only useful as a placeholder.
  ///
  ///     corort::task<int> t;  // later: t = fetch();
  task() noexcept = default;

  /// Move-only: moving transfers ownership of the coroutine frame.
  ///
  ///     corort::task<int> t = fetch();
  ///     std::vector<corort::task<int>> v; v.push_back(std::move(t));
  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task& operator=(task&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() { reset(); }

  /// True if the task owns a coroutine frame.
  ///
  ///     assert(t.valid());
  bool valid() const noexcept { return static_cast<bool>(handle_); }

  /// Awaiting starts the task and suspends the caller until it finishes
  /// (only on rvalues: `co_await std::move(t)`).
  ///
  ///     int v = co_await std::move(t);
  auto operator co_await() && noexcept {
    assert(handle_ && !handle_.done() && "corort::task awaited twice or empty");
    return awaiter{handle_};
  }

 private:
  using handle_type = std::coroutine_handle<promise_type>;
  friend class detail::task_promise<T>;
  friend class event_loop;
  friend struct detail::task_access;

  struct awaiter {
    handle_type child;

    bool await_ready() const noexcept { return false; }

    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> parent) noexcept {
      promise_type& p = child.promise();
      p.continuation = parent;
      if (detail::promise_base* pb = detail::base_of(parent)) {
        p.continuation_promise = pb;
        p.loop = pb->loop;
        p.token = pb->token;
      } else {
        p.loop = event_loop::current();
      }
      detail::loop_access::switch_to(p.loop, &p);
      return child;  // symmetric transfer into the child
    }

    T await_resume() { return child.promise().take(); }
  };

  explicit task(handle_type h) noexcept : handle_(h) {}
  void reset() noexcept {
    if (handle_) std::exchange(handle_, {}).destroy();
  }

  handle_type handle_;
};

namespace detail {

template <class T>
task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise<T>>::from_promise(*this)};
}

inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise<void>>::from_promise(*this)};
}

struct task_access {
  template <class T>
  static std::source_location where(const task<T>& t) noexcept {
    return t.handle_ ? t.handle_.promise().where : std::source_location{};
  }
};

}  // namespace detail

template <class T>
T event_loop::run(task<T> t) {
  if (!t.valid()) throw std::invalid_argument("corort::event_loop::run: empty task");
  if (detail::current_loop != nullptr)
    throw std::logic_error("corort::event_loop::run: an event loop is already running on this thread");
  struct running_guard {
    explicit running_guard(event_loop* l) noexcept { detail::current_loop = l; }
    ~running_guard() { detail::current_loop = nullptr; }
    running_guard(const running_guard&) = delete;
    running_guard& operator=(const running_guard&) = delete;
  } guard{this};

  auto h = t.handle_;
  h.promise().loop = this;
  schedule(h, &h.promise());
  // Only look at the frame when no coroutine is away on a pool thread: the
  // root itself may be finishing on a worker.
  run_until([&] { return away_ == 0 && children_ == 0 && h.done(); });
  return h.promise().take();
}

/// Twin of asyncio.run(): creates an event loop, runs `t` to completion on
/// the calling thread and returns its result (or rethrows its exception).
///
///     int main() { return corort::run(amain()); }
template <class T>
T run(task<T> t) {
  event_loop loop;
  return loop.run(std::move(t));
}

/// Same as run(t) with loop options, e.g. debug mode.
///
///     corort::run(amain(), corort::loop_options{.debug = true});
template <class T>
T run(task<T> t, loop_options options) {
  event_loop loop{std::move(options)};
  return loop.run(std::move(t));
}

}  // namespace corort
