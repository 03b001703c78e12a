// Stand-in for the export header generate_export_header() writes.
#pragma once
#define QCOROCORE_EXPORT
