#include "task.h"

app::task<> flush();
app::task<> util() { co_await flush(); }
