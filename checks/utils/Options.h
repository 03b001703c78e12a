//===--- Options.h - corolint option helpers -------------------*- C++ -*-===//
//
// Option lists are `;`-separated fully qualified names, the convention of
// upstream clang-tidy, parsed by upstream's
// `utils::options::parseStringList` (which the clang-tidy-19 binary exports,
// so the plugin links no clang-tidy library for it). One convention for
// every list option: its value is the whole list. An option whose default
// is a list (PoolTypes, OffloadFunctions) replaces that default when set;
// an option whose default is empty names what is added to (TaskTypes,
// BlockingFunctions) or taken from (IgnoredTypes, AllowedFunctions) the
// built-in knowledge, which stays. Each check's documentation says which.
// These helpers parse a list once per check instance and answer "is this
// declaration named in the list" without building strings on the hot path
// for names that cannot match.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_OPTIONS_H
#define COROLINT_UTILS_OPTIONS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace clang::tidy::coro::utils {

/// Splits a `;`-separated list (upstream's parseStringList: blanks trimmed,
/// empty entries dropped) and drops a leading `::` from each entry.
std::vector<std::string> parseNameList(llvm::StringRef List);

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

/// The unqualified name the lists spell \p Callee with (`sleep_for`,
/// `operator>>`), or false for a function no list can name.
bool lastName(const FunctionDecl &Callee, llvm::SmallVectorImpl<char> &Last);

/// Whether \p Names has \p Callee, what \p Call calls, by its own qualified
/// name, or as a member of the object's class or of any base of it or of the
/// declaring class (`std::future<void>::wait`, declared in a base of
/// libstdc++'s, is `std::future::wait`).
bool callsNamed(const QualifiedNameSet &Names, const CallExpr &Call,
                const FunctionDecl &Callee);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_OPTIONS_H
