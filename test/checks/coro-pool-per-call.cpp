// RUN: %check_coro -check-suffixes=,DEFAULT %s coro-pool-per-call %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro %s coro-pool-per-call %t -- \
// RUN:   -config="{CheckOptions: {coro-pool-per-call.AllowedFunctions: 'app::start_workers;::app::service::start'}}" -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=CUSTOM %s coro-pool-per-call %t -- \
// RUN:   -config="{CheckOptions: {coro-pool-per-call.PoolTypes: 'app::worker_group'}}" -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=CUSTOM %s coro-pool-per-call %t -- \
// RUN:   -config="{CheckOptions: {PoolTypes: 'app::worker_group'}}" -- -isystem %S/Inputs/mock

#include "asio.h"
#include "pools.h"
#include "user_task.h"
#include <memory>
#include <vector>

// Each function below runs repeatedly: `drive` (at the end) calls it in a
// loop, or it is a coroutine, or a callback.
template <class F> void run_later(F) {}

// ---- Each library's shape, as a local variable.
void asio_pool() {
  asio::thread_pool pool{4};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'asio_pool'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'asio_pool' declared here
}

void boost_asio_pool() {
  boost::asio::thread_pool pool(2);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: thread pool 'pool' is created on every call to 'boost_asio_pool'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'boost_asio_pool' declared here
  asio::static_thread_pool alias_pool{2};
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: thread pool 'alias_pool' is created on every call to 'boost_asio_pool'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'boost_asio_pool' declared here
}

void cppcoro_pool() {
  cppcoro::static_thread_pool pool;
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: thread pool 'pool' is created on every call to 'cppcoro_pool'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'cppcoro_pool' declared here
}

void folly_pools() {
  folly::CPUThreadPoolExecutor cpu(4);
  // CHECK-NOTES: :[[@LINE-1]]:32: warning: thread pool 'cpu' is created on every call to 'folly_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'folly_pools' declared here
  folly::IOThreadPoolExecutor io(4);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: thread pool 'io' is created on every call to 'folly_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'folly_pools' declared here
}

void libcoro_pools() {
  coro::thread_pool pool{coro::thread_pool::options{.thread_count = 2}};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'libcoro_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'libcoro_pools' declared here
  auto made = coro::thread_pool::make_unique();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'made' is created on every call to 'libcoro_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'libcoro_pools' declared here
}

void bs_pools() {
  BS::thread_pool<> pool(4);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'bs_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'bs_pools' declared here
  BS::thread_pool deduced;
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: thread pool 'deduced' is created on every call to 'bs_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'bs_pools' declared here
  BS::light_thread_pool light;
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: thread pool 'light' is created on every call to 'bs_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-9]]:6: note: 'bs_pools' declared here
  BS::priority_thread_pool prioritised(2);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: thread pool 'prioritised' is created on every call to 'bs_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-12]]:6: note: 'bs_pools' declared here
}

void concurrencpp_runtime() {
  concurrencpp::runtime runtime;
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: executor 'runtime' is created on every call to 'concurrencpp_runtime'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'concurrencpp_runtime' declared here
}

// In a coroutine, where it usually arrives through a helper.
user::task<int> serve() {
  corort::thread_pool pool{2};
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread pool 'pool' is created on every call to 'serve'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'serve' declared here
  co_return 0;
}

// ---- Storage: arrays, temporaries, new, smart pointers.
void consume_pool(std::shared_ptr<corort::thread_pool>);
void run_on(corort::thread_pool *);

void storage_kinds() {
  asio::thread_pool pools[2];
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pools' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'storage_kinds' declared here
  const asio::thread_pool &bound = asio::thread_pool(2);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: thread pool 'bound' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'storage_kinds' declared here
  asio::thread_pool(2).join();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread pool of type 'asio::thread_pool' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-9]]:6: note: 'storage_kinds' declared here
  auto *raw = new asio::thread_pool(2);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: thread pool 'raw' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-12]]:6: note: 'storage_kinds' declared here
  delete raw;
  run_on(new corort::thread_pool(2));
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: thread pool of type 'corort::thread_pool' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-16]]:6: note: 'storage_kinds' declared here
  std::unique_ptr<asio::thread_pool> owned(new asio::thread_pool(2));
  // CHECK-NOTES: :[[@LINE-1]]:38: warning: thread pool 'owned' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-19]]:6: note: 'storage_kinds' declared here
  auto unique = std::make_unique<asio::thread_pool>(4);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'unique' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-22]]:6: note: 'storage_kinds' declared here
  std::shared_ptr<folly::Executor> executor =
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: thread pool 'executor' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-25]]:6: note: 'storage_kinds' declared here
      std::make_shared<folly::IOThreadPoolExecutor>(4);
  auto allocated = std::allocate_shared<cppcoro::static_thread_pool>(
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'allocated' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-29]]:6: note: 'storage_kinds' declared here
      std::allocator<cppcoro::static_thread_pool>{}, 2u);
  auto several = std::make_unique<asio::thread_pool[]>(2);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'several' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-33]]:6: note: 'storage_kinds' declared here
  consume_pool(std::make_shared<corort::thread_pool>(2));
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: thread pool of type 'corort::thread_pool' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-36]]:6: note: 'storage_kinds' declared here
  std::unique_ptr<asio::thread_pool> later;
  later = std::make_unique<asio::thread_pool>(2);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: thread pool of type 'asio::thread_pool' is created on every call to 'storage_kinds'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-40]]:6: note: 'storage_kinds' declared here
}

