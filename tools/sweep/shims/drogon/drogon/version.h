// Stand-in for drogon's configured version.h (sweep only).
#pragma once
#define MAJOR 1
#define MINOR 9
#define PATCH 0
#define DROGON_VERSION "1.9.0"
#define DROGON_VERSION_SHA1 ""
