// Stand-in for the event/config.h libcommon's meson build writes (Linux, io_uring on).
#pragma once
#define USE_EVENTFD
#define USE_SIGNALFD
#define USE_EPOLL
#define HAVE_URING
#undef ENABLE_EVENT_LOOP_STATS
#undef NO_FINE_TIMER_EVENT
