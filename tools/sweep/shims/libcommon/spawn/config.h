// Stand-in for the spawn/config.h libcommon's meson build writes.
#pragma once
#define HAVE_LIBCAP
#define HAVE_LIBSYSTEMD
#define HAVE_LIBSECCOMP
