// What the force-included corolint-preinclude.h leaves defined.
#if defined(EXPECT_NONE)
#if defined(ASIO_HAS_CO_AWAIT) || defined(BOOST_ASIO_HAS_CO_AWAIT)
#error "asio's coroutine support turned on where it must not be"
#endif
#else
static_assert(ASIO_HAS_CO_AWAIT == EXPECT_ASIO);
static_assert(BOOST_ASIO_HAS_CO_AWAIT == 1);
static_assert(ASIO_HAS_STD_COROUTINE == 1);
static_assert(BOOST_ASIO_HAS_STD_COROUTINE == 1);
#endif
int main() { return 0; }
