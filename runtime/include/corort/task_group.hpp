// corort/task_group.hpp - structured concurrency (twin of asyncio.TaskGroup)
// and when_all (twin of asyncio.gather).
//
//   * spawn() starts a child at once: it is scheduled on the current loop and
//     runs at the loop's next iteration, concurrently with the spawner.
//   * co_await join() waits until every child has finished.
//   * The first child that fails cancels all the others (through the group's
//     cancellation token); join() rethrows that first exception once every
//     child has finished.  The exceptions of the other children (usually
//     cancelled_error) are dropped.
//   * If the coroutine awaiting join() is cancelled, the children are
//     cancelled too and join() throws cancelled_error after they finish.
//   * The destructor never blocks.  Destroying a group that still needs a
//     join() is a bug: it is reported and std::terminate() is called (debug
//     builds) - except during exception unwinding, where the children are
//     cancelled and left to finish on the loop, which run() waits for.
#pragma once

#include <corort/event_loop.hpp>
#include <corort/task.hpp>

#include <cassert>
#include <coroutine>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace corort {

class task_group;
template <class T>
class join_handle;

namespace detail {

// Result of a finished child (used by when_all / with_timeout).
template <class U>
U take(join_handle<U>& h);

struct group_state {
  group_state() = default;
  explicit group_state(const cancellation_token& parent) : source(parent) {}

  event_loop* loop = nullptr;
  cancellation_source source;
  std::size_t pending = 0;
  std::exception_ptr first_error;
  std::coroutine_handle<> joiner;
  promise_base* joiner_promise = nullptr;

  void child_failed(std::exception_ptr e) {
    if (first_error) return;  // only the first failure is reported
    first_error = std::move(e);
    source.request_cancellation();
  }

  void child_done() {
    loop_access::child_finished(*loop);
    if (--pending == 0 && joiner) loop_access::schedule(*loop, std::exchange(joiner, {}), joiner_promise);
  }
};

// Outcome of one child, shared by the child's driver and its join_handle.
template <class T>
struct child_state {
  event_loop* loop = nullptr;
  result<T> value;
  bool done = false;
  std::coroutine_handle<> waiter;  // a coroutine awaiting the join_handle
  promise_base* waiter_promise = nullptr;
  bool* waiter_cancelled = nullptr;

  void wake(bool cancelled) {
    if (!waiter) return;
    *waiter_cancelled = cancelled;
    waiter_cancelled = nullptr;
    loop_access::schedule(*loop, std::exchange(waiter, {}), waiter_promise);
  }
};

// Self-destroying coroutine that drives one child of a group.
struct spawned {
  struct promise_type : promise_base {
    promise_type() noexcept : promise_base(std::source_location{}) {}
    spawned get_return_object() noexcept { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }  // drive() catches everything
  };
  std::coroutine_handle<promise_type> handle;
};

template <class T>
spawned drive(std::shared_ptr<group_state> group, std::shared_ptr<child_state<T>> child, task<T> t) {
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      child->value.set_value();
    } else {
      child->value.set_value(co_await std::move(t));
    }
  } catch (...) {
    child->value.set_exception(std::current_exception());
    group->child_failed(std::current_exception());
  }
  child->done = true;
  child->wake(false);
  group->child_done();
}

class join_awaiter;

template <class T>
class join_handle_awaiter {
 public:
  explicit join_handle_awaiter(std::shared_ptr<child_state<T>> s) noexcept : state_(std::move(s)) {}
  join_handle_awaiter(const join_handle_awaiter&) = delete;
  join_handle_awaiter& operator=(const join_handle_awaiter&) = delete;
  ~join_handle_awaiter() {
    on_cancel_.reset();
    if (state_->waiter_cancelled == &cancelled_) state_->waiter = {};  // frame destroyed while waiting
  }

  bool await_ready() const noexcept { return false; }

  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    promise_base* p = base_of(h);
    if (p != nullptr) token_ = p->token;
    if (token_.cancellation_requested()) {
      cancelled_ = true;
      return false;
    }
    return loop_access::suspend_on(*state_->loop, h, p, [this, h, p] {
      if (state_->done) return false;
      state_->waiter = h;
      state_->waiter_promise = p;
      state_->waiter_cancelled = &cancelled_;
      if (token_.can_be_cancelled()) on_cancel_.emplace(token_, cancel_fn{state_});
      return true;
    });
  }

  T await_resume() {
    on_cancel_.reset();
    if (cancelled_) throw cancelled_error{};
    return state_->value.get();
  }

 private:
  struct cancel_fn {
    std::shared_ptr<child_state<T>> state;
    void operator()() const {
      loop_access::run_on_loop(*state->loop, [s = state] { s->wake(true); });
    }
  };

  std::shared_ptr<child_state<T>> state_;
  cancellation_token token_;
  bool cancelled_ = false;
  std::optional<cancellation_callback<cancel_fn>> on_cancel_;
};

