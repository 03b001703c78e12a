// corort/cancellation.hpp - cooperative cancellation (cancellation_source /
// cancellation_token) and the exceptions thrown when it is observed.
//
// Every suspension point of the runtime (sleep_for, task_group::join,
// thread_pool::run, thread_pool::schedule, awaiting a join_handle) checks the
// token of the awaiting coroutine and throws corort::cancelled_error once
// cancellation has been requested.  A coroutine inherits the token of the
// coroutine that awaits it; task_group children get the group's token.
#pragma once

#include <exception>
#include <memory>
#include <stop_token>
#include <utility>

namespace corort {

/// Thrown by a runtime suspension point (sleep_for, join, pool.run, ...) when
/// the awaiting coroutine's cancellation token has been cancelled.
///
///     try {
///       co_await corort::sleep_for(10s);
///     } catch (const corort::cancelled_error&) {
///       cleanup();
///       throw;  // let the cancellation propagate
///     }
class cancelled_error : public std::exception {
 public:
  const char* what() const noexcept override { return "corort: operation cancelled"; }
};

/// Thrown by with_timeout() when the wrapped task did not finish in time
/// (the task itself was cancelled and has finished before this is thrown).
///
///     try {
///       co_await corort::with_timeout(100ms, fetch());
///     } catch (const corort::timeout_error&) { use_cached_value(); }
class timeout_error : public std::exception {
 public:
  const char* what() const noexcept override { return "corort: operation timed out"; }
};

/// Read side of a cancellation_source: cheap to copy, thread-safe to query.
/// A default-constructed token can never be cancelled.
///
///     corort::cancellation_token tok = co_await corort::current_token();
///     co_await pool.run([tok] { while (!tok.cancellation_requested()) step(); });
class cancellation_token {
 public:
  cancellation_token() noexcept = default;

  /// True once the owning source has requested cancellation.
  ///
  ///     if (tok.cancellation_requested()) co_return;
  bool cancellation_requested() const noexcept { return token_.stop_requested(); }

  /// False for tokens that can never be cancelled (e.g. default-constructed).
  ///
  ///     if (!tok.can_be_cancelled()) { /* no need to poll */ }
  bool can_be_cancelled() const noexcept { return token_.stop_possible(); }

  /// Throws cancelled_error if cancellation was requested.  Use it in long
  /// CPU-bound pool work that wants to stop early.
  ///
  ///     for (auto& chunk : chunks) { tok.throw_if_cancellation_requested(); crunch(chunk); }
  void throw_if_cancellation_requested() const {
    if (cancellation_requested()) throw cancelled_error{};
  }

 private:
  friend class cancellation_source;
  template <class F>
  friend class cancellation_callback;
  explicit cancellation_token(std::stop_token t) noexcept : token_(std::move(t)) {}
  std::stop_token token_;
};

/// RAII registration of a callback invoked (once) when `token` is cancelled.
/// The callback runs on the thread that requests cancellation, or right away
/// in the constructor if cancellation was already requested; it must be
/// short and must not throw.  The destructor unregisters it (waiting for a
/// concurrently running invocation to return).
///
///     corort::cancellation_callback cb{tok, [&] { socket.close(); }};
template <class F>
class cancellation_callback {
 public:
  cancellation_callback(const cancellation_token& token, F fn) : cb_(token.token_, std::move(fn)) {}
  cancellation_callback(const cancellation_callback&) = delete;
  cancellation_callback& operator=(const cancellation_callback&) = delete;

 private:
  std::stop_callback<F> cb_;
};

template <class F>
cancellation_callback(const cancellation_token&, F) -> cancellation_callback<F>;

/// Owner side: request_cancellation() cancels every token handed out by
/// token().  A source constructed from a parent token is *linked*: it is
/// cancelled when the parent is.  Thread-safe.
///
///     corort::cancellation_source src;
///     corort::task_group group{src.token()};
///     group.spawn(worker());
///     src.request_cancellation();  // worker sees cancelled_error at its next co_await
class cancellation_source {
 public:
  cancellation_source() = default;

  /// Creates a source that is also cancelled when `parent` is.
  ///
  ///     corort::cancellation_source child{co_await corort::current_token()};
  explicit cancellation_source(const cancellation_token& parent) {
    if (parent.can_be_cancelled())
      link_ = std::make_unique<std::stop_callback<forward>>(parent.token_, forward{source_});
  }

  /// A token observing this source.
  ///
  ///     corort::cancellation_token tok = src.token();
  cancellation_token token() const noexcept { return cancellation_token{source_.get_token()}; }

  /// Requests cancellation; returns false if it had already been requested.
  ///
  ///     src.request_cancellation();
  bool request_cancellation() noexcept { return source_.request_stop(); }

  /// True once cancellation has been requested (directly or via the parent).
  ///
  ///     assert(src.cancellation_requested());
  bool cancellation_requested() const noexcept { return source_.stop_requested(); }

 private:
  struct forward {
    std::stop_source target;
    void operator()() noexcept { target.request_stop(); }
  };
  std::stop_source source_;
  std::unique_ptr<std::stop_callback<forward>> link_;  // destroyed before source_
};

}  // namespace corort
