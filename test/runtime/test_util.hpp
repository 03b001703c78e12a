// Helpers shared by the corort runtime tests.
#pragma once

#include <corort/corort.hpp>

#include <chrono>
#include <stdexcept>

namespace corort_test {

using namespace std::chrono_literals;

// Counts live instances; used to check that results and frames are destroyed.
struct counted {
  static inline int alive = 0;
  static inline int constructed = 0;
  int value;
  explicit counted(int v) : value(v) { ++alive, ++constructed; }
  counted(const counted& o) : value(o.value) { ++alive, ++constructed; }
  counted(counted&& o) noexcept : value(o.value) { ++alive, ++constructed; }
  counted& operator=(const counted&) = default;
  counted& operator=(counted&&) = default;
  ~counted() { --alive; }
  static void reset() { alive = constructed = 0; }
};

// Passed by value to a coroutine, the frame's copy lives exactly as long as
// the frame: `frames` counts live coroutine frames.
struct frame_tracker {
  int* frames;
  explicit frame_tracker(int& n) : frames(&n) { ++*frames; }
  frame_tracker(const frame_tracker& o) : frames(o.frames) { ++*frames; }
  frame_tracker& operator=(const frame_tracker&) = delete;
  ~frame_tracker() { --*frames; }
};

struct test_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Virtual time elapsed on a manual-clock loop.
inline corort::duration elapsed(const corort::event_loop& loop) { return loop.now() - corort::time_point{}; }

}  // namespace corort_test
