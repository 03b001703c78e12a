//===--- Layout.h - where corolint's files are, relative to its binary ----===//
//
// corolint and corolint-clangd find what they need relative to their own
// executable (its real path: a symbolic link in /usr/bin is followed), so the
// same binary works from the build tree and from an installation:
//   <root>/bin/corolint, <root>/bin/corolint-clangd
//   <root>/lib/corolint/corolint-preinclude.h    force-included
//   <root>/lib/clang/<major>/                      clang's builtin headers, where
//                                                  clang looks by default (the
//                                                  build tree links it there)
//   <root>/lib/corolint/clang/<major>/             the copy an installation
//                                                  ships, used when the former
//                                                  is missing
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOLS_LAYOUT_H
#define COROLINT_TOOLS_LAYOUT_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <optional>
#include <string>

namespace corolint {

/// <root>: the directory above the one holding the running executable.
inline std::string installRoot(const char *Argv0, void *MainAddr) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  if (Exe.empty())
    return "";
  return std::string(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
}

/// <root>/lib/corolint/corolint-preinclude.h, if it is there.
inline std::optional<std::string> findPreinclude(llvm::StringRef Root) {
  if (Root.empty())
    return std::nullopt;
  llvm::SmallString<256> Path(Root);
  llvm::sys::path::append(Path, "lib", "corolint", "corolint-preinclude.h");
  if (!llvm::sys::fs::is_regular_file(Path))
    return std::nullopt;
  return std::string(Path);
}

/// The resource directory to pass with -resource-dir: none when clang's own
/// default, <root>/lib/clang/<major>, has the builtin headers; else the
/// installation's copy, <root>/lib/corolint/clang/<major>, if it is there.
inline std::optional<std::string> findResourceDir(llvm::StringRef Root,
                                                  llvm::StringRef Major) {
  if (Root.empty())
    return std::nullopt;
  auto HasHeaders = [](const llvm::SmallString<256> &Dir) {
    llvm::SmallString<256> Probe(Dir);
    llvm::sys::path::append(Probe, "include", "stddef.h");
    return llvm::sys::fs::is_regular_file(Probe);
  };
  llvm::SmallString<256> Default(Root);
  llvm::sys::path::append(Default, "lib", "clang", Major);
  if (HasHeaders(Default))
    return std::nullopt;
  llvm::SmallString<256> Shipped(Root);
  llvm::sys::path::append(Shipped, "lib", "corolint", "clang", Major);
  if (HasHeaders(Shipped))
    return std::string(Shipped);
  return std::nullopt;
}

} // namespace corolint

#endif // COROLINT_TOOLS_LAYOUT_H
