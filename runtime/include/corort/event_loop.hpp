// corort/event_loop.hpp - the single-threaded scheduler (twin of asyncio's
// event loop): a ready queue, timers, a thread-safe post() queue, an optional
// manual clock for deterministic tests, and a debug mode that reports
// coroutine steps that hog the loop.
#pragma once

#include <corort/cancellation.hpp>
#include <corort/detail/promise_base.hpp>

#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace corort {

template <class T>
class [[nodiscard]] task;
class event_loop;

/// The clock used by event loops (the manual clock uses the same types).
///
///     corort::time_point start = corort::now();
using loop_clock = std::chrono::steady_clock;
/// Duration type of corort::loop_clock.
///
///     corort::duration d = std::chrono::milliseconds{5};
using duration = loop_clock::duration;
/// Time point type of corort::loop_clock.
///
///     co_await corort::sleep_until(corort::now() + 1s);
using time_point = loop_clock::time_point;

/// Tag type selecting the manual (virtual) clock; see `manual_clock`.
///
///     corort::event_loop loop{corort::manual_clock};
struct manual_clock_t {
  explicit manual_clock_t() = default;
};

/// Makes an event_loop use a virtual clock that starts at time_point{} and
/// only moves when advance() is called or when the loop is idle (it then
/// jumps straight to the next timer), so timed code runs instantly and
/// deterministically.
///
///     corort::event_loop loop{corort::manual_clock};
///     loop.run(sleeps_for_an_hour());  // returns immediately; loop.now() == 1h
inline constexpr manual_clock_t manual_clock{};

/// What the debug mode reports about a step that ran too long.
///
///     opts.on_slow_step = [](const corort::slow_step_info& s) { log(s.coroutine, s.elapsed); };
struct slow_step_info {
  std::string_view coroutine;  ///< function signature of the resumed coroutine
  std::source_location where;  ///< where that coroutine is defined
  duration elapsed;            ///< how long the step ran without suspending
  duration threshold;          ///< the configured threshold
};

/// Default slow-step reporter: one line on stderr.
///
///     corort::loop_options opts{.debug = true, .on_slow_step = corort::print_slow_step};
inline void print_slow_step(const slow_step_info& info) {
  using std::chrono::duration_cast;
  using ms = std::chrono::duration<double, std::milli>;
  std::fprintf(stderr,
               "corort: step of coroutine '%.*s' (%s:%u) ran %.1f ms without suspending "
               "(threshold %.1f ms); it blocks the event loop - move blocking or CPU-bound "
               "work to corort::to_thread / corort::cpu_pool()\n",
               static_cast<int>(info.coroutine.size()), info.coroutine.data(), info.where.file_name(),
               static_cast<unsigned>(info.where.line()), duration_cast<ms>(info.elapsed).count(),
               duration_cast<ms>(info.threshold).count());
}

/// Event loop configuration.  Debug mode can also be switched on with the
/// environment variable CORORT_DEBUG=1 (twin of PYTHONASYNCIODEBUG).
///
///     corort::event_loop loop{corort::loop_options{.debug = true,
///                                                  .slow_step_threshold = 50ms}};
struct loop_options {
  bool debug = false;  ///< report steps longer than slow_step_threshold
  duration slow_step_threshold = std::chrono::milliseconds{100};
  std::function<void(const slow_step_info&)> on_slow_step = print_slow_step;
};

namespace detail {
struct loop_access;
inline thread_local event_loop* current_loop = nullptr;

// A timer registered with a loop.  fire() is called on the loop thread after
// the node has been unregistered; `cancelled` tells whether it fired because
// of a cancellation request rather than its deadline.
struct timer_node {
  virtual void fire(bool cancelled) = 0;
  std::pair<time_point, std::uint64_t> key{};
  bool armed = false;

 protected:
  ~timer_node() = default;
};
}  // namespace detail

