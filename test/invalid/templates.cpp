// Dependent and uninstantiated templates compile; the checks look at what
// is instantiated and stay quiet on dependent code.
// RUN: timeout 300 %corolint --checks=-*,coro-* %s -- -std=c++20 -isystem %S/../checks/Inputs/mock 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=error:
// RUN: timeout 300 %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 -isystem %S/../checks/Inputs/mock 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=error:

#include "user_task.h"
#include <unistd.h>

template <class T> struct traits { static constexpr long N = 1'000'000; };
template <class T> user::task<T> make() { co_return T{}; }

// Never instantiated: nothing here is known to be a task, a loop or a call.
template <class T> user::task<> pattern(T value) {
  make<T>();
  auto t = make<T>();
  value.run();
  for (long i = 0; i < traits<T>::N; ++i) {}
  co_return;
}

template <class T> struct holder {
  user::task<> run() {
    typename T::type x{};
    (void)x;
    co_return;
  }
};

// A class template used only by name.
holder<int> *nobody;

template <class T> user::task<T> used() { co_return co_await make<T>(); }
user::task<> entry() { co_await used<int>(); }
// CHECK-NOT: {{.}}
