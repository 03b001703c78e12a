// A coroutine defined in another file, known here by its declaration (a lazy
// task type and a reference parameter): its calls are checked as well, though
// no coroutine of this file could dangle.
// RUN: %check_coro %s coro-dangling-reference %t -- -- -isystem %S/Inputs/mock

#include "cppcoro.h"
#include <string>
#include <vector>

cppcoro::task<int> parse(const std::string &text); // defined elsewhere

std::vector<cppcoro::task<int>> pending;

void queue_parse() {
  pending.push_back(parse(std::string("x")));
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: temporary bound to reference parameter 'text' of coroutine 'parse' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :10:45: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is stored here
}