/// Single-threaded scheduler.  Coroutines run one step at a time on the
/// thread that calls run(); other threads hand work back with post().
///
///     corort::event_loop loop;
///     int answer = loop.run(compute());  // like asyncio's loop.run_until_complete
class event_loop {
 public:
  /// Loop on the real (steady) clock.
  ///
  ///     corort::event_loop loop;
  event_loop() : event_loop(loop_options{}) {}

  /// Loop on the real clock with options (e.g. debug mode).
  ///
  ///     corort::event_loop loop{corort::loop_options{.debug = true}};
  explicit event_loop(loop_options options) : options_(std::move(options)) { read_env(); }

  /// Loop on a manual clock; see `manual_clock`.
  ///
  ///     corort::event_loop loop{corort::manual_clock};
  explicit event_loop(manual_clock_t, loop_options options = {}) : manual_(true), options_(std::move(options)) {
    read_env();
  }

  event_loop(const event_loop&) = delete;
  event_loop& operator=(const event_loop&) = delete;

  /// Runs `t` to completion (together with any task_group children still
  /// winding down) and returns its result or rethrows its exception.  Must
  /// not be called while a loop is already running on this thread.  Defined
  /// in task.hpp.
  ///
  ///     int n = loop.run(count_items());
  template <class T>
  T run(task<T> t);

  /// The loop running on the calling thread, or nullptr.
  ///
  ///     corort::event_loop* loop = corort::event_loop::current();
  static event_loop* current() noexcept { return detail::current_loop; }

  /// True when called from inside this loop's run().
  ///
  ///     assert(loop.in_loop_thread());
  bool in_loop_thread() const noexcept { return detail::current_loop == this; }

  /// Current time: steady_clock::now(), or the virtual time of a manual loop.
  ///
  ///     auto t0 = loop.now();
  time_point now() const noexcept {
    return manual_ ? time_point{duration{manual_now_.load(std::memory_order_relaxed)}} : loop_clock::now();
  }

  /// True for loops constructed with `manual_clock`.
  ///
  ///     if (loop.uses_manual_clock()) loop.advance(1s);
  bool uses_manual_clock() const noexcept { return manual_; }

  /// Moves the manual clock forward by `d`; timers that become due run on
  /// the next loop iteration.  Inside a step it also makes that step look
  /// `d` long to the debug mode.  Throws std::logic_error on a real-clock loop.
  ///
  ///     loop.advance(250ms);
  void advance(duration d) {
    if (!manual_) throw std::logic_error("corort::event_loop::advance: the loop does not use the manual clock");
    assert(d >= duration::zero());
    manual_now_.fetch_add(d.count(), std::memory_order_relaxed);
  }

  /// Thread-safe: resume `h` on the loop thread during its next iteration.
  ///
  ///     std::thread([&loop, h] { loop.post(h); }).detach();
  void post(std::coroutine_handle<> h) { enqueue({h, nullptr, {}, false}); }

  /// Thread-safe: call `fn` on the loop thread during its next iteration.
  ///
  ///     loop.post([&] { ++events_seen; });
  void post(std::function<void()> fn) { enqueue({{}, nullptr, std::move(fn), false}); }

  /// Turns debug mode (slow-step reports) on or off.
  ///
  ///     loop.set_debug(true);
  void set_debug(bool on) noexcept { options_.debug = on; }

 private:
  friend struct detail::loop_access;
  using timer_key = std::pair<time_point, std::uint64_t>;
  struct ready_item {
    std::coroutine_handle<> handle;
    detail::promise_base* promise;
  };
  struct posted_item {
    std::coroutine_handle<> handle;
    detail::promise_base* promise;
    std::function<void()> fn;
    bool returning;  // a coroutine coming back from a pool thread
  };

  void read_env() {
    if (const char* v = std::getenv("CORORT_DEBUG"); v != nullptr && *v != '\0' && *v != '0') options_.debug = true;
  }

  void schedule(std::coroutine_handle<> h, detail::promise_base* p) { ready_.push_back({h, p}); }

