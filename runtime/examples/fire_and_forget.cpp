// Pitfall: fire-and-forget.
//
// Because corort::task is lazy, "forgetting" a task is worse than in
// asyncio: the work never happens at all, and any error is lost.  A task
// must be awaited (co_await) or handed to a task_group (spawn) that awaits
// it for you.  task is [[nodiscard]], so the compiler also warns about the
// discarded call (silenced below so the demo builds cleanly); corolint
// reports both mistakes (coro-discarded-task, coro-unawaited-task).
#include <corort/corort.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string_view>

using namespace std::chrono_literals;

namespace {

int events_logged = 0;

corort::task<> log_event(std::string_view what) {
  co_await corort::sleep_for(1ms);  // e.g. a write to a log service
  ++events_logged;
  std::printf("  logged: %.*s\n", static_cast<int>(what.size()), what.data());
}

corort::task<int> fetch() {
  co_await corort::sleep_for(5ms);
  co_return 42;
}

corort::task<> forgetful() {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-result"  // [[nodiscard]] already flags the next line
  // WRONG: the returned task is destroyed at the end of the statement; log_event never runs.
  log_event("dropped");
#pragma GCC diagnostic pop
  // WRONG: the task is kept in a variable but never awaited; fetch never runs and its result is lost.
  auto t = fetch();
  co_return;
}

corort::task<> supervised() {
  // RIGHT: await it...
  co_await log_event("awaited");
  // RIGHT: ...or let a task_group run it concurrently and await it in join().
  corort::task_group group;
  group.spawn(log_event("spawned"));
  const int value = co_await fetch();
  co_await group.join();
  std::printf("  fetched %d\n", value);
}

// The other half of the pitfall: a task that was started but whose error
// nobody receives.  Elsewhere that is asio's co_spawn(ex, t, detached) or an
// async_simple start() callback that ignores its Try (coro-detached-task);
// corort has no detached spawn on purpose.  A task_group is the supervised
// form: join() rethrows the first child's exception.
corort::task<> flaky_upload() {
  co_await corort::sleep_for(1ms);
  throw std::runtime_error("upload failed");
}

corort::task<> errors_surface() {
  corort::task_group group;
  group.spawn(log_event("before upload"));
  group.spawn(flaky_upload());
  try {
    co_await group.join();
  } catch (const std::exception& e) {
    std::printf("  join() rethrew: %s\n", e.what());
  }
}

corort::task<> amain() {
  std::printf("fire-and-forget:\n");
  co_await forgetful();
  std::printf("  -> %d events logged\n", events_logged);
  events_logged = 0;
  std::printf("awaited / supervised:\n");
  co_await supervised();
  std::printf("  -> %d events logged\n", events_logged);
  std::printf("errors of spawned tasks:\n");
  co_await errors_surface();
}

}  // namespace

int main() { corort::run(amain()); }
