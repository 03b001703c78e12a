//===--- TaskType.cpp - what corolint calls a task ------------------------===//

#include "utils/TaskType.h"
#include "utils/CoroutineModel.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::coro::utils {

const char DefaultTaskTypes[] =
    "asio::awaitable;boost::asio::awaitable;cppcoro::task;cppcoro::shared_task;"
    "folly::coro::Task;folly::coro::TaskWithExecutor;coro::task;"
    "concurrencpp::lazy_result;corort::task";
const char TaskTypesOptionName[] = "TaskTypes";
const char IgnoredTypesOptionName[] = "IgnoredTypes";

namespace {

/// How deep `lookupMember` follows base classes.
constexpr unsigned MaxBaseDepth = 8;

/// The class \p T names: for a dependent specialization of a class
/// template (`promise_base<T>`), the template's own class.
const CXXRecordDecl *recordOfType(QualType T) {
  if (T.isNull())
    return nullptr;
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl();
  return nullptr;
}

/// The definition of \p RD; for a specialization that was never
/// instantiated, its class template's, and for a member class of one, the
/// member of the template (members are read from the pattern then). \p Via
/// is set to the specialization whose pattern is read.
const CXXRecordDecl *
definitionOrPattern(const CXXRecordDecl *RD,
                    const ClassTemplateSpecializationDecl *&Via) {
  if (const CXXRecordDecl *Def = RD->getDefinition())
    return Def;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    Via = Spec;
    return Spec->getSpecializedTemplate()->getTemplatedDecl()->getDefinition();
  }
  if (const CXXRecordDecl *From = RD->getInstantiatedFromMemberClass())
    return From->getDefinition();
  return nullptr;
}

/// Looks \p Name up in \p RD and its bases, dependent bases included.
/// \p Via: the uninstantiated specialization whose pattern held it, if any
/// (its template arguments give the meaning of the member's template
/// parameters).
const NamedDecl *lookupMember(const CXXRecordDecl *RD, DeclarationName Name,
                              const ClassTemplateSpecializationDecl *&Via,
                              unsigned Depth = 0) {
  if (!RD || Depth > MaxBaseDepth)
    return nullptr;
  const ClassTemplateSpecializationDecl *Here = nullptr;
  RD = definitionOrPattern(RD, Here);
  if (!RD)
    return nullptr;
  DeclContext::lookup_result Found = RD->lookup(Name);
  if (!Found.empty()) {
    Via = Here;
    return Found.front();
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const NamedDecl *D = lookupMember(recordOfType(Base.getType()), Name,
                                          Via, Depth + 1))
      return D;
  return nullptr;
}

const NamedDecl *lookupMember(const CXXRecordDecl *RD, DeclarationName Name) {
  const ClassTemplateSpecializationDecl *Via = nullptr;
  return lookupMember(RD, Name, Via);
}

const NamedDecl *lookupMember(const CXXRecordDecl *RD, llvm::StringRef Name) {
  return lookupMember(RD, DeclarationName(&RD->getASTContext().Idents.get(Name)));
}

/// The class a member type declaration (class, typedef, alias) names.
const CXXRecordDecl *recordOfTypeDecl(const NamedDecl *D) {
  if (const auto *RD = dyn_cast_or_null<CXXRecordDecl>(D))
    return RD;
  if (const auto *TD = dyn_cast_or_null<TypedefNameDecl>(D))
    return recordOfType(TD->getUnderlyingType());
  return nullptr;
}

/// True when \p T names the class template (or class) \p Pattern.
bool namesPattern(QualType T, const CXXRecordDecl *Pattern) {
  T = T.getNonReferenceType().getUnqualifiedType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return templatePattern(RD) == Pattern;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl()->getCanonicalDecl() ==
             Pattern->getCanonicalDecl();
  if (const auto *ICN = T->getAs<InjectedClassNameType>())
    return ICN->getDecl()->getCanonicalDecl() == Pattern->getCanonicalDecl();
  return false;
}

const ClassTemplateDecl *findCoroutineTraits(ASTContext &Ctx) {
  const TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  for (const NamedDecl *Std : TU->lookup(&Ctx.Idents.get("std"))) {
    const auto *NS = dyn_cast<NamespaceDecl>(Std);
    if (!NS)
      continue;
    for (const NamedDecl *D : NS->lookup(&Ctx.Idents.get("coroutine_traits")))
      if (const auto *CTD = dyn_cast<ClassTemplateDecl>(D))
        return CTD;
  }
  return nullptr;
}

