//===--- PoolType.h - what corolint calls a thread pool --------*- C++ -*-===//
//
// A *pool type* is a class whose objects own worker threads: constructing one
// starts threads, destroying one joins them. The known pools are named by a
// `;`-separated list of fully qualified class (or class template) names; a
// class derived from one of them, directly or not, publicly or not, is a pool
// too, and so is any specialization of a listed class template.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_POOLTYPE_H
#define COROLINT_UTILS_POOLTYPE_H

#include "utils/Options.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::coro::utils {

/// The pools of the libraries corolint knows out of the box (asio,
/// Boost.Asio, cppcoro, folly, libcoro, BS::thread_pool, concurrencpp and the
/// bundled corort), as a `;`-separated list: the default of `PoolTypes`.
extern const char DefaultPoolTypes[];

/// The option key (`coro-<check>.PoolTypes`, also read as a global option)
/// that names the pool types. A value replaces the default list.
extern const char PoolTypesOptionName[];

/// Decides whether a type is a pool type; memoised per class.
class PoolTypeClassifier {
public:
  /// \p PoolTypes is the complete `;`-separated list of pool classes (the
  /// option's value, which replaces DefaultPoolTypes when the user sets it).
  explicit PoolTypeClassifier(llvm::StringRef PoolTypes = DefaultPoolTypes);

  /// True when \p T, a (possibly cv-qualified) class type by value, is a
  /// pool. References, pointers, arrays and dependent types are not.
  bool isPoolType(QualType T) const { return poolRecord(T) != nullptr; }

  /// The class that \p T names, when it is a pool type; else null.
  const CXXRecordDecl *poolRecord(QualType T) const;

  /// True when the class \p RD is a pool: listed, an instance of a listed
  /// template, or derived from a pool.
  bool isPoolRecord(const CXXRecordDecl *RD) const;

  /// True when the pool \p RD is a whole executor runtime rather than a
  /// thread pool: neither its class nor any pool class it derives from has
  /// "pool" in its name (`concurrencpp::runtime`). Messages call it an
  /// executor.
  bool isExecutorRuntime(const CXXRecordDecl *RD) const;

  /// Forgets the answers kept per declaration (see
  /// TaskTypeClassifier::forgetTranslationUnit).
  void forgetTranslationUnit() const { Cache.clear(); }

private:
  QualifiedNameSet Known;
  mutable llvm::DenseMap<const CXXRecordDecl *, bool> Cache;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_POOLTYPE_H
