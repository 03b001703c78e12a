"""Writes a translation unit that includes every header of a library tree.

Usage: headers_tu.py OUTPUT ROOT TOP [SUBDIR...]
  ROOT    the include directory the headers are copied under
  TOP     the library's umbrella header, relative to ROOT (e.g. asio.hpp)
  SUBDIR  directories below ROOT whose own .hpp files are included too
"""
import os
import sys

out, root, top, subdirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
headers = [top]
for sub in subdirs:
    directory = os.path.join(root, sub)
    headers += sorted(os.path.join(sub, f) for f in os.listdir(directory)
                      if f.endswith(".hpp"))
with open(out, "w") as f:
    for header in headers:
        f.write("#include <%s>\n" % header)
    f.write("int main() { return 0; }\n")