/// A promise supplied by a `std::coroutine_traits` specialization.
const CXXRecordDecl *promiseFromTraits(const CXXRecordDecl *RD,
                                       bool &HasDependentPromise) {
  const ClassTemplateDecl *Traits = findCoroutineTraits(RD->getASTContext());
  if (!Traits)
    return nullptr;
  const CXXRecordDecl *Pattern = templatePattern(RD);
  QualType RecordType = RD->getASTContext().getRecordType(RD).getCanonicalType();
  for (const ClassTemplateSpecializationDecl *Spec :
       const_cast<ClassTemplateDecl *>(Traits)->specializations()) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type ||
        Args[0].getAsType().getCanonicalType() != RecordType)
      continue;
    if (const auto *P = recordOfTypeDecl(lookupMember(Spec, "promise_type")))
      return P;
  }
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
    const TemplateArgumentList &Args = Partial->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type ||
        !namesPattern(Args[0].getAsType(), Pattern))
      continue;
    if (const NamedDecl *Member = lookupMember(Partial, "promise_type")) {
      // The promise of some specializations: its class as written in the
      // partial specialization (or its base), enough to read its
      // initial_suspend.
      HasDependentPromise = true;
      return recordOfTypeDecl(Member);
    }
  }
  return nullptr;
}

bool hasFreeCoawait(const CXXRecordDecl *RD) {
  ASTContext &Ctx = RD->getASTContext();
  DeclarationName OpName = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  const CXXRecordDecl *Pattern = templatePattern(RD);
  auto TakesRecord = [&](const NamedDecl *D) {
    const FunctionDecl *FD = D->getAsFunction();
    return FD && FD->getNumParams() >= 1 &&
           namesPattern(FD->getParamDecl(0)->getType(), Pattern);
  };
  // Hidden friends, found by argument-dependent lookup.
  for (const Decl *D : Pattern->decls())
    if (const auto *Friend = dyn_cast<FriendDecl>(D))
      if (const NamedDecl *ND = Friend->getFriendDecl())
        if (ND->getDeclName() == OpName && TakesRecord(ND))
          return true;
  // Free operators in the class's namespace.
  const DeclContext *NS = Pattern->getDeclContext()->getEnclosingNamespaceContext();
  for (const NamedDecl *D : NS->lookup(OpName))
    if (TakesRecord(D))
      return true;
  return false;
}

} // namespace

const CXXRecordDecl *templatePattern(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    ClassTemplateDecl *CTD = Spec->getSpecializedTemplate();
    return CTD->getTemplatedDecl()->getCanonicalDecl();
  }
  return RD->getCanonicalDecl();
}

const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name,
                            const ClassTemplateSpecializationDecl **Via) {
  if (!RD)
    return nullptr;
  const ClassTemplateSpecializationDecl *Found = nullptr;
  const NamedDecl *D = lookupMember(
      RD, DeclarationName(&RD->getASTContext().Idents.get(Name)), Found);
  if (Via)
    *Via = Found;
  return D;
}

const CXXRecordDecl *findPromiseType(const CXXRecordDecl *RD) {
  bool Dependent = false;
  if (const CXXRecordDecl *P = promiseFromTraits(RD, Dependent))
    return P;
  return recordOfTypeDecl(lookupMember(RD, "promise_type"));
}

bool isCoroutineCall(const CallExpr &Call, const TaskTypeClassifier &Tasks) {
  if (const FunctionDecl *Callee = Call.getDirectCallee()) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition))
      if (const FunctionDecl *Pattern = Callee->getTemplateInstantiationPattern())
        Pattern->hasBody(Definition);
    if (Definition && Definition->getBody())
      return isa<CoroutineBodyStmt>(Definition->getBody());
  }
  const TaskTypeInfo Info = Tasks.classify(Call.getType());
  return Info.IsTask && !Info.IsEager;
}

bool makesUnstartedTask(const CallExpr &Call, const TaskTypeClassifier &Tasks) {
  if (isCoroutineCall(Call, Tasks))
    return true;
  const TaskTypeInfo Info = Tasks.classify(Call.getType());
  return Info.IsTask && !Info.IsEager && Tasks.isListedTaskType(Call.getType());
}

