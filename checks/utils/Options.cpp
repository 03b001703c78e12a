//===--- Options.cpp - corolint option helpers ----------------------------===//

#include "utils/Options.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::coro::utils {

std::vector<std::string> parseNameList(llvm::StringRef List) {
  std::vector<std::string> Result;
  for (llvm::StringRef Name : clang::tidy::utils::options::parseStringList(List)) {
    Name.consume_front("::");
    if (!Name.empty())
      Result.push_back(Name.str());
  }
  return Result;
}

static llvm::StringRef lastComponent(llvm::StringRef Name) {
  size_t Pos = Name.rfind("::");
  return Pos == llvm::StringRef::npos ? Name : Name.substr(Pos + 2);
}

QualifiedNameSet::QualifiedNameSet(const std::vector<std::string> &List) {
  for (const std::string &Name : List)
    insert(Name);
}

void QualifiedNameSet::insert(llvm::StringRef Name) {
  Name.consume_front("::");
  Names.insert(Name);
  LastComponents.insert(lastComponent(Name));
}

void QualifiedNameSet::erase(llvm::StringRef Name) {
  Name.consume_front("::");
  Names.erase(Name);
  // LastComponents stays a superset: it is only a pre-filter.
}

bool QualifiedNameSet::contains(const NamedDecl *D) const {
  if (!D || Names.empty())
    return false;
  const IdentifierInfo *II = D->getIdentifier();
  if (II) {
    if (!LastComponents.contains(II->getName()))
      return false;
  } else if (!isa<CXXMethodDecl>(D) && !isa<FunctionDecl>(D)) {
    return false;
  } else {
    // An operator, a constructor...: the qualified name ends in the printed
    // name, so its last component is that of the printed name.
    llvm::SmallString<64> Printed;
    llvm::raw_svector_ostream OS(Printed);
    D->printName(OS);
    if (!LastComponents.contains(lastComponent(Printed)))
      return false;
  }
  return Names.contains(qualifiedName(D));
}

std::string qualifiedName(const NamedDecl *D) {
  llvm::SmallVector<const NamedDecl *, 8> Chain;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Chain.push_back(NS);
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Chain.push_back(RD);
    } else if (isa<FunctionDecl>(DC) || isa<LinkageSpecDecl>(DC) ||
               isa<TranslationUnitDecl>(DC) || isa<ExportDecl>(DC)) {
      continue;
    }
  }
  std::string Result;
  llvm::raw_string_ostream OS(Result);
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It)
    OS << (*It)->getName() << "::";
  D->printName(OS);
  return Result;
}

} // namespace clang::tidy::coro::utils
