//===--- Instantiation.h - one report per place across instantiations -*- C++ -*-===//
//
// A template and each of its instantiations hold the same code: a check that
// matches every function sees a place once for the template and once per
// instantiation. Every coro check reports each place once, through
// OncePerPlace: it proposes its reports while it walks and emits the kept ones
// at the end of the translation unit. When the reports of one place differ (a
// type that is a template argument), the template's own wins, else the one
// whose type reads first, so that the line does not depend on which
// instantiation the translation unit met first.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_INSTANTIATION_H
#define COROLINT_UTILS_INSTANTIATION_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

namespace clang::tidy::coro::utils {

/// True when \p F is code the compiler instantiated from a template: a
/// function template specialization, a member of a class template
/// specialization, a lambda or local class inside one of those.
inline bool isInInstantiation(const FunctionDecl &F) {
  for (const DeclContext *DC = &F; DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC);
        FD && FD->isTemplateInstantiation())
      return true;
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      const TemplateSpecializationKind Kind =
          RD->getTemplateSpecializationKind();
      if (Kind == TSK_ImplicitInstantiation ||
          Kind == TSK_ExplicitInstantiationDeclaration ||
          Kind == TSK_ExplicitInstantiationDefinition)
        return true;
    }
  }
  return false;
}

/// True when a report of a place from function \p A about type \p TA is to
/// be kept over one from \p B about \p TB (see the top of this file).
inline bool preferredReport(const FunctionDecl &A, QualType TA,
                            const FunctionDecl &B, QualType TB) {
  const bool InstA = isInInstantiation(A), InstB = isInInstantiation(B);
  if (InstA != InstB)
    return !InstA;
  if (!InstA)
    return false;
  return TA.getAsString() < TB.getAsString();
}

/// The reports of one translation unit, one per place (see the top of this
/// file). \p Report is what the check needs to emit one: a struct, or a
/// closure that emits it.
template <class Report> class OncePerPlace {
public:
  /// Proposes \p R at \p Loc, from the code of \p From, about the type
  /// \p About (null when the report names no type): kept unless the place
  /// already has a report that preferredReport keeps over it.
  void propose(SourceLocation Loc, const FunctionDecl &From, QualType About,
               Report R) {
    auto [It, New] = ByPlace.try_emplace(Loc, Kept.size());
    if (New) {
      Kept.push_back({&From, About, std::move(R)});
      return;
    }
    Entry &Old = Kept[It->second];
    if (preferredReport(From, About, *Old.From, Old.About))
      Old = {&From, About, std::move(R)};
  }
  /// Calls \p Emit on each kept report, in the order their places were
  /// first proposed, and forgets them.
  template <class Fn> void flush(Fn &&Emit) {
    for (Entry &E : Kept)
      Emit(E.R);
    clear();
  }
  void clear() {
    Kept.clear();
    ByPlace.clear();
  }

private:
  struct Entry {
    const FunctionDecl *From;
    QualType About;
    Report R;
  };
  llvm::SmallVector<Entry, 4> Kept;
  llvm::DenseMap<SourceLocation, size_t> ByPlace;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_INSTANTIATION_H
