// Regression: coro-discarded-task's body walker once kept a function_ref to
// a temporary lambda; any discarded statement then crashed the check.
#include "user_task.h"
user::task<int> fetch();
void f() { fetch(); (void)fetch(); fetch(), fetch(); }