  void enqueue(posted_item item) {
    // Notify while holding the lock: once the loop can see the item it may
    // finish and destroy itself, so the poster must be done with wakeup_.
    std::lock_guard lock(mutex_);
    posted_.push_back(std::move(item));
    wakeup_.notify_one();
  }

  void arm(detail::timer_node& node, time_point deadline) {
    node.key = {deadline, next_timer_id_++};
    timers_.emplace(node.key, &node);
    node.armed = true;
  }

  void disarm(detail::timer_node& node) noexcept {
    if (!node.armed) return;
    timers_.erase(node.key);
    node.armed = false;
  }

  void cancel_timer(timer_key key) {
    auto it = timers_.find(key);
    if (it == timers_.end()) return;  // already fired or disarmed
    detail::timer_node* node = it->second;
    timers_.erase(it);
    node->armed = false;
    node->fire(true);
  }

  template <class Done>
  void run_until(Done done) {
    while (!done()) {
      drain_posted();
      fire_due_timers();
      if (ready_.empty()) {
        if (done()) return;  // e.g. the root finished on a pool thread
        wait_for_work();
        continue;
      }
      // Run what is ready now; work scheduled by these steps waits for the
      // next iteration, so timers and posted work cannot be starved.
      for (std::size_t n = ready_.size(); n > 0 && !ready_.empty(); --n) {
        ready_item item = ready_.front();
        ready_.pop_front();
        step(item);
      }
    }
  }

  void drain_posted() {
    {
      std::lock_guard lock(mutex_);
      if (posted_.empty()) return;
      draining_.swap(posted_);
    }
    struct clear_on_exit {  // a throwing callback must not leave items to run twice
      std::vector<posted_item>& items;
      ~clear_on_exit() { items.clear(); }
    } guard{draining_};
    for (posted_item& item : draining_) {
      if (item.returning) {
        assert(away_ > 0);
        --away_;
      }
      if (item.fn)
        item.fn();
      else if (item.handle)
        schedule(item.handle, item.promise);
    }
  }

  void fire_due_timers() {
    if (timers_.empty()) return;
    const time_point t = now();
    // Re-read begin() each time: fire() may cancel other timers.
    while (!timers_.empty() && timers_.begin()->first.first <= t) {
      detail::timer_node* node = timers_.begin()->second;
      timers_.erase(timers_.begin());
      node->armed = false;
      node->fire(false);
    }
  }

  // Blocks until posted work arrives or the next timer is due.  A manual
  // loop instead jumps its clock to the next timer - unless a coroutine is
  // away on a pool thread, whose return must be awaited first.
  void wait_for_work() {
    std::unique_lock lock(mutex_);
    auto has_posted = [this] { return !posted_.empty(); };
    if (has_posted()) return;
    if (timers_.empty()) {
      wakeup_.wait(lock, has_posted);
    } else if (!manual_) {
      wakeup_.wait_until(lock, timers_.begin()->first.first, has_posted);
    } else if (away_ == 0) {
      const time_point next = timers_.begin()->first.first;
      if (next > now()) manual_now_.store(next.time_since_epoch().count(), std::memory_order_relaxed);
    } else {
      wakeup_.wait(lock, has_posted);
    }
  }

  void step(const ready_item& item) {
    if (!options_.debug) {
      item.handle.resume();
      return;
    }
    // A step may run through several coroutines (co_await of a task is a
    // direct transfer).  Tasks report each transfer via switch_to(), so the
    // report can name the coroutine that used most of the step.  Locations
    // are copied because frames may be destroyed during the step.
    const time_point start = now();
    profile_ = step_profile{true, item.promise ? item.promise->where : std::source_location{}, start, {}, duration{-1}};
    item.handle.resume();
    switch_to(nullptr);
    profile_.active = false;
    const duration took = now() - start;
    if (took > options_.slow_step_threshold && options_.on_slow_step) {
      std::string_view name = profile_.hog.function_name();
      if (name.empty()) name = "<unknown coroutine>";
      options_.on_slow_step(slow_step_info{name, profile_.hog, took, options_.slow_step_threshold});
    }
  }

