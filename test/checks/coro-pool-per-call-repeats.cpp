// A place in a template is reported once, not once for the template and once
// per instantiation, and the report reads the same whichever instantiation
// comes first.
// RUN: %check_coro %s coro-pool-per-call %t -- -- -isystem %S/Inputs/mock

#include "pools.h"

void run_on(void *);

// The type is a template argument: one report, naming the type that reads
// first (asio::thread_pool), though corort::thread_pool is instantiated first.
template <class Pool> void build() {
  run_on(new Pool(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread pool of type 'asio::thread_pool' is created on every call to 'build'; create it once and reuse it [coro-pool-per-call]
}

// The type is fixed: the template and both instantiations hold it.
template <class T> void fixed() {
  run_on(new asio::thread_pool(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread pool of type 'asio::thread_pool' is created on every call to 'fixed'; create it once and reuse it [coro-pool-per-call]
}

void drive() {
  for (;;) {
    build<corort::thread_pool>();
    build<asio::thread_pool>();
    fixed<int>();
    fixed<long>();
  }
}
