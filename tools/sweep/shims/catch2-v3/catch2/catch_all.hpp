// Catch2 v3's umbrella header on top of Debian's Catch2 v2 (sweep only: the
// test macros are the same; enough to parse the test bodies).
#pragma once
#include <catch2/catch.hpp>
