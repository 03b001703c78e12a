#pragma once

namespace admin {
void start(unsigned short port);
} // namespace admin

extern "C" unsigned crc32_of(const char *data, unsigned long size);
int legacy_version();