template <class T>
using when_all_value_t =
    std::conditional_t<std::is_void_v<T>, std::monostate,
                       std::conditional_t<std::is_reference_v<T>, std::reference_wrapper<std::remove_reference_t<T>>, T>>;

}  // namespace detail

/// Handle to one child of a task_group: `co_await std::move(h)` waits for that
/// child and returns its result (or rethrows its exception).  Dropping the
/// handle is fine - the group still supervises the child.
///
///     corort::join_handle<int> h = group.spawn(fetch());
///     do_other_work();
///     int v = co_await std::move(h);
template <class T>
class join_handle {
 public:
  /// An empty handle.
  ///
  ///     corort::join_handle<int> h;  // later: h = group.spawn(fetch());
  join_handle() = default;

  /// True once the child has finished (successfully or not).
  ///
  ///     if (h.done()) { /* co_await will not suspend for long */ }
  bool done() const noexcept { return state_ && state_->done; }

  /// Waits for the child; cancellation of the awaiting coroutine interrupts
  /// the wait with cancelled_error (the child keeps running in its group).
  ///
  ///     auto value = co_await std::move(h);
  detail::join_handle_awaiter<T> operator co_await() && noexcept {
    assert(state_ && "corort::join_handle: empty handle");
    return detail::join_handle_awaiter<T>{state_};
  }

 private:
  friend class task_group;
  template <class U>
  friend U detail::take(join_handle<U>& h);
  explicit join_handle(std::shared_ptr<detail::child_state<T>> s) noexcept : state_(std::move(s)) {}
  std::shared_ptr<detail::child_state<T>> state_;
};

template <class U>
U detail::take(join_handle<U>& h) {
  assert(h.done());
  return h.state_->value.get();
}

namespace detail {

class join_awaiter {
 public:
  explicit join_awaiter(task_group& g) noexcept;
  join_awaiter(const join_awaiter&) = delete;
  join_awaiter& operator=(const join_awaiter&) = delete;
  ~join_awaiter() {
    forward_.reset();
    if (waiting_ && state_->joiner) state_->joiner = {};  // frame destroyed while joining
  }

  bool await_ready() const noexcept { return false; }

  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    promise_base* p = base_of(h);
    if (p != nullptr) token_ = p->token;
    if (state_->loop == nullptr) return false;  // nothing was ever spawned
    // Cancelling the joiner cancels the children; join() still waits for them.
    if (token_.can_be_cancelled()) forward_.emplace(token_, forward_fn{state_});
    return loop_access::suspend_on(*state_->loop, h, p, [this, h, p] {
      if (state_->pending == 0) return false;
      state_->joiner = h;
      state_->joiner_promise = p;
      waiting_ = true;
      return true;
    });
  }

  void await_resume();

 private:
  struct forward_fn {
    std::shared_ptr<group_state> state;
    void operator()() const noexcept { state->source.request_cancellation(); }
  };

  task_group* group_;
  std::shared_ptr<group_state> state_;
  cancellation_token token_;
  bool waiting_ = false;
  std::optional<cancellation_callback<forward_fn>> forward_;
};

}  // namespace detail

/// A scope owning concurrently running child tasks (twin of
/// asyncio.TaskGroup).  Spawn children, then always `co_await group.join()`.
/// See the top of this header for failure and cancellation semantics.
///
///     corort::task_group group;
///     for (int i = 0; i < 5; ++i) group.spawn(sleeper(i));
///     co_await group.join();  // ≈ one sleep, not five
class task_group {
 public:
  /// A group whose children are cancelled by cancel(), by the first child
  /// failure, or when the coroutine awaiting join() is cancelled.
  ///
  ///     corort::task_group group;
  task_group() : state_(std::make_shared<detail::group_state>()), uncaught_(std::uncaught_exceptions()) {}

  /// A group linked to `parent`: its children are cancelled as soon as
  /// `parent` is (not only once join() is reached).
  ///
  ///     corort::task_group group{co_await corort::current_token()};
  explicit task_group(const cancellation_token& parent)
      : state_(std::make_shared<detail::group_state>(parent)), uncaught_(std::uncaught_exceptions()) {}

  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;

  /// Never blocks; see the header comment for what an un-joined group does.
  ///
  ///     { corort::task_group g; g.spawn(work()); co_await g.join(); }  // fine
  ~task_group() {
    if (!must_join_) return;
    state_->source.request_cancellation();  // children stop at their next suspension point
    if (std::uncaught_exceptions() > uncaught_) return;  // unwinding: children finish in the background
#ifndef NDEBUG
    std::fputs(
        "corort: task_group destroyed while it still needs `co_await group.join()`; "
        "children would be orphaned (structured concurrency violated)\n",
        stderr);
    std::terminate();
#endif
  }

