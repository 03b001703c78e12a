// FALSE class "fatal-path-only" (coro-blocking-call): a logger whose write()
// reaches a blocking call (popen of addr2line for a stack dump) only on the
// branch that then ends the process. Every log line in a coroutine is
// reported as "makes a blocking call to 'popen'".
#include <coroutine>
#include <cstdio>
#include <cstdlib>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

struct logger {
  bool critical = false;
  void operator+=(const char *msg) {
    std::fputs(msg, stderr);
    if (critical) {                       // stack dump, then the process ends
      FILE *p = popen("addr2line -e prog 0x1", "r");
      pclose(p);
      std::exit(EXIT_FAILURE);
    }
  }
};

task handle(logger &log) {
  log += "request received\n"; // reported: call to 'operator+=' ... blocking call to 'popen'
  co_return;
}
