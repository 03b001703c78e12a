// Micro-benchmarks: corort vs asio's C++20 coroutines (co_spawn/awaitable).
//   await_task   - create a coroutine and await it (no suspension)
//   spawn_100k   - start 100'000 trivial tasks on one loop and wait for all
//   pool_trip    - run a trivial function on a 1-thread pool and resume on the loop
// Names are BM_<runtime>_<case>; run.sh prints the corort/asio ratios.
#include <corort/corort.hpp>

#include <benchmark/benchmark.h>

#if defined(CORORT_BENCH_ASIO)
#include <asio.hpp>
#endif

namespace {

constexpr int kSpawned = 100'000;

// ---- corort ---------------------------------------------------------------

corort::task<int> corort_value(int i) { co_return i; }

corort::task<> corort_await_loop(benchmark::State* state) {
  int i = 0;
  for (auto _ : *state) benchmark::DoNotOptimize(co_await corort_value(++i));
}

void BM_corort_await_task(benchmark::State& state) { corort::run(corort_await_loop(&state)); }

corort::task<> corort_noop(int* done) {
  ++*done;
  co_return;
}

corort::task<int> corort_spawn_all() {
  int done = 0;
  corort::task_group group;
  for (int i = 0; i < kSpawned; ++i) group.spawn(corort_noop(&done));
  co_await group.join();
  co_return done;
}

void BM_corort_spawn_100k(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(corort::run(corort_spawn_all()));
  state.SetItemsProcessed(state.iterations() * kSpawned);
}

corort::task<> corort_pool_loop(benchmark::State* state, corort::thread_pool* pool) {
  int i = 0;
  for (auto _ : *state) benchmark::DoNotOptimize(co_await pool->run([](int v) { return v + 1; }, ++i));
}

void BM_corort_pool_trip(benchmark::State& state) {
  corort::thread_pool pool{1};
  corort::run(corort_pool_loop(&state, &pool));
}

// ---- asio -----------------------------------------------------------------

#if defined(CORORT_BENCH_ASIO)

asio::awaitable<int> asio_value(int i) { co_return i; }

asio::awaitable<void> asio_await_loop(benchmark::State* state) {
  int i = 0;
  for (auto _ : *state) benchmark::DoNotOptimize(co_await asio_value(++i));
}

void BM_asio_await_task(benchmark::State& state) {
  asio::io_context ctx{1};
  asio::co_spawn(ctx, asio_await_loop(&state), asio::detached);
  ctx.run();
}

asio::awaitable<void> asio_noop(int* done) {
  ++*done;
  co_return;
}

void BM_asio_spawn_100k(benchmark::State& state) {
  for (auto _ : state) {
    asio::io_context ctx{1};
    int done = 0;
    for (int i = 0; i < kSpawned; ++i) asio::co_spawn(ctx, asio_noop(&done), asio::detached);
    ctx.run();
    benchmark::DoNotOptimize(done);
  }
  state.SetItemsProcessed(state.iterations() * kSpawned);
}

asio::awaitable<void> asio_pool_loop(benchmark::State* state, asio::thread_pool* pool) {
  int i = 0;
  for (auto _ : *state) {
    const int v = ++i;
    benchmark::DoNotOptimize(co_await asio::co_spawn(
        *pool, [v]() -> asio::awaitable<int> { co_return v + 1; }, asio::use_awaitable));
  }
}

void BM_asio_pool_trip(benchmark::State& state) {
  asio::io_context ctx{1};
  asio::thread_pool pool{1};
  asio::co_spawn(ctx, asio_pool_loop(&state, &pool), asio::detached);
  ctx.run();
  pool.join();
}

#endif

}  // namespace

BENCHMARK(BM_corort_await_task);
BENCHMARK(BM_corort_spawn_100k)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_corort_pool_trip)->Unit(benchmark::kMicrosecond);
#if defined(CORORT_BENCH_ASIO)
BENCHMARK(BM_asio_await_task);
BENCHMARK(BM_asio_spawn_100k)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_asio_pool_trip)->Unit(benchmark::kMicrosecond);
#endif

BENCHMARK_MAIN();
