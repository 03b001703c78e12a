//===--- PoolType.cpp - what corolint calls a thread pool -----------------===//

#include "utils/PoolType.h"
#include "utils/TaskType.h"

namespace clang::tidy::coro::utils {

const char DefaultPoolTypes[] =
    "asio::thread_pool;boost::asio::thread_pool;cppcoro::static_thread_pool;"
    "folly::CPUThreadPoolExecutor;folly::IOThreadPoolExecutor;coro::thread_pool;"
    "BS::thread_pool;concurrencpp::runtime;corort::thread_pool";
const char PoolTypesOptionName[] = "PoolTypes";

PoolTypeClassifier::PoolTypeClassifier(llvm::StringRef PoolTypes)
    : Known(parseNameList(PoolTypes)) {}

const CXXRecordDecl *PoolTypeClassifier::poolRecord(QualType T) const {
  if (T.isNull() || T->isDependentType())
    return nullptr;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && isPoolRecord(RD) ? RD : nullptr;
}

bool PoolTypeClassifier::isPoolRecord(const CXXRecordDecl *RD) const {
  if (!RD || Known.empty())
    return false;
  RD = RD->getCanonicalDecl();
  auto It = Cache.find(RD);
  if (It != Cache.end())
    return It->second;
  // Base classes cannot form a cycle, so the recursion ends; the entry is
  // written after it, since the recursion may grow the map.
  bool IsPool = Known.contains(templatePattern(RD));
  if (const CXXRecordDecl *Def = RD->getDefinition(); Def && !IsPool)
    for (const CXXBaseSpecifier &Base : Def->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
          B && isPoolRecord(B)) {
        IsPool = true;
        break;
      }
  Cache[RD] = IsPool;
  return IsPool;
}

bool PoolTypeClassifier::isExecutorRuntime(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  if (RD->getIdentifier() && RD->getName().contains_insensitive("pool"))
    return false;
  if (const CXXRecordDecl *Def = RD->getDefinition())
    for (const CXXBaseSpecifier &Base : Def->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
          B && isPoolRecord(B) && !isExecutorRuntime(B))
        return false;
  return true;
}

} // namespace clang::tidy::coro::utils
