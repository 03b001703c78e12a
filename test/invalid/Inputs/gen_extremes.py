"""Writes a valid translation unit at the limits of the coro checks."""
print('#include "user_task.h"')
print('void a(int); void b(int n) { if (n) a(n - 1); for (long i = 0; i < 1000000000; ++i) {} }')
print('void a(int n) { if (n) b(n - 1); }')
print('int r(int n) { return n ? r(n - 1) : 0; }')
print('user::task<> recursive() { a(3); r(10); co_return; }')
print('user::task<> huge() {')
print('  for (long i = 0; i < 1000000000000000000; ++i)')
print('    for (long j = 0; j < 1000000000000000000; ++j)')
print('      for (unsigned long k = 0; k < 9000000000000000000u; ++k) {}')
print('  for (int i = -2147483647 - 1; i < 2147483647; ++i) {}')
print('  co_return;')
print('}')
code = '0'
for _ in range(200):
    code = '[&]{ return ' + code + '; }()'
print('user::task<> deep() {')
print('  int x = ' + code + ';')
print('  for (int i = 0; i < 1000000; ++i) x += i;')
print('  (void)x;')
print('  co_return;')
print('}')
