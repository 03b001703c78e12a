#!/usr/bin/env python3
"""Run a command with its stderr on a pseudo-terminal (lit helper).

  run_in_pty.py TIMEOUT COMMAND...

stdout stays a pipe; what the command wrote to the terminal is printed to
our stdout with carriage returns and escape sequences made visible
(<CR>, <ESC>), after the command's stdout. Exits with the command's status;
kills it after TIMEOUT seconds.
"""

import os
import pty
import select
import subprocess
import sys
import time


def main():
    timeout = float(sys.argv[1])
    master, slave = pty.openpty()
    proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    terminal = b""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            proc.kill()
            proc.wait()
            sys.stderr.write("run_in_pty: timed out\n")
            return 124
        ready, _, _ = select.select([master], [], [], min(left, 0.5))
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the command closed the terminal
                data = b""
            if not data:
                break
            terminal += data
        elif proc.poll() is not None:
            break
    stdout = proc.stdout.read()
    proc.wait()
    os.close(master)
    sys.stdout.write(stdout.decode(errors="replace"))
    text = terminal.decode(errors="replace").replace("\r\n", "\n")
    sys.stdout.write("--- terminal ---\n")
    sys.stdout.write(text.replace("\r", "<CR>").replace("\x1b", "<ESC>") + "\n")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