// Moved to another local only: it still dies with the call.
void moved_locally() {
  auto made = std::make_unique<asio::thread_pool>(4);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'made' is created on every call to 'moved_locally'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'moved_locally' declared here
  auto other = std::move(made);
}

// ---- Derived pools: publicly or not, at any depth, templates too.
struct my_pool : asio::thread_pool {};
class private_pool : private folly::CPUThreadPoolExecutor {
public:
  private_pool() : CPUThreadPoolExecutor(2) {}
};
template <class T> struct tagged_pool : my_pool {};
struct deep_pool : tagged_pool<char> {};
struct bs_derived : BS::thread_pool<BS::tp::priority> {};
template <class Base> struct wrapper : Base {};

void derived_pools() {
  my_pool a;
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: thread pool 'a' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'derived_pools' declared here
  private_pool b;
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: thread pool 'b' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'derived_pools' declared here
  tagged_pool<int> c;
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: thread pool 'c' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-9]]:6: note: 'derived_pools' declared here
  deep_pool d;
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: thread pool 'd' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-12]]:6: note: 'derived_pools' declared here
  bs_derived e;
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: thread pool 'e' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-15]]:6: note: 'derived_pools' declared here
  wrapper<boost::asio::thread_pool> f;
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: thread pool 'f' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-18]]:6: note: 'derived_pools' declared here
  auto g = std::make_shared<deep_pool>();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'g' is created on every call to 'derived_pools'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-21]]:6: note: 'derived_pools' declared here
}

// ---- Where the function is: methods, constructors, lambdas, templates.
struct session {
  session();
  void handle();
};

session::session() {
  cppcoro::static_thread_pool pool;
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: thread pool 'pool' is created on every call to 'session'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: 'session' declared here
}

void session::handle() {
  corort::thread_pool pool{2};
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread pool 'pool' is created on every call to 'handle'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'handle' declared here
}

void lambdas() {
  auto job = [] { asio::thread_pool pool{2}; };
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: thread pool 'pool' is created on every call to the lambda; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: the lambda declared here
  auto captured = [pool = std::make_shared<asio::thread_pool>(2)] {};
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: thread pool of type 'asio::thread_pool' is created on every call to 'lambdas'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-6]]:6: note: 'lambdas' declared here
  run_later(job);
  (void)captured;
}

template <class Pool> void generic() { Pool pool{2}; }
// CHECK-NOTES: :[[@LINE-1]]:45: warning: thread pool 'pool' is created on every call to 'generic'; create it once and reuse it [coro-pool-per-call]
// CHECK-NOTES: :[[@LINE-2]]:28: note: 'generic' declared here
template void generic<asio::thread_pool>();
template void generic<corort::thread_pool>();
// Never instantiated nor called here, but visible to other files: its
// callers are elsewhere, and it runs as often as they call it (issue 26).
template <class T> void never_instantiated() { asio::thread_pool pool{2}; }
// CHECK-NOTES: :[[@LINE-1]]:66: warning: thread pool 'pool' is created on every call to 'never_instantiated'; create it once and reuse it [coro-pool-per-call]
// CHECK-NOTES: :[[@LINE-2]]:25: note: 'never_instantiated' declared here
// Internal to this file and never called: it never runs.
template <class T> static void never_called() { asio::thread_pool pool{2}; }

#define MAKE_POOL(name) asio::thread_pool name { 2 }
void from_macro() {
  MAKE_POOL(pool);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread pool 'pool' is created on every call to 'from_macro'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'from_macro' declared here
}

