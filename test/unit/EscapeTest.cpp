//===--- EscapeTest.cpp - where an object goes ----------------------------===//

#include "utils/Ancestors.h"
#include "utils/Escape.h"
#include "utils/OwnBody.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

const char Prelude[] = R"cpp(
namespace std {
template <class T> T &&move(T &t) { return static_cast<T &&>(t); }
template <class T> struct unique_ptr {
  unique_ptr(T *);
  unique_ptr(unique_ptr &&);
  T *release();
};
}
struct Obj { void look() const; void change(); };
struct Holder { Obj *kept; std::unique_ptr<Obj> owned{nullptr}; Obj value; };
Obj *global;
)cpp";

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  return tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"});
}

bool handedOver(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST = parse(Code);
  auto Found = match(varDecl(hasName("o")).bind("v"), AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u) << Code;
  return isHandedOver(*Found[0].getNodeAs<VarDecl>("v"));
}

TEST(EscapeTest, HandedOverVariable) {
  EXPECT_TRUE(handedOver("Obj f() { Obj o; return o; }"));
  EXPECT_TRUE(handedOver("Obj f() { Obj o; return std::move(o); }"));
  EXPECT_TRUE(handedOver("void f(Holder &h) { Obj *o = new Obj; h.kept = o; }"));
  EXPECT_TRUE(handedOver("void f() { Obj *o = new Obj; global = o; }"));
  EXPECT_TRUE(handedOver(
      "void f(Holder &h) { std::unique_ptr<Obj> o(new Obj); h.kept = o.release(); }"));
  EXPECT_FALSE(handedOver("void f() { Obj o; o.change(); }"));
  EXPECT_FALSE(handedOver("void f() { Obj *o = new Obj; Obj *local = o; (void)local; }"));
  // Inside a nested lambda, the return is the lambda's.
  EXPECT_FALSE(handedOver("void f() { Obj o; auto l = [&] { return o; }; (void)l; }"));
}

/// Where the object made by the `new` in \p Code goes.
Sink::Kind sinkOfNew(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST = parse(Code);
  auto Found = match(cxxNewExpr().bind("n"), AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u) << Code;
  const auto *New = Found[0].getNodeAs<Expr>("n");
  auto Above = findAncestors(AST->getASTContext(), {New});
  EXPECT_TRUE(Above.count(New));
  return findSink(*New, Above[New]).What;
}

TEST(EscapeTest, SinkOfCreatedObject) {
  EXPECT_EQ(sinkOfNew("void f() { Obj *p = new Obj; (void)p; }"), Sink::Local);
  EXPECT_EQ(sinkOfNew("void f(Holder &h) { h.kept = new Obj; }"), Sink::Kept);
  EXPECT_EQ(sinkOfNew("Obj *f() { return new Obj; }"), Sink::HandedOver);
  EXPECT_EQ(sinkOfNew("Obj *f() { Obj *p = new Obj; return p; }"), Sink::HandedOver);
  EXPECT_EQ(sinkOfNew("struct C { Obj *m; C() : m(new Obj) {} };"), Sink::Kept);
  EXPECT_EQ(sinkOfNew("void f() { std::unique_ptr<Obj> p(new Obj); (void)p; }"),
            Sink::Local);
}

/// Whether the last use of `o` in `f` may hand it on.
bool lastUseHandsOn(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST = parse(Code);
  const auto *F = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                        AST->getASTContext())[0]
                      .getNodeAs<FunctionDecl>("f");
  // The chain from the body down to the last reference to `o`.
  llvm::SmallVector<const Stmt *, 16> Path, Last;
  auto Walk = [&](auto &Self, const Stmt *S) -> void {
    if (!S)
      return;
    Path.push_back(S);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl()->getName() == "o")
      Last = Path;
    for (const Stmt *Child : S->children())
      Self(Self, Child);
    Path.pop_back();
  };
  Walk(Walk, F->getBody());
  EXPECT_FALSE(Last.empty()) << Code;
  return mayHandOn(Last);
}

TEST(EscapeTest, UsesThatHandOn) {
  EXPECT_FALSE(lastUseHandsOn("void f() { Obj o; o.look(); }"));
  EXPECT_FALSE(lastUseHandsOn("void f() { Obj o; (void)sizeof(o); }"));
  EXPECT_FALSE(lastUseHandsOn("void f() { Obj o; Obj &r = o; (void)r; }"));
  EXPECT_TRUE(lastUseHandsOn("void f() { Obj o; o.change(); }"));
  EXPECT_TRUE(lastUseHandsOn("void take(Obj); void f() { Obj o; take(o); }"));
  EXPECT_TRUE(lastUseHandsOn("Obj f() { Obj o; return std::move(o); }"));
}

} // namespace

