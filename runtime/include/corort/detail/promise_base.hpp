// corort/detail/promise_base.hpp - state shared by every corort coroutine
// promise, and a small value-or-exception holder.  Internal header.
#pragma once

#include <corort/cancellation.hpp>

#include <coroutine>
#include <exception>
#include <memory>
#include <source_location>
#include <type_traits>
#include <utility>
#include <variant>

namespace corort {
class event_loop;
}

namespace corort::detail {

// Context every corort coroutine carries.  It is inherited by a child task
// from the coroutine that awaits it, so runtime awaitables can find the loop
// to resume on and the cancellation token to observe.
struct promise_base {
  explicit promise_base(std::source_location where_) noexcept : where(where_) {}

  event_loop* loop = nullptr;                // loop the coroutine resumes on
  cancellation_token token;                  // observed at runtime suspension points
  std::coroutine_handle<> continuation;      // awaiting coroutine, if any
  promise_base* continuation_promise = nullptr;
  std::source_location where;                // names the coroutine in debug reports
};

// The promise_base of `h`, or nullptr when awaited from a foreign coroutine type.
template <class P>
promise_base* base_of(std::coroutine_handle<P> h) noexcept {
  if constexpr (std::is_base_of_v<promise_base, P>)
    return &h.promise();
  else
    return nullptr;
}

// Holds the outcome of an operation: nothing yet, a value, or an exception.
// References are stored as pointers.
template <class T>
class result {
  using stored = std::conditional_t<std::is_reference_v<T>, std::remove_reference_t<T>*, T>;

 public:
  template <class U>
  void set_value(U&& value) {
    if constexpr (std::is_reference_v<T>)
      state_.template emplace<1>(std::addressof(value));
    else
      state_.template emplace<1>(std::forward<U>(value));
  }
  void set_exception(std::exception_ptr e) noexcept { state_.template emplace<2>(std::move(e)); }

  // Moves the value out (or rethrows the stored exception).
  T get() {
    if (state_.index() == 2) std::rethrow_exception(std::get<2>(state_));
    if constexpr (std::is_reference_v<T>)
      return static_cast<T>(*std::get<1>(state_));
    else
      return std::move(std::get<1>(state_));
  }

 private:
  std::variant<std::monostate, stored, std::exception_ptr> state_;
};

template <>
class result<void> {
 public:
  void set_value() noexcept {}
  void set_exception(std::exception_ptr e) noexcept { error_ = std::move(e); }
  void get() {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::exception_ptr error_;
};

}  // namespace corort::detail