// ---- Loops: a note at the loop that creates it on every iteration.
void loops(std::vector<int> &jobs, bool more) {
  for (int i = 0; i < 3; ++i) {
    asio::thread_pool pool{2};
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread pool 'pool' is created on every call to 'loops'; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-4]]:6: note: 'loops' declared here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: created on every iteration of this loop
  }
  for (int job : jobs)
    auto pool = std::make_unique<corort::thread_pool>(job);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: thread pool 'pool' is created on every call to 'loops'; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-10]]:6: note: 'loops' declared here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: created on every iteration of this loop
  while (more) {
    if (jobs.empty()) {
      BS::thread_pool<> pool;
      // CHECK-NOTES: :[[@LINE-1]]:25: warning: thread pool 'pool' is created on every call to 'loops'; create it once and reuse it [coro-pool-per-call]
      // CHECK-NOTES: :[[@LINE-16]]:6: note: 'loops' declared here
      // CHECK-NOTES: :[[@LINE-5]]:3: note: created on every iteration of this loop
    }
  }
  do {
    run_on(new corort::thread_pool(1));
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: thread pool of type 'corort::thread_pool' is created on every call to 'loops'; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-23]]:6: note: 'loops' declared here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: created on every iteration of this loop
  } while (more);
  for (asio::thread_pool once{2}; more;) {
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: thread pool 'once' is created on every call to 'loops'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-28]]:6: note: 'loops' declared here
  }
  for (int i = 0; i < 2; ++i) {
    auto job = [] {
      for (int j = 0; j < 2; ++j) {
        corort::thread_pool inner{1};
        // CHECK-NOTES: :[[@LINE-1]]:29: warning: thread pool 'inner' is created on every call to the lambda; create it once and reuse it [coro-pool-per-call]
        // CHECK-NOTES: :[[@LINE-4]]:16: note: the lambda declared here
        // CHECK-NOTES: :[[@LINE-4]]:7: note: created on every iteration of this loop
      }
    };
    auto other = [] { corort::thread_pool per_call{1}; };
    // CHECK-NOTES: :[[@LINE-1]]:43: warning: thread pool 'per_call' is created on every call to the lambda; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-2]]:18: note: the lambda declared here
    job();
    run_later(other);
  }
}

// ---- AllowedFunctions: factories that build the long-lived pool in place.
namespace app {
void start_workers() {
  asio::thread_pool pool{4};
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'start_workers'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:6: note: 'start_workers' declared here
  auto job = [] { corort::thread_pool in_lambda{1}; };
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: thread pool 'in_lambda' is created on every call to the lambda; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: the lambda declared here
  run_later(job);
}
struct service {
  void start();
  std::unique_ptr<corort::thread_pool> pool;
};
void service::start() {
  corort::thread_pool warm_up{1};
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:23: warning: thread pool 'warm_up' is created on every call to 'start'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:15: note: 'start' declared here
}
} // namespace app

// ---- PoolTypes: the user's own pool (it replaces the defaults).
namespace app {
struct worker_group {
  explicit worker_group(int) {}
};
struct gpu_group : worker_group {
  gpu_group() : worker_group(1) {}
};
void run_groups() {
  worker_group group{4};
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:16: warning: executor 'group' is created on every call to 'run_groups'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES-CUSTOM: :[[@LINE-3]]:6: note: 'run_groups' declared here
  auto gpu = std::make_unique<gpu_group>();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:8: warning: executor 'gpu' is created on every call to 'run_groups'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES-CUSTOM: :[[@LINE-6]]:6: note: 'run_groups' declared here
}
} // namespace app

// ---- The evidence that the functions above run repeatedly.
void take_handler(void (*)());
void drive(int n) {
  take_handler(&asio_pool);   // a callback
  take_handler(cppcoro_pool); // a callback, without &
  for (int i = 0; i < n; ++i) {
    boost_asio_pool();
    folly_pools();
    libcoro_pools();
    bs_pools();
    concurrencpp_runtime();
    storage_kinds();
    moved_locally();
    derived_pools();
    session s;
    s.handle();
    lambdas();
    generic<asio::thread_pool>();
    from_macro();
    app::start_workers();
    app::service().start();
    app::run_groups();
  }
  std::vector<int> jobs;
  while (n--)
    loops(jobs, false);
}

// A coroutine template: repeated by being a coroutine, even uninstantiated.
template <class T> user::task<> never_instantiated_coroutine() {
  asio::thread_pool pool{2};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'never_instantiated_coroutine'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:33: note: 'never_instantiated_coroutine' declared here
  co_return;
}