// ---- fateInFullExpression

namespace fate {

/// Records the statements above the call of `make` in the function `f`.
class ChainRecorder : public OwnBodyVisitor<ChainRecorder> {
public:
  std::vector<const Stmt *> Chain;
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getName() == "make")
      Chain.assign(stack().begin(), stack().end());
    return true;
  }
};

const char TaskPrelude[] = R"cpp(
#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object();
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
task make();
task wrap(task);
void keep(task);
void run_now(task);
struct box { void push_back(task); } tasks;
)cpp";

/// Calls \p Use with the fate of the task made in `f` of \p Code, while
/// the AST is alive.
template <class Fn> auto withFate(const std::string &Code, Fn Use) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(TaskPrelude + Code, {"-std=c++20"});
  auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                     AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u) << Code;
  ChainRecorder Recorder;
  Recorder.walk(*Found[0].getNodeAs<FunctionDecl>("f")->getBody());
  EXPECT_FALSE(Recorder.Chain.empty()) << Code;
  return Use(fateInFullExpression(Recorder.Chain, [](const CallExpr &Call) {
    const FunctionDecl *F = Call.getDirectCallee();
    return F && F->getName() == "run_now";
  }));
}

TaskFate::Kind fateIn(const std::string &Code) {
  return withFate(Code, [](const TaskFate &Fate) { return Fate.What; });
}

/// The name of what the task goes into, when its fate is \p Expected.
std::string intoName(const std::string &Code, TaskFate::Kind Expected) {
  return withFate(Code, [&](const TaskFate &Fate) {
    EXPECT_EQ(Fate.What, Expected) << Code;
    return Fate.Into ? Fate.Into->getNameAsString() : std::string();
  });
}

/// Whether the task is stored into an object that outlives `f`.
bool storedBeyond(const std::string &Code) {
  return withFate(Code, [](const TaskFate &Fate) {
    return Fate.What == TaskFate::Stored && Fate.Target &&
           outlivesFunction(*Fate.Target);
  });
}

TEST(EscapeTest, TaskFate) {
  EXPECT_EQ(fateIn("task f() { co_await make(); }"), TaskFate::Awaited);
  EXPECT_EQ(fateIn("task f() { co_await wrap(make()); }"), TaskFate::Awaited);
  EXPECT_EQ(fateIn("void f() { run_now(wrap(make())); }"), TaskFate::Awaited);
  EXPECT_EQ(fateIn("void f() { make(); }"), TaskFate::Dropped);
  EXPECT_EQ(fateIn("void f() { (void)make(); }"), TaskFate::Dropped);
  EXPECT_EQ(intoName("void f() { auto t = make(); }", TaskFate::Stored), "t");
  EXPECT_EQ(fateIn("void f() { tasks.push_back(make()); }"), TaskFate::Stored);
  EXPECT_EQ(fateIn("task f() { return make(); }"), TaskFate::Returned);
  EXPECT_EQ(intoName("void f() { keep(wrap(make())); }", TaskFate::HandedOn),
            "wrap");
}

TEST(EscapeTest, StoredBeyondTheFunction) {
  EXPECT_TRUE(storedBeyond("struct s { box b; void f(); }; void s::f() { b.push_back(make()); }"));
  EXPECT_TRUE(storedBeyond("struct s { task t; void f(); }; void s::f() { this->t = make(); }"));
  EXPECT_TRUE(storedBeyond("void f(box &out) { out.push_back(make()); }"));
  EXPECT_TRUE(storedBeyond("void f(box *out) { out->push_back(make()); }"));
  EXPECT_TRUE(storedBeyond("void f() { tasks.push_back(make()); }"));
  EXPECT_TRUE(storedBeyond("task kept[2]; void f() { kept[1] = make(); }"));
  EXPECT_TRUE(storedBeyond("void f() { static task t; t = make(); }"));
  EXPECT_FALSE(storedBeyond("void f() { box local; local.push_back(make()); }"));
  EXPECT_FALSE(storedBeyond("void f() { task local[2]; local[0] = make(); }"));
  EXPECT_FALSE(storedBeyond("struct pair { task t; }; void f() { pair p; p.t = make(); }"));
  EXPECT_FALSE(storedBeyond("void f() { auto t = make(); }"));
}

} // namespace fate
