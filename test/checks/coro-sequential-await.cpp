// coro-sequential-await against the bundled runtime: independent tasks
// awaited one by one in a `for` loop, and the loops whose iterations are not
// independent (or not worth it), which are left alone.
// RUN: %check_coro %s coro-sequential-await %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

corort::task<std::string> fetch(std::string url);
corort::task<> ping(int id);
corort::task<std::string> fetch_with(const std::string &base, int page);
corort::task<int> next_page(int cursor);
corort::task<bool> try_connect(int attempt);
corort::task<> write(std::string &out, const std::string &chunk);
corort::task<> send(std::shared_ptr<std::string> conn, int id);
corort::task<> pause(int ms);
corort::task<> advance(int &counter);
struct client {
  corort::task<std::string> get(int id);
  static corort::task<std::string> make(int id);
  corort::task<> run(const std::vector<int> &ids);
};
struct stream {
  corort::task<> write(std::string chunk);
};

// ---- Reported.
corort::task<> urls_in_order(const std::vector<std::string> &urls) {
  std::vector<std::string> pages;
  for (const std::string &url : urls)
    pages.push_back(co_await fetch(url));
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: each iteration awaits 'fetch' before the next one starts, though the iterations do not depend on each other; spawn each into a corort::task_group and co_await group.join() [coro-sequential-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
}

corort::task<> dropped(int n) {
  for (int i = 0; i < n; ++i) {
    co_await ping(i);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: each iteration awaits 'ping' before the next one starts, though the iterations do not depend on each other; spawn each into a corort::task_group and co_await group.join() [coro-sequential-await]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
  }
}

corort::task<> indexed(const std::string &base) {
  std::string pages[10];
  for (int i = 0; i < 10; ++i) {
    // A local made from the loop variable, a shared read-only argument.
    const int page = i + 1;
    pages[i] = co_await fetch_with(base, page);
    // CHECK-NOTES: :[[@LINE-1]]:16: warning: each iteration awaits 'fetch_with' before the next one starts, though the iterations do not depend on each other; spawn each into a corort::task_group and co_await group.join() [coro-sequential-await]
    // CHECK-NOTES: :[[@LINE-5]]:3: note: the iterations of this loop run one after another
  }
}

corort::task<> filtered_into_map(const std::vector<int> &ids) {
  std::map<int, std::string> by_id;
  for (int id : ids) {
    if (id < 0)
      continue;
    by_id[id] = co_await client::make(id);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: each iteration awaits 'make' before the next one starts, though the iterations do not depend on each other; spawn each into a corort::task_group and co_await group.join() [coro-sequential-await]
    // CHECK-NOTES: :[[@LINE-5]]:3: note: the iterations of this loop run one after another
  }
}

corort::task<> client::run(const std::vector<int> &ids) {
  std::vector<std::string> out;
  for (int id : ids)
    (void)co_await make(id);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: each iteration awaits 'make' before the next one starts, though the iterations do not depend on each other; spawn each into a corort::task_group and co_await group.join() [coro-sequential-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
  // Not reported: a member call on this object.
  for (int id : ids)
    out.push_back(co_await get(id));
}

// ---- Not reported.
corort::task<> not_reported(const std::vector<std::string> &urls,
                            std::shared_ptr<std::string> conn, stream &s,
                            client &c) {
  std::vector<std::string> pages;
  // Too few iterations to be worth it (MinIterations).
  for (int i = 0; i < 2; ++i)
    co_await ping(i);
  // A result that feeds the next iteration.
  int cursor = 0;
  for (int i = 0; i < 10; ++i)
    cursor = co_await next_page(cursor);
  // A reduction into one variable.
  std::string all;
  for (const std::string &url : urls)
    all += co_await fetch(url);
  // A retry loop that stops on success.
  for (int attempt = 0; attempt < 5; ++attempt)
    if (co_await try_connect(attempt))
      break;
  // A result branched on or logged.
  for (const std::string &url : urls) {
    std::string page = co_await fetch(url);
    pages.push_back(page);
  }
  // Two suspension points: pacing.
  for (int i = 0; i < 10; ++i) {
    co_await ping(i);
    co_await corort::sleep_for(10ms);
  }
  // A sleep awaitable, not a task; a pause that does not depend on the loop.
  for (int i = 0; i < 10; ++i)
    co_await corort::sleep_for(std::chrono::milliseconds(i));
  for (int i = 0; i < 10; ++i)
    co_await pause(100);
  // I/O on one shared object: a non-const reference, a shared pointer, a
  // member call.
  std::string file;
  for (const std::string &url : urls)
    co_await write(file, url);
  for (int i = 0; i < 10; ++i)
    co_await send(conn, i);
  // The counter itself by non-const reference: the call may step it.
  for (int i = 0; i < 10; ++i)
    co_await advance(i);
  for (const std::string &url : urls)
    co_await s.write(url);
  for (int i = 0; i < 10; ++i)
    pages.push_back(co_await c.get(i));
  // The result feeds the next call through the container.
  for (int i = 0; i < 10; ++i)
    pages.push_back(co_await fetch(pages.empty() ? std::string() : pages.back()));
  // State the body changes and hands to the call.
  std::string url;
  for (int i = 0; i < 10; ++i) {
    url += "/";
    co_await fetch(url);
  }
  // Inside a try: an error ends the loop on purpose.
  for (const std::string &u : urls) {
    try {
      co_await fetch(u);
    } catch (...) {
    }
  }
  // while and do loops, tasks built before the loop, a group.
  int n = 0;
  while (n < 10)
    co_await ping(n++);
  std::vector<corort::task<std::string>> tasks;
  for (const std::string &u : urls)
    tasks.push_back(fetch(u));
  for (auto &t : tasks)
    pages.push_back(co_await std::move(t));
  corort::task_group group;
  for (int i = 0; i < 10; ++i)
    group.spawn(ping(i));
  co_await group.join();
  // A lambda coroutine called in the loop: not a named function.
  for (int i = 0; i < 10; ++i)
    co_await [i]() -> corort::task<> { co_await ping(i); }();
}
