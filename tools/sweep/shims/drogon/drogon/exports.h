// Stand-in for the header CMake's GenerateExportHeader writes (sweep only).
#pragma once
#define DROGON_EXPORT
#define DROGON_NO_EXPORT
