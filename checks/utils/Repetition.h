//===--- Repetition.h - does a function run more than once? ----*- C++ -*-===//
//
// "Created on every call" is only a problem when there are many calls. A
// test body (a function a test macro generates), `main`, a test function
// that `main` calls once, a lambda called once where it is written: these
// run once, and what they build is built once. This analysis answers, for
// one translation unit, whether there is evidence that a function runs
// repeatedly:
//   - it is a named coroutine (not a lambda): coroutines are handlers and
//     request paths, started as often as their caller likes;
//   - a call of it sits inside a loop (the body, condition or increment of a
//     `for`, `while` or `do`, the body of a range-based `for`), in any
//     function;
//   - its address is taken or it is passed as an argument (a callback: the
//     receiver decides how often it runs), unless it is macro-generated (a
//     test macro registers its body once that way);
//   - it is a lambda handed to another call or constructor (`post(pool,
//     [..]{..})`, `std::function f = [..]{..}`), directly or through the
//     local variable that holds it; not a lambda called where it is written;
//   - it overrides a method that runs repeatedly;
//   - it is called by a function that runs repeatedly (any number of calls
//     away, cycles included);
//   - it is externally visible and nothing in the translation unit names it:
//     its callers are elsewhere, and it runs as often as they call it (a
//     library function that builds a pool per call, bshoshany/thread-pool
//     #107).
// Never `main`, never a macro-generated function (its name is written in a
// macro expansion: `TEST_CASE`, `TEST`, `BOOST_AUTO_TEST_CASE` bodies), and
// what either of them calls outside a loop is not reached through them; a
// namespace-scope initialiser runs once, and so does a callable handed to
// `std::call_once`. A callable handed to a registrar of the file that keeps
// it in a member container, which a member function drains with a range-based
// `for` that calls each element (a test runner's `add_step("name", fn)`),
// runs as often as that draining function: it is an edge, not evidence.
//
// How it works: one walk of the translation unit's user code (system headers
// aside; template instantiations included, a function template and a member
// of a class template counted as their pattern) records the evidence and the
// call edges; a breadth-first propagation from the evidence marks the
// functions that run repeatedly. Both happen on the first question, once per
// translation unit; a check that never asks pays nothing.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_REPETITION_H
#define COROLINT_UTILS_REPETITION_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::coro::utils {

/// True when the name of \p F is written inside a macro expansion: a test
/// macro's body (doctest's `DOCTEST_ANON_FUNC_n`, Catch2's `dummyFunctionN`,
/// gtest's `TestBody`).
bool isMacroGenerated(const FunctionDecl &F);

/// The declaration that stands for \p F in the analysis: the pattern of a
/// template instantiation (a function template's, a class template member's,
/// a lambda's in an instantiated function), canonical.
const FunctionDecl *repetitionKey(const FunctionDecl &F);

/// Whether functions of one translation unit run repeatedly.
class Repetition {
public:
  explicit Repetition(ASTContext &Ctx) : Ctx(Ctx) {}

  /// True when there is evidence that \p F runs more than once per program
  /// run (see the top of this file). Computed for the whole translation
  /// unit on the first call.
  bool runsRepeatedly(const FunctionDecl &F);

private:
  void compute();

  ASTContext &Ctx;
  bool Computed = false;
  llvm::DenseSet<const FunctionDecl *> Repeated;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_REPETITION_H
