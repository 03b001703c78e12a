//===--- Options.h - corolint option helpers -------------------*- C++ -*-===//
//
// Option lists are `;`-separated fully qualified names, the convention of
// upstream clang-tidy. These helpers parse them once per check instance and
// answer "is this declaration named in the list" without building strings on
// the hot path for names that cannot match.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_OPTIONS_H
#define COROLINT_UTILS_OPTIONS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace clang::tidy::coro::utils {

/// Splits a `;`-separated list, trims blanks and a leading `::` from each
/// entry and drops empty entries.
std::vector<std::string> parseNameList(llvm::StringRef List);

/// Joins a list back into its `;`-separated form (for `storeOptions`).
std::string joinNameList(const std::vector<std::string> &Names);

/// A set of fully qualified names, matched against declarations.
class QualifiedNameSet {
public:
  QualifiedNameSet() = default;
  explicit QualifiedNameSet(const std::vector<std::string> &Names);

  void insert(llvm::StringRef Name);
  void erase(llvm::StringRef Name);
  bool empty() const { return Names.empty(); }

  /// True when the fully qualified name of \p D (without template arguments
  /// and inline namespaces such as `std::__1`) is in the set.
  bool contains(const NamedDecl *D) const;
  bool contains(llvm::StringRef QualifiedName) const {
    return Names.contains(QualifiedName);
  }
  /// False when no entry ends in \p Name: a cheap first filter.
  bool mayEndIn(llvm::StringRef Name) const {
    return LastComponents.contains(Name);
  }

private:
  llvm::StringSet<> Names;
  /// Unqualified last components, a cheap pre-filter for `contains`.
  llvm::StringSet<> LastComponents;
};

/// The fully qualified name of \p D as corolint's options spell it: no
/// template arguments, no inline or anonymous namespaces.
std::string qualifiedName(const NamedDecl *D);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_OPTIONS_H