TaskNoun taskNoun(QualType T, const TaskTypeInfo &Info) {
  if (const CXXRecordDecl *RD =
          T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl()) {
    const CXXRecordDecl *Pattern = templatePattern(RD);
    if (Pattern->getIdentifier() &&
        Pattern->getName().contains_insensitive("generator"))
      return TaskNoun::Generator;
  }
  return Info.IsEager ? TaskNoun::Future : TaskNoun::Task;
}

bool isAwaitableRecord(const CXXRecordDecl *RD) {
  ASTContext &Ctx = RD->getASTContext();
  if (lookupMember(RD, Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait)))
    return true;
  if (lookupMember(RD, "await_ready") && lookupMember(RD, "await_suspend") &&
      lookupMember(RD, "await_resume"))
    return true;
  return hasFreeCoawait(RD);
}

TaskTypeClassifier::TaskTypeClassifier(llvm::StringRef ExtraTypes,
                                       llvm::StringRef IgnoredTypes)
    : Known(parseNameList(DefaultTaskTypes)),
      Ignored(parseNameList(IgnoredTypes)) {
  for (const std::string &Name : parseNameList(ExtraTypes))
    Known.insert(Name);
}

TaskTypeOptions::TaskTypeOptions(const ClangTidyCheck::OptionsView &Options)
    : TaskTypes(listOptionLocalOrGlobal(Options, TaskTypesOptionName, "")),
      IgnoredTypes(listOptionLocalOrGlobal(Options, IgnoredTypesOptionName, "")),
      Classifier(TaskTypes, IgnoredTypes) {}

void TaskTypeOptions::store(const ClangTidyCheck::OptionsView &Options,
                            ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, TaskTypesOptionName, TaskTypes);
  Options.store(Opts, IgnoredTypesOptionName, IgnoredTypes);
}

TaskTypeInfo TaskTypeClassifier::classify(QualType T) const {
  if (T.isNull() || T->isReferenceType() || T->isDependentType())
    return {};
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return {};
  RD = RD->getCanonicalDecl();
  auto It = Cache.find(RD);
  if (It != Cache.end())
    return It->second;
  TaskTypeInfo Info = classifyRecord(RD);
  Cache[RD] = Info;
  return Info;
}

const CXXRecordDecl *TaskTypeClassifier::getTaskRecord(QualType T) const {
  return classify(T).IsTask ? T->getAsCXXRecordDecl() : nullptr;
}

bool TaskTypeClassifier::isListedTaskType(QualType T) const {
  const CXXRecordDecl *RD = getTaskRecord(T);
  return RD && Known.contains(templatePattern(RD)) &&
         !Ignored.contains(templatePattern(RD));
}

DropEffect TaskTypeClassifier::dropEffect(QualType T) const {
  const CXXRecordDecl *RD = getTaskRecord(T);
  if (!RD)
    return DropEffect::Unknown;
  RD = RD->getCanonicalDecl();
  if (auto It = Drops.find(RD); It != Drops.end())
    return It->second;
  const DropEffect Effect = dropEffectOf(*RD);
  Drops[RD] = Effect;
  return Effect;
}

TaskTypeInfo TaskTypeClassifier::classifyRecord(const CXXRecordDecl *RD) const {
  const CXXRecordDecl *Pattern = templatePattern(RD);
  if (Ignored.contains(Pattern))
    return {};
  // A std::coroutine_traits specialization overrides the type's own
  // promise_type member (seastar's future names its value promise so).
  bool DependentPromise = false;
  const CXXRecordDecl *Promise = promiseFromTraits(RD, DependentPromise);
  if (!Promise && !DependentPromise)
    Promise = recordOfTypeDecl(lookupMember(RD, "promise_type"));
  TaskTypeInfo Info;
  const Start Begins = Promise ? startOfPromise(*Promise) : Start::Unknown;
  Info.IsEager = Begins == Start::Eager;
  Info.IsScheduled = Begins == Start::Scheduled;
  if (Known.contains(Pattern)) {
    Info.IsTask = true;
    return Info;
  }
  if (!Promise && !DependentPromise)
    return {};
  Info.IsTask = isAwaitableRecord(RD) || Pattern->hasAttr<WarnUnusedResultAttr>() ||
                Pattern->hasAttr<CoroReturnTypeAttr>() ||
                RD->hasAttr<WarnUnusedResultAttr>();
  return Info;
}

} // namespace clang::tidy::coro::utils