  void switch_to(detail::promise_base* next) {
    const time_point t = now();
    if (t - profile_.since > profile_.hog_time) {
      profile_.hog_time = t - profile_.since;
      profile_.hog = profile_.running;
    }
    profile_.running = next != nullptr ? next->where : std::source_location{};
    profile_.since = t;
  }

  struct step_profile {
    bool active = false;
    std::source_location running;  // coroutine executing now
    time_point since{};
    std::source_location hog;  // coroutine that ran longest in this step
    duration hog_time{};
  };

  const bool manual_ = false;
  std::atomic<duration::rep> manual_now_{0};
  loop_options options_;
  std::deque<ready_item> ready_;
  std::map<timer_key, detail::timer_node*> timers_;
  std::uint64_t next_timer_id_ = 0;
  step_profile profile_;      // debug mode only
  std::size_t away_ = 0;      // coroutines currently running on / waiting for pool threads
  std::size_t children_ = 0;  // live task_group children (run() waits for them)
  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::vector<posted_item> posted_;  // guarded by mutex_
  std::vector<posted_item> draining_;
};

namespace detail {

// The runtime's awaitables talk to the loop through this.
struct loop_access {
  static void schedule(event_loop& l, std::coroutine_handle<> h, promise_base* p) { l.schedule(h, p); }

  // Thread-safe: a coroutine (or a callback resuming one) comes back from a
  // pool thread.  Balances a previous leave().
  static void post_return(event_loop& l, std::coroutine_handle<> h, promise_base* p) { l.enqueue({h, p, {}, true}); }
  static void post_return(event_loop& l, std::function<void()> fn) { l.enqueue({{}, nullptr, std::move(fn), true}); }

  // Loop thread: a coroutine is about to wait on / move to a pool thread.
  static void leave(event_loop& l) noexcept { ++l.away_; }
  static void unleave(event_loop& l) noexcept { --l.away_; }

  // Debug mode: control passes directly to coroutine `next` within a step.
  static void switch_to(event_loop* l, promise_base* next) {
    if (l != nullptr && l->profile_.active && l->in_loop_thread()) l->switch_to(next);
  }

  static void child_started(event_loop& l) noexcept { ++l.children_; }
  static void child_finished(event_loop& l) noexcept { --l.children_; }

  static void arm(event_loop& l, timer_node& n, time_point deadline) { l.arm(n, deadline); }
  static void disarm(event_loop& l, timer_node& n) noexcept { l.disarm(n); }

  // Any thread: runs `fn` on the loop thread (inline if already there).
  template <class F>
  static void run_on_loop(event_loop& l, F fn) {
    if (l.in_loop_thread())
      fn();
    else
      l.enqueue({{}, nullptr, std::function<void()>(std::move(fn)), false});
  }

  static void cancel_timer(event_loop& l, std::pair<time_point, std::uint64_t> key) {
    run_on_loop(l, [&l, key] { l.cancel_timer(key); });
  }

  // For await_suspend: runs `arm` (returns "stay suspended?") on the loop
  // thread.  A coroutine awaiting from a pool thread is first handed back to
  // the loop, so the loop's data is only ever touched by its own thread.
  template <class Arm>
  static bool suspend_on(event_loop& l, std::coroutine_handle<> h, promise_base* p, Arm arm) {
    if (l.in_loop_thread()) return arm();
    post_return(l, [&l, h, p, arm]() mutable {
      if (!arm()) l.schedule(h, p);
    });
    return true;
  }

