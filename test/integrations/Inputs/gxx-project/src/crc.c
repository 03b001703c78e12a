/* Plain C: no coroutines here, and nothing for corolint to say. */
unsigned crc32_of(const char *data, unsigned long size) {
  unsigned crc = 0xFFFFFFFFu;
  for (unsigned long i = 0; i < size; ++i) {
    crc ^= (unsigned char)data[i];
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}
