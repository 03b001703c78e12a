//===--- Options.cpp - corolint option helpers ----------------------------===//

#include "utils/Options.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
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

std::string resolveList(llvm::StringRef Value, llvm::StringRef Default) {
  std::vector<std::string> Entries = parseNameList(Value);
  const bool Edits = !Entries.empty() &&
                     (Entries.front()[0] == '+' || Entries.front()[0] == '-');
  if (!Edits)
    return Value.str(); // the whole list, as the user spelled it
  std::vector<std::string> Result = parseNameList(Default);
  for (llvm::StringRef Entry : Entries) {
    const bool Remove = Entry.consume_front("-");
    if (!Remove)
      Entry.consume_front("+");
    Entry = Entry.trim();
    Entry.consume_front("::");
    if (Entry.empty())
      continue;
    auto It = llvm::find(Result, Entry);
    if (Remove && It != Result.end())
      Result.erase(It);
    else if (!Remove && It == Result.end())
      Result.push_back(Entry.str());
  }
  return llvm::join(Result, ";");
}

std::string listOption(const ClangTidyCheck::OptionsView &Options,
                       llvm::StringRef Name, llvm::StringRef Default) {
  return resolveList(Options.get(Name, Default), Default);
}

std::string listOptionLocalOrGlobal(const ClangTidyCheck::OptionsView &Options,
                                    llvm::StringRef Name, llvm::StringRef Default) {
  return resolveList(Options.getLocalOrGlobal(Name, Default), Default);
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

bool lastName(const FunctionDecl &Callee, llvm::SmallVectorImpl<char> &Last) {
  Last.clear();
  if (const IdentifierInfo *II = Callee.getIdentifier()) {
    Last.append(II->getName().begin(), II->getName().end());
    return true;
  }
  if (!Callee.isOverloadedOperator())
    return false;
  llvm::raw_svector_ostream OS(Last);
  Callee.printName(OS);
  return true;
}

bool callsNamed(const QualifiedNameSet &Names, const CallExpr &Call,
             const FunctionDecl &Callee) {
  llvm::SmallString<32> LastName;
  if (!lastName(Callee, LastName))
    return false;
  if (!Names.mayEndIn(LastName))
    return false;
  const std::string Last = LastName.str().str();
  if (Names.contains(&Callee))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method)
    return false;
  llvm::SmallVector<const CXXRecordDecl *, 4> Classes{Method->getParent()};
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      // The object as written, before the conversion to the method's class.
      QualType T = Object->IgnoreImpCasts()->getType();
      if (T->isPointerType())
        T = T->getPointeeType();
      if (const CXXRecordDecl *Class = T->getAsCXXRecordDecl())
        Classes.push_back(Class);
    }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && Op->getNumArgs() > 0)
    if (const CXXRecordDecl *Object =
            Op->getArg(0)->getType()->getAsCXXRecordDecl())
      Classes.push_back(Object);
  bool Found = false;
  auto Check = [&](const CXXRecordDecl *Class) {
    if (!Found && Names.contains(qualifiedName(Class) + "::" + Last))
      Found = true;
    return true;
  };
  for (const CXXRecordDecl *Class : Classes) {
    Check(Class);
    if (const CXXRecordDecl *Def = Class->getDefinition())
      Def->forallBases(Check);
  }
  return Found;
}

} // namespace clang::tidy::coro::utils
