#include "task.h"

app::task<> log_event(const char *);
app::task<> serve() {
  log_event("start");
  co_return;
}
