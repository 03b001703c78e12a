// A target still on C++17: linted as the project compiles it, no coroutines.
#include "../include/common.hpp"

#include <string>

int legacy_version() { return static_cast<int>(std::string("17").size()); }
