// corort/corort.hpp - umbrella header for the corort C++20 coroutine runtime.
//
//     #include <corort/corort.hpp>
//     using namespace std::chrono_literals;
//
//     corort::task<> sleeper(int i) { co_await corort::sleep_for(50ms); }
//
//     corort::task<> amain() {
//       corort::task_group group;
//       for (int i = 0; i < 5; ++i) group.spawn(sleeper(i));
//       co_await group.join();  // ≈ 50 ms in total
//     }
//
//     int main() { corort::run(amain()); }
#pragma once

#include <corort/cancellation.hpp>
#include <corort/event_loop.hpp>
#include <corort/task.hpp>
#include <corort/task_group.hpp>
#include <corort/thread_pool.hpp>
#include <corort/timeout.hpp>