// ---- Negatives: what lives longer than a call, and what is not a pool.
asio::thread_pool global_pool{4};
static corort::thread_pool file_pool{2};
inline BS::thread_pool<> inline_pool;
namespace app { folly::CPUThreadPoolExecutor namespace_pool{4}; }

void long_lived() {
  static asio::thread_pool static_pool{4};
  thread_local corort::thread_pool per_thread{1};
  static auto *leaky = new asio::thread_pool(2);
  static auto shared = std::make_shared<folly::CPUThreadPoolExecutor>(4);
  static auto made = [] { return std::make_unique<corort::thread_pool>(2); }();
  auto &cpu = corort::cpu_pool();
  (void)cpu;
}

struct server {
  asio::thread_pool pool{4};
  std::unique_ptr<corort::thread_pool> cpu = std::make_unique<corort::thread_pool>(2);
  std::shared_ptr<folly::Executor> io;
  std::vector<std::unique_ptr<corort::thread_pool>> spares;
  corort::thread_pool *raw = nullptr;
  server() : io(std::make_shared<folly::IOThreadPoolExecutor>(2)) {}
  void restart() {
    cpu = std::make_unique<corort::thread_pool>(2);
    cpu.reset(new corort::thread_pool(2));
    raw = new corort::thread_pool(1);
    spares.push_back(std::make_unique<corort::thread_pool>(1));
    spares.emplace_back(new corort::thread_pool(1));
  }
};

struct initialiser {
  std::unique_ptr<asio::thread_pool> pool;
  corort::thread_pool *raw = nullptr;
  void start() {
    auto made = std::make_unique<asio::thread_pool>(4);
    pool = std::move(made);
    auto *fresh = new corort::thread_pool(2);
    raw = fresh;
  }
  void start_released() {
    auto made = std::make_unique<asio::thread_pool>(4);
    pool.reset(made.release());
  }
};

void into(std::unique_ptr<asio::thread_pool> &out, corort::thread_pool **raw) {
  out = std::make_unique<asio::thread_pool>(2);
  *raw = new corort::thread_pool(2);
}

void parameters(asio::thread_pool &pool, corort::thread_pool *cpu,
                std::shared_ptr<folly::Executor> executor) {
  asio::thread_pool &alias = pool;
  corort::thread_pool *pointer = cpu;
  (void)alias;
  (void)pointer;
}

struct movable_pool : asio::thread_pool {
  movable_pool() {}
  movable_pool(movable_pool &&) {}
};
void by_value(movable_pool pool) {}
user::task<> coroutine_by_value(movable_pool pool) { co_return; }

// Factories: the function returns the pool it builds.
std::unique_ptr<asio::thread_pool> make_unique_pool() {
  auto pool = std::make_unique<asio::thread_pool>(4);
  return pool;
}
std::shared_ptr<folly::Executor> make_executor() {
  return std::make_shared<folly::CPUThreadPoolExecutor>(4);
}
corort::thread_pool *make_raw() { return new corort::thread_pool(2); }
asio::thread_pool make_by_value() { return asio::thread_pool(2); }
movable_pool make_movable() {
  movable_pool pool;
  return pool;
}
std::unique_ptr<asio::thread_pool> make_either(bool big) {
  std::unique_ptr<asio::thread_pool> pool;
  if (big)
    pool = std::make_unique<asio::thread_pool>(8);
  else
    pool.reset(new asio::thread_pool(2));
  return std::move(pool);
}
std::shared_ptr<corort::thread_pool> make_shared_from_unique() {
  auto pool = std::make_unique<corort::thread_pool>(2);
  return std::shared_ptr<corort::thread_pool>(std::move(pool));
}

void not_constructed() {
  static_assert(sizeof(asio::thread_pool) > 0);
  using made = decltype(std::make_unique<asio::thread_pool>(2));
  (void)sizeof(std::make_unique<corort::thread_pool>(1));
  (void)noexcept(asio::thread_pool(2));
}

namespace other { struct thread_pool { explicit thread_pool(int) {} }; }
void not_pools() {
  asio::io_context io;
  other::thread_pool lookalike{2};
  concurrencpp::thread_pool_executor executor;
  auto number = std::make_unique<int>(4);
  auto context = std::make_shared<asio::io_context>();
  alignas(corort::thread_pool) unsigned char storage[sizeof(corort::thread_pool)];
  auto *placed = new (storage) corort::thread_pool(1);
  placed->~thread_pool();
}

int main() {
  asio::thread_pool pool{4};
  auto cpu = std::make_unique<corort::thread_pool>(2);
  for (int i = 0; i < 2; ++i) {
    asio::thread_pool per_iteration{1};
  }
}
