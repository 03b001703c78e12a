//===--- Options.h - corolint option helpers -------------------*- C++ -*-===//
//
// Option lists are `;`-separated fully qualified names, the convention of
// upstream clang-tidy, parsed by upstream's
// `utils::options::parseStringList` (which the clang-tidy-19 binary exports,
// so the plugin links no clang-tidy library for it). One convention for
// every list option: a value of plain names is the whole list, and replaces
// the option's default; a value whose entries start with `+` or `-` edits
// the default instead (`+mylib::pool::schedule` adds one, `-asio::dispatch`
// removes one), so teaching a check one name does not mean repeating its
// defaults. An option whose default is empty names what is added to
// (TaskTypes, BlockingFunctions) or taken from (IgnoredTypes,
// AllowedFunctions) the built-in knowledge, which stays. Each check stores
// the list in effect, so `--dump-config` shows it whole.
// These helpers parse a list once per check instance and answer "is this
// declaration named in the list" without building strings on the hot path
// for names that cannot match.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_OPTIONS_H
#define COROLINT_UTILS_OPTIONS_H

#include "clang-tidy/ClangTidyCheck.h"
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

/// The list in effect for a list option set to \p Value whose default is
/// \p Default (see the top of this file): \p Value itself, or \p Default
/// edited by \p Value's `+name` and `-name` entries (an entry without a
/// sign, in an editing value, adds), `;`-separated, without `::` prefixes.
std::string resolveList(llvm::StringRef Value, llvm::StringRef Default);

/// A check's list option \p Name, read locally (or also globally), resolved
/// against \p Default.
std::string listOption(const ClangTidyCheck::OptionsView &Options,
                       llvm::StringRef Name, llvm::StringRef Default);
std::string listOptionLocalOrGlobal(const ClangTidyCheck::OptionsView &Options,
                                    llvm::StringRef Name, llvm::StringRef Default);

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