  // Loop of the awaiting coroutine, falling back to the thread's running loop.
  static event_loop* loop_of(promise_base* p) noexcept {
    return p != nullptr && p->loop != nullptr ? p->loop : event_loop::current();
  }
};

class sleep_awaiter final : timer_node {
 public:
  explicit sleep_awaiter(duration d) noexcept : relative_(true), delay_(d) {}
  explicit sleep_awaiter(time_point tp) noexcept : relative_(false), deadline_(tp) {}
  sleep_awaiter(const sleep_awaiter&) = delete;
  sleep_awaiter& operator=(const sleep_awaiter&) = delete;
  ~sleep_awaiter() {
    on_cancel_.reset();
    if (armed) loop_access::disarm(*loop_, *this);  // frame destroyed while sleeping
  }

  bool await_ready() const noexcept { return false; }

  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    promise_ = base_of(h);
    loop_ = loop_access::loop_of(promise_);
    if (promise_ != nullptr) token_ = promise_->token;
    if (loop_ == nullptr) return false;  // await_resume reports the misuse
    if (token_.cancellation_requested()) {
      cancelled_ = true;
      return false;
    }
    handle_ = h;
    return loop_access::suspend_on(*loop_, h, promise_, [this] {
      arm();
      return true;
    });
  }

  void await_resume() {
    on_cancel_.reset();
    if (loop_ == nullptr) throw std::logic_error("corort::sleep_for/sleep_until: no event loop is running");
    if (cancelled_) throw cancelled_error{};
  }

 private:
  struct cancel_fn {
    event_loop* loop;
    std::pair<time_point, std::uint64_t> key;
    void operator()() const { loop_access::cancel_timer(*loop, key); }
  };

  void arm() {
    loop_access::arm(*loop_, *this, relative_ ? loop_->now() + delay_ : deadline_);
    if (token_.can_be_cancelled()) on_cancel_.emplace(token_, cancel_fn{loop_, key});
  }

  void fire(bool cancelled) override {
    cancelled_ = cancelled;
    loop_access::schedule(*loop_, handle_, promise_);
  }

  bool relative_;
  duration delay_{};
  time_point deadline_{};
  bool cancelled_ = false;
  event_loop* loop_ = nullptr;
  promise_base* promise_ = nullptr;
  std::coroutine_handle<> handle_;
  cancellation_token token_;
  std::optional<cancellation_callback<cancel_fn>> on_cancel_;
};

struct current_token_awaiter {
  cancellation_token token;
  bool await_ready() const noexcept { return false; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) noexcept {
    if (promise_base* p = base_of(h)) token = p->token;
    return false;  // never actually suspends
  }
  cancellation_token await_resume() noexcept { return std::move(token); }
};

}  // namespace detail

/// Suspends the calling coroutine for `d` without blocking the loop (twin of
/// asyncio.sleep).  `sleep_for(0ms)` just yields to other ready coroutines.
/// Throws cancelled_error if the coroutine is cancelled before or while
/// sleeping (the sleep is then cut short).
///
///     co_await corort::sleep_for(50ms);
template <class Rep, class Period>
[[nodiscard]] detail::sleep_awaiter sleep_for(std::chrono::duration<Rep, Period> d) noexcept {
  return detail::sleep_awaiter{std::chrono::ceil<duration>(d)};
}

/// Suspends the calling coroutine until the loop's clock reaches `tp`.
///
///     co_await corort::sleep_until(corort::now() + 1s);
[[nodiscard]] inline detail::sleep_awaiter sleep_until(time_point tp) noexcept { return detail::sleep_awaiter{tp}; }

/// The current time of the loop running on this thread (virtual time on a
/// manual loop); steady_clock::now() when no loop runs.
///
///     corort::time_point start = corort::now();
inline time_point now() noexcept {
  event_loop* loop = event_loop::current();
  return loop != nullptr ? loop->now() : loop_clock::now();
}

/// Awaitable giving the calling coroutine's cancellation token (without
/// suspending).  Pass it to pool work or to a task_group to link them.
///
///     corort::cancellation_token tok = co_await corort::current_token();
///     corort::task_group group{tok};
[[nodiscard]] inline detail::current_token_awaiter current_token() noexcept { return {}; }

}  // namespace corort
