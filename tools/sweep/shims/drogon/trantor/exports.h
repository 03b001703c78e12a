// Stand-in for the header CMake's GenerateExportHeader writes (sweep only).
#pragma once
#define TRANTOR_EXPORT
#define TRANTOR_NO_EXPORT
