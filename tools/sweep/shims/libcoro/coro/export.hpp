// Stand-in for the header CMake's GenerateExportHeader writes (sweep only).
#pragma once
#define CORO_EXPORT
#define CORO_NO_EXPORT
