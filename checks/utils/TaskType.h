//===--- TaskType.h - what corolint calls a task ---------------*- C++ -*-===//
//
// A *task type* is a class type that is the return type of a coroutine and
// can be awaited: it has a promise (a nested `promise_type`, or one supplied
// through a `std::coroutine_traits` specialization as asio does) and it is
// awaitable (member `await_ready`/`await_suspend`/`await_resume`, or an
// `operator co_await`, member or free). `[[nodiscard]]` and
// `[[clang::coro_return_type]]` on a class with a promise also count, since
// libraries such as folly make their tasks awaitable through the awaiting
// promise's `await_transform` instead.
//
// An eager, fire-and-forget coroutine type (it cannot be awaited) is not a
// task: dropping it is its design.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_TASKTYPE_H
#define COROLINT_UTILS_TASKTYPE_H

#include "utils/Options.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::coro::utils {

/// Task types of the libraries corolint knows out of the box (asio,
/// Boost.Asio, cppcoro, folly, libcoro, concurrencpp and the bundled corort),
/// as a `;`-separated list. They are tasks even where their definition is
/// not visible; any other class is judged by its shape.
extern const char DefaultTaskTypes[];

/// The option key (`coro-<check>.TaskTypes`) that adds task types.
extern const char TaskTypesOptionName[];
/// The option key (`coro-<check>.IgnoredTypes`) that removes task types.
extern const char IgnoredTypesOptionName[];

enum class DropEffect;

/// What corolint knows of a task type.
struct TaskTypeInfo {
  bool IsTask = false;
  /// The promise's `initial_suspend()` never suspends: the task starts
  /// running when created, and dropping it only loses its result and errors.
  bool IsEager = false;
  /// The promise's initial suspension hands the coroutine to a scheduler
  /// that starts it later, awaited or not (utils/CoroutineModel.h).
  bool IsScheduled = false;
};

/// Decides whether a type is a task type; memoised per class.
class TaskTypeClassifier {
public:
  /// \p ExtraTypes and \p IgnoredTypes are the user's `;`-separated lists.
  TaskTypeClassifier(llvm::StringRef ExtraTypes, llvm::StringRef IgnoredTypes);

  /// Classifies \p T: a (possibly cv-qualified) class type by value.
  /// References, pointers and dependent types are never tasks.
  TaskTypeInfo classify(QualType T) const;
  bool isTaskType(QualType T) const { return classify(T).IsTask; }
  /// \p T is a task type of the built-in list or the user's TaskTypes.
  bool isListedTaskType(QualType T) const;

  /// The class that \p T names, when it is a task type; else null.
  const CXXRecordDecl *getTaskRecord(QualType T) const;

  /// What destroying a task of type \p T does with its coroutine
  /// (utils/CoroutineModel.h's dropEffectOf), memoised per class; Unknown
  /// for what is not a task.
  DropEffect dropEffect(QualType T) const;

  /// Forgets what it learnt of the last translation unit: its answers are
  /// kept per declaration, and the next unit's declarations may be
  /// allocated where the last one's were. Each check calls it when a
  /// translation unit starts.
  void forgetTranslationUnit() const {
    Cache.clear();
    Drops.clear();
  }

private:
  TaskTypeInfo classifyRecord(const CXXRecordDecl *RD) const;

  QualifiedNameSet Known;
  QualifiedNameSet Ignored;
  mutable llvm::DenseMap<const CXXRecordDecl *, TaskTypeInfo> Cache;
  mutable llvm::DenseMap<const CXXRecordDecl *, DropEffect> Drops;
};

/// A check's `TaskTypes` and `IgnoredTypes` options, read locally or
/// globally, and the classifier they configure.
class TaskTypeOptions {
public:
  explicit TaskTypeOptions(const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
  const TaskTypeClassifier &classifier() const { return Classifier; }

private:
  const std::string TaskTypes;
  const std::string IgnoredTypes;
  TaskTypeClassifier Classifier;
};

/// True when \p Call makes a new task: the callee is a coroutine (when its
/// definition, or its template's, is visible), or, when it is not visible
/// (or there is no single callee), the call returns a lazy task type. A
/// value a factory, a promise or a continuation returns (`pr.get_future()`,
/// `f.then(...)`, `pipe::create()`) is not a coroutine call.
bool isCoroutineCall(const CallExpr &Call, const TaskTypeClassifier &Tasks);

/// True when \p Call returns a task that has not run yet: a coroutine call
/// (isCoroutineCall), or any call that returns a lazy task of a listed task
/// type by value (`asio::co_spawn(ex, f(), asio::use_awaitable)` makes an
/// awaitable that runs only when awaited).
bool makesUnstartedTask(const CallExpr &Call, const TaskTypeClassifier &Tasks);

/// What a message calls a value of task type: a generator is not a task (its
/// class name contains "generator", in any case), nor is an eager future
/// (it already runs); anything else is a task.
enum class TaskNoun { Task = 0, Generator = 1, Future = 2 };
TaskNoun taskNoun(QualType T, const TaskTypeInfo &Info);

/// The promise type of a class that can be a coroutine's return type, or
/// null: a member `promise_type`, or the `promise_type` of a
/// `std::coroutine_traits<T, ...>` specialization (partial or full).
const CXXRecordDecl *findPromiseType(const CXXRecordDecl *RD);

/// True when an object of class \p RD can be the operand of `co_await`
/// without help from the awaiting promise.
bool isAwaitableRecord(const CXXRecordDecl *RD);

/// The class template that \p RD is an instance of, or \p RD itself.
const CXXRecordDecl *templatePattern(const CXXRecordDecl *RD);

/// \p Name looked up in \p RD and its bases, dependent bases included; a
/// specialization that was never instantiated is read from its template.
/// \p Via, when given, is set to that specialization (its template
/// arguments give the meaning of the member's template parameters), or null.
const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name,
                            const ClassTemplateSpecializationDecl **Via = nullptr);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_TASKTYPE_H
