/* corolint-preinclude.h: force-included (-include) by corolint, corolint-run
 * and corolint-clangd into every translation unit they lint.
 *
 * It makes a C++20 translation unit parse as the project's compiler sees it.
 * asio 1.22 (standalone) and Boost.Asio 1.74, as Debian ships them, turn on
 * their C++20 coroutine support (asio::awaitable, co_spawn, use_awaitable)
 * only for g++, and for clang only with <experimental/coroutine>: under
 * clang every awaitable is an error and nothing could be checked. Newer asio
 * detects clang itself; defining the macros here changes nothing there.
 *
 * Only where the translation unit is C++20, the standard library has
 * <coroutine>, and neither the user's flags nor their code set or disabled
 * the support (-D and -U on the command line come before this file). */
#if defined(__cplusplus) && __cplusplus >= 202002L && defined(__cpp_impl_coroutine)
#if defined(__has_include)
#if __has_include(<coroutine>)
#if !defined(ASIO_HAS_CO_AWAIT) && !defined(ASIO_DISABLE_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#endif
#if !defined(ASIO_HAS_STD_COROUTINE) && !defined(ASIO_DISABLE_STD_COROUTINE)
#define ASIO_HAS_STD_COROUTINE 1
#endif
#if !defined(BOOST_ASIO_HAS_CO_AWAIT) && !defined(BOOST_ASIO_DISABLE_CO_AWAIT)
#define BOOST_ASIO_HAS_CO_AWAIT 1
#endif
#if !defined(BOOST_ASIO_HAS_STD_COROUTINE) && !defined(BOOST_ASIO_DISABLE_STD_COROUTINE)
#define BOOST_ASIO_HAS_STD_COROUTINE 1
#endif
#endif
#endif
#endif
