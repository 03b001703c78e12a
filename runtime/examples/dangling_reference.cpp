// Pitfall: a coroutine frame that outlives what it refers to.
//
// asyncio has no twin of this one: a Python coroutine keeps its arguments
// alive.  A C++ coroutine keeps a reference parameter as a reference and a
// lambda coroutine keeps a pointer to its lambda; when the task runs after
// the full-expression that made it, the temporary it refers to is gone.
// corolint reports both forms (coro-dangling-reference).
//
// Run with --wrong to run the wrong forms: undefined behaviour, which
// AddressSanitizer reports (a read of freed or reused heap memory).
// Without it, only the right forms run, clean under AddressSanitizer.
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace std::chrono_literals;

namespace {

std::size_t total = 0;

// Reads every character, as sending would.
std::size_t count_sent(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c != '\0';
  return n;
}

corort::task<> send(const std::string& text) {  // a reference: the frame keeps the reference
  co_await corort::sleep_for(1ms);
  total += count_sent(text);
}

corort::task<> send_copy(std::string text) {  // by value: the frame owns its copy
  co_await corort::sleep_for(1ms);
  total += count_sent(text);
}

std::string make_line(int n) { return "line " + std::to_string(n) + " of a message longer than SSO"; }

corort::task<> wrong() {
  corort::task_group group;
  // WRONG: the std::string made for the reference parameter dies at the ';',
  // the task reads it 1 ms later.
  group.spawn(send(make_line(1)));
  // WRONG: the lambda (and its capture) is a temporary that dies at the ';'.
  std::string line = make_line(2);
  group.spawn([line]() -> corort::task<> {
    co_await corort::sleep_for(1ms);
    total += count_sent(line);
  }());
  co_await group.join();
}

corort::task<> right() {
  corort::task_group group;
  // RIGHT: awaited in the same full-expression, the temporary outlives the task.
  co_await send(make_line(1));
  // RIGHT: passed by value, the frame owns the string.
  group.spawn(send_copy(make_line(2)));
  // RIGHT: the lambda's state as a parameter, copied into the frame.
  group.spawn([](std::string text) -> corort::task<> {
    co_await corort::sleep_for(1ms);
    total += count_sent(text);
  }(make_line(3)));
  co_await group.join();
}

}  // namespace

int main(int argc, char** argv) {
  const bool run_wrong = argc > 1 && std::strcmp(argv[1], "--wrong") == 0;
  corort::run(run_wrong ? wrong() : right());
  std::printf("%s forms: %zu characters sent\n", run_wrong ? "wrong" : "right", total);
}
