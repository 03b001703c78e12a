// Stand-in for the vendored async_simple 1.1 coroutine header (sweep only).
// With clang on libstdc++ that version declares its own std::coroutine_handle
// (a workaround for old clang releases), which clashes with <coroutine> as soon
// as another header includes it; later async_simple releases check the clang
// version. Clang 19 is fine with libstdc++'s <coroutine>.
#ifndef ASYNC_SIMPLE_EXPERIMENTAL_COROUTINE
#define ASYNC_SIMPLE_EXPERIMENTAL_COROUTINE
#include <coroutine>
#define HAS_NON_EXPERIMENTAL_COROUTINE
namespace async_simple::coro {
template <typename T = void>
using CoroHandle = std::coroutine_handle<T>;
}
#endif
