// Catch2 v3 header on top of Debian's Catch2 v2 (sweep only; see catch_all.hpp).
#pragma once
#include <catch2/catch.hpp>