  /// Starts `t` now: it is scheduled on the calling thread's running loop and
  /// runs concurrently with the caller.  Must be called on the loop thread.
  /// Returns a handle that may be awaited for this child's own result.
  ///
  ///     group.spawn(log_event("started"));
  ///     auto h = group.spawn(fetch());
  template <class T>
  join_handle<T> spawn(task<T> t) {
    event_loop* loop = event_loop::current();
    if (loop == nullptr)
      throw std::logic_error("corort::task_group::spawn: must be called on a thread running an event_loop");
    if (!t.valid()) throw std::invalid_argument("corort::task_group::spawn: empty task");
    detail::group_state& st = *state_;
    if (st.loop == nullptr) st.loop = loop;
    if (st.loop != loop) throw std::logic_error("corort::task_group::spawn: group belongs to another event_loop");

    auto child = std::make_shared<detail::child_state<T>>();
    child->loop = loop;
    const std::source_location where = detail::task_access::where(t);
    detail::spawned d = detail::drive<T>(state_, child, std::move(t));
    detail::promise_base& p = d.handle.promise();
    p.loop = loop;
    p.token = st.source.token();
    p.where = where;  // debug reports name the child, not the driver
    ++st.pending;
    must_join_ = true;
    detail::loop_access::child_started(*loop);
    detail::loop_access::schedule(*loop, d.handle, &p);
    return join_handle<T>{std::move(child)};
  }

  /// Waits until all children have finished; rethrows the first child
  /// failure, or throws cancelled_error if the awaiting coroutine was
  /// cancelled.  Returns at once when there are no children.
  ///
  ///     co_await group.join();
  [[nodiscard]] detail::join_awaiter join() noexcept { return detail::join_awaiter{*this}; }

  /// Requests cancellation of every child (present and future).
  ///
  ///     group.cancel();
  ///     co_await group.join();  // throws the children's cancelled_error
  void cancel() noexcept { state_->source.request_cancellation(); }

  /// Number of children that have not finished yet.
  ///
  ///     std::printf("%zu children still running\n", group.pending());
  std::size_t pending() const noexcept { return state_->pending; }

  /// The token the children observe.
  ///
  ///     co_await pool.run(work, group.token());
  cancellation_token token() const noexcept { return state_->source.token(); }

 private:
  friend class detail::join_awaiter;
  std::shared_ptr<detail::group_state> state_;
  int uncaught_;
  bool must_join_ = false;
};

inline detail::join_awaiter::join_awaiter(task_group& g) noexcept : group_(&g), state_(g.state_) {}

inline void detail::join_awaiter::await_resume() {
  forward_.reset();
  waiting_ = false;
  group_->must_join_ = false;
  if (state_->first_error) std::rethrow_exception(state_->first_error);
  token_.throw_if_cancellation_requested();
}

/// Runs all `tasks` concurrently and returns their results as a tuple (twin
/// of asyncio.gather).  void results become std::monostate, T& results
/// std::reference_wrapper<T>.  The first failure cancels the others and is
/// rethrown once all have finished.
///
///     auto [a, b] = co_await corort::when_all(fetch(1), fetch(2));
template <class... T>
task<std::tuple<detail::when_all_value_t<T>...>> when_all(task<T>... tasks) {
  task_group group{co_await current_token()};
  std::tuple<join_handle<T>...> handles{group.spawn(std::move(tasks))...};  // left to right
  co_await group.join();
  co_return std::apply(
      [](join_handle<T>&... h) {
        return std::tuple<detail::when_all_value_t<T>...>{[&h]() -> detail::when_all_value_t<T> {
          if constexpr (std::is_void_v<T>) {
            detail::take(h);
            return {};
          } else {
            return detail::take(h);
          }
        }()...};
      },
      handles);
}

/// Runs a vector of tasks concurrently; results keep the input order.
///
///     std::vector<corort::task<int>> jobs;
///     for (int i = 0; i < 10; ++i) jobs.push_back(fetch(i));
///     std::vector<int> values = co_await corort::when_all(std::move(jobs));
template <class T>
task<std::vector<detail::when_all_value_t<T>>> when_all(std::vector<task<T>> tasks) {
  task_group group{co_await current_token()};
  std::vector<join_handle<T>> handles;
  handles.reserve(tasks.size());
  for (task<T>& t : tasks) handles.push_back(group.spawn(std::move(t)));
  co_await group.join();
  std::vector<detail::when_all_value_t<T>> out;
  out.reserve(handles.size());
  for (join_handle<T>& h : handles) {
    if constexpr (std::is_void_v<T>) {
      detail::take(h);
      out.emplace_back();
    } else {
      out.emplace_back(detail::take(h));
    }
  }
  co_return out;
}

}  // namespace corort
