package dev.txcheck.flow;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CfgBuilderTest {
  private static final ExceptionModel MODEL = new DefaultExceptionModel();

  // ---------------------------------------------------------------- straight line, expressions

  @Test
  void straightLineHasNormalAndBothExceptionalEdges() {
    Cfg cfg =
        method(
            """
            void m(Connection c) throws Exception {
              c.setAutoCommit(false);
              int n = work(c);
              c.commit();
            }
            """);
    assertThat(cfg.entry().id()).isEqualTo(0);
    assertThat(edges(cfg))
        .containsExactly(
            "entry -NORMAL-> call c.setAutoCommit(false)",
            "call c.setAutoCommit(false) -NORMAL-> call work(c)",
            "call c.setAutoCommit(false) -CHECKED_EXCEPTION-> exc-exit",
            "call c.setAutoCommit(false) -UNCHECKED_EXCEPTION-> exc-exit",
            "call work(c) -NORMAL-> assign n",
            "call work(c) -CHECKED_EXCEPTION-> exc-exit",
            "call work(c) -UNCHECKED_EXCEPTION-> exc-exit",
            "assign n -NORMAL-> call c.commit()",
            "call c.commit() -NORMAL-> exit",
            "call c.commit() -CHECKED_EXCEPTION-> exc-exit",
            "call c.commit() -UNCHECKED_EXCEPTION-> exc-exit");
  }

  @Test
  void expressionsAreFlattenedInEvaluationOrder() {
    Cfg cfg =
        method(
            """
            void m() {
              a.b(c(), d()).e(new Foo(f()));
              x = y = g();
            }
            """);
    assertThat(normalChain(cfg))
        .containsExactly(
            "call c()",
            "call d()",
            "call a.b(c(), d())",
            "call f()",
            "new Foo",
            "call a.b(c(), d()).e(new Foo(f()))",
            "call g()",
            "assign y",
            "assign x",
            "exit")
        .inOrder();
  }

  @Test
  void ternaryBranchesInsideTheExpression() {
    Cfg cfg =
        method(
            """
            void m() {
              int v = c() ? a() : b();
              use(v);
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "call c() -NORMAL-> cond c()",
            "cond c() -TRUE-> call a()",
            "cond c() -FALSE-> call b()",
            "call a() -NORMAL-> assign v",
            "call b() -NORMAL-> assign v",
            "assign v -NORMAL-> call use(v)");
    assertThat(edges(cfg)).doesNotContain("call a() -NORMAL-> call b()");
  }

  // ---------------------------------------------------------------- if and loops

  @Test
  void ifElseAndIfWithoutElse() {
    Cfg cfg =
        method(
            """
            void m() {
              if (check()) { a(); } else { b(); }
              if (other()) { c(); }
              d();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "call check() -NORMAL-> cond check()",
            "cond check() -TRUE-> call a()",
            "cond check() -FALSE-> call b()",
            "call a() -NORMAL-> call other()",
            "call b() -NORMAL-> call other()",
            "cond other() -TRUE-> call c()",
            "cond other() -FALSE-> call d()",
            "call c() -NORMAL-> call d()");
  }

  @Test
  void whileWithBreakAndContinue() {
    Cfg cfg =
        method(
            """
            void m() {
              while (more()) {
                if (skip()) continue;
                if (stop()) break;
                work();
              }
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "entry -NORMAL-> call more()",
            "cond more() -TRUE-> call skip()",
            "cond more() -FALSE-> call done()",
            "cond skip() -TRUE-> continue",
            "continue -NORMAL-> call more()",
            "cond stop() -TRUE-> break",
            "break -NORMAL-> call done()",
            "call work() -NORMAL-> call more()");
    assertThat(successors(cfg, "break")).containsExactly("NORMAL call done()");
  }

  @Test
  void doWhileContinueGoesToTheCondition() {
    Cfg cfg =
        method(
            """
            void m() {
              do {
                if (skip()) continue;
                work();
              } while (more());
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "entry -NORMAL-> call skip()",
            "continue -NORMAL-> call more()",
            "call work() -NORMAL-> call more()",
            "cond more() -TRUE-> call skip()",
            "cond more() -FALSE-> call done()");
  }

  @Test
  void forRunsInitOnceAndContinueGoesToTheUpdate() {
    Cfg cfg =
        method(
            """
            void m() {
              for (int i = init(); i < n(); i = next(i)) {
                if (x()) continue;
                work();
              }
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "entry -NORMAL-> call init()",
            "call init() -NORMAL-> assign i",
            "assign i -NORMAL-> call n()",
            "cond i < n() -TRUE-> call x()",
            "cond i < n() -FALSE-> call done()",
            "continue -NORMAL-> call next(i)",
            "call work() -NORMAL-> call next(i)",
            "call next(i) -NORMAL-> assign i");
    // the update's assignment goes back to the test, never to init
    assertThat(nodes(cfg, "assign i")).hasSize(2);
    assertThat(predecessors(cfg, "call init()")).containsExactly("NORMAL entry");
  }

  @Test
  void forWithoutConditionIsLeftOnlyByBreak() {
    Cfg cfg =
        method(
            """
            void m() {
              for (;;) {
                if (stop()) break;
                work();
              }
              done();
            }
            """);
    assertThat(nodes(cfg, NodeKind.CONDITION)).hasSize(1); // only the if
    assertThat(edges(cfg))
        .containsAtLeast(
            "call work() -NORMAL-> call stop()",
            "break -NORMAL-> call done()",
            "entry -NORMAL-> call stop()");
    assertThat(predecessors(cfg, "call done()")).containsExactly("NORMAL break");
  }

  @Test
  void emptyInfiniteLoopMakesWhatFollowsUnreachable() {
    Cfg cfg = method("void m() { for (;;) {} after(); }");
    assertThat(predecessors(cfg, "call after()")).isEmpty();
    assertThat(cfg.entry().successors()).isEmpty();
  }

  @Test
  void forEachGoesThroughTheForeachNode() {
    Cfg cfg =
        method(
            """
            void m() {
              for (String s : items()) {
                if (skip(s)) continue;
                work(s);
              }
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "call items() -NORMAL-> foreach items()",
            "foreach items() -NORMAL-> call skip(s)",
            "foreach items() -NORMAL-> call done()",
            "continue -NORMAL-> foreach items()",
            "call work(s) -NORMAL-> foreach items()");
    assertThat(successors(cfg, "foreach items()"))
        .containsExactly("NORMAL call skip(s)", "NORMAL call done()");
  }

  @Test
  void labeledBreakAndContinueReachTheOuterLoop() {
    Cfg cfg =
        method(
            """
            void m() {
              outer:
              for (String a : as()) {
                for (String b : bs()) {
                  if (x()) continue outer;
                  if (y()) break outer;
                  if (z()) break;
                }
                afterInner();
              }
              block: {
                if (w()) break block;
                inBlock();
              }
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "continue outer -NORMAL-> foreach as()",
            "break outer -NORMAL-> call w()",
            "break -NORMAL-> call afterInner()",
            "foreach bs() -NORMAL-> call afterInner()",
            "break block -NORMAL-> call done()",
            "call inBlock() -NORMAL-> call done()");
  }

  // ---------------------------------------------------------------- exceptions

  @Test
  void specificCatchCatchesCheckedOnly() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                work();
              } catch (SQLException e) {
                rollback();
              }
              after();
            }
            """);
    assertThat(successors(cfg, "call work()"))
        .containsExactly(
            "NORMAL call after()",
            "CHECKED_EXCEPTION catch SQLException",
            "UNCHECKED_EXCEPTION exc-exit");
    assertThat(edges(cfg))
        .containsAtLeast(
            "catch SQLException -NORMAL-> call rollback()",
            "call rollback() -NORMAL-> call after()");
    // the catch node is registered for its clause
    CatchClause clause = cfg.body().findFirst(CatchClause.class).orElseThrow();
    assertThat(cfg.nodesFor(clause)).hasSize(1);
    assertThat(cfg.nodesFor(clause).get(0).kind()).isEqualTo(NodeKind.CATCH);
  }

  @Test
  void catchClausesAreTriedInOrderAndMultiCatchIsTheUnion() {
    Cfg cfg =
        method(
            """
            void m() {
              try { a(); } catch (IllegalStateException e) { first(); } catch (Exception e) { second(); }
              try { b(); } catch (IOException | IllegalArgumentException e) { both(); }
              try { c(); } catch (Throwable t) { any(); }
            }
            """);
    assertThat(successors(cfg, "call a()"))
        .containsAtLeast(
            "UNCHECKED_EXCEPTION catch IllegalStateException", "CHECKED_EXCEPTION catch Exception");
    assertThat(successors(cfg, "call b()"))
        .containsAtLeast(
            "CHECKED_EXCEPTION catch IOException | IllegalArgumentException",
            "UNCHECKED_EXCEPTION catch IOException | IllegalArgumentException");
    assertThat(successors(cfg, "call c()"))
        .containsAtLeast(
            "CHECKED_EXCEPTION catch Throwable", "UNCHECKED_EXCEPTION catch Throwable");
  }

  @Test
  void explicitThrowOfAKnownTypeRaisesItsKindOnly() {
    Cfg cfg =
        method(
            """
            void m(Exception e) {
              if (bad()) throw new IllegalStateException("x");
              if (worse()) throw new SQLException("y");
              throw e;
            }
            """);
    List<CfgNode> throwsInOrder = nodes(cfg, NodeKind.THROW);
    assertThat(throwsInOrder).hasSize(3);
    assertThat(successorsOf(throwsInOrder.get(0))).containsExactly("UNCHECKED_EXCEPTION exc-exit");
    assertThat(successorsOf(throwsInOrder.get(1))).containsExactly("CHECKED_EXCEPTION exc-exit");
    assertThat(successorsOf(throwsInOrder.get(2)))
        .containsExactly("CHECKED_EXCEPTION exc-exit", "UNCHECKED_EXCEPTION exc-exit");
    assertThat(edges(cfg)).contains("new IllegalStateException -NORMAL-> throw");
  }

  @Test
  void throwInsideACatchGoesOutwardNotToASiblingCatch() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                try {
                  work();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                } catch (RuntimeException e) {
                  sibling();
                }
              } catch (IllegalStateException e) {
                outer();
              }
            }
            """);
    assertThat(successors(cfg, "throw"))
        .containsExactly("UNCHECKED_EXCEPTION catch IllegalStateException");
    assertThat(successors(cfg, "call work()"))
        .containsAtLeast(
            "CHECKED_EXCEPTION catch SQLException", "UNCHECKED_EXCEPTION catch RuntimeException");
  }

  @Test
  void aCatchOfOneUncheckedTypeLetsTheOtherUncheckedExceptionsPass() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                work();
                if (c()) throw new IllegalArgumentException("bad");
              } catch (IllegalArgumentException e) {
                handle();
              }
            }
            """);
    // A NullPointerException of work() is not an IllegalArgumentException.
    assertThat(successors(cfg, "call work()"))
        .containsAtLeast(
            "UNCHECKED_EXCEPTION catch IllegalArgumentException", "UNCHECKED_EXCEPTION exc-exit");
    // What the code throws itself, by the name the clause catches, is caught whole.
    assertThat(successors(cfg, "throw"))
        .containsExactly("UNCHECKED_EXCEPTION catch IllegalArgumentException");
  }

  @Test
  void aCatchOfRuntimeExceptionTakesEveryUncheckedException() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                work();
              } catch (RuntimeException e) {
                handle();
              }
            }
            """);
    assertThat(successors(cfg, "call work()")).doesNotContain("UNCHECKED_EXCEPTION exc-exit");
  }

  // ---------------------------------------------------------------- finally

  @Test
  void finallyIsCopiedPerContinuation() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                work();
                if (c()) return;
              } finally {
                cleanup();
              }
              after();
            }
            """);
    TryStmt tryStmt = cfg.body().findFirst(TryStmt.class).orElseThrow();
    // fall-through, CHECKED, UNCHECKED, return
    assertThat(cfg.nodesFor(tryStmt.getFinallyBlock().orElseThrow())).hasSize(4);
    assertThat(nodes(cfg, "call cleanup()")).hasSize(4);

    CfgNode work = node(cfg, "call work()");
    CfgNode ret = node(cfg, "return");
    Predicate<CfgNode> cleanup = n -> label(n).equals("call cleanup()");
    for (CfgEdge edge : work.successors()) {
      if (edge.kind().isExceptional()) {
        CfgNode handler = edge.to();
        assertThat(label(handler)).isEqualTo("finally");
        assertWithMessage("exception path skips the finally")
            .that(reaches(handler, cfg.exceptionalExit(), cleanup))
            .isFalse();
        assertThat(reaches(handler, cfg.exceptionalExit(), n -> false)).isTrue();
        // an exception copy never continues into the code after the try
        assertThat(reaches(handler, node(cfg, "call after()"), n -> false)).isFalse();
      }
    }
    assertThat(reaches(ret, cfg.normalExit(), n -> false)).isTrue();
    assertThat(reaches(ret, cfg.normalExit(), cleanup)).isFalse();
    assertThat(reaches(ret, node(cfg, "call after()"), n -> false)).isFalse();
    assertThat(edges(cfg))
        .containsAtLeast(
            "call cleanup() -NORMAL-> call after()", "call cleanup() -NORMAL-> exc-exit");
  }

  @Test
  void breakPassesThroughTheFinally() {
    Cfg cfg =
        method(
            """
            void m() {
              for (String s : items()) {
                try {
                  if (x()) break;
                  work();
                } finally {
                  cleanup();
                }
              }
              done();
            }
            """);
    CfgNode brk = node(cfg, "break");
    assertThat(successorsOf(brk)).containsExactly("NORMAL finally");
    assertThat(reaches(brk, node(cfg, "call done()"), n -> false)).isTrue();
    assertThat(reaches(brk, node(cfg, "call done()"), n -> label(n).equals("call cleanup()")))
        .isFalse();
    // the break's copy does not go back to the loop
    assertThat(reaches(brk, node(cfg, "foreach items()"), n -> false)).isFalse();
  }

  @Test
  void nestedFinallyBlocksRunInnerThenOuter() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                try {
                  work();
                } finally {
                  inner();
                }
              } finally {
                outer();
              }
            }
            """);
    CfgNode work = node(cfg, "call work()");
    CfgNode viaChecked = target(work, EdgeKind.CHECKED_EXCEPTION);
    Predicate<CfgNode> inner = n -> label(n).equals("call inner()");
    Predicate<CfgNode> outer = n -> label(n).equals("call outer()");
    assertThat(reaches(viaChecked, cfg.exceptionalExit(), inner)).isFalse();
    assertThat(reaches(viaChecked, cfg.exceptionalExit(), outer)).isFalse();
    assertThat(reaches(viaChecked, cfg.normalExit(), n -> false)).isFalse();
    // normal, CHECKED, UNCHECKED copies of each
    assertThat(nodes(cfg, "call inner()")).hasSize(3);
    assertThat(nodes(cfg, "call outer()")).hasSize(3);
    assertThat(edges(cfg)).contains("call inner() -NORMAL-> finally");
  }

  @Test
  void finallyThenOuterCatch() {
    Cfg cfg =
        method(
            """
            void m() {
              try {
                try { work(); } finally { inner(); }
              } catch (SQLException e) {
                handle();
              }
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "call inner() -NORMAL-> catch SQLException", "call inner() -NORMAL-> exc-exit");
    assertThat(edges(cfg)).contains("call inner() -CHECKED_EXCEPTION-> catch SQLException");
  }

  // ---------------------------------------------------------------- try-with-resources

  @Test
  void resourcesCloseInReverseOrderOnEveryWayOut() {
    Cfg cfg =
        method(
            """
            void m() {
              try (Connection c = open(); Statement s = c.createStatement()) {
                work(s);
              } catch (SQLException e) {
                handle();
              }
              after();
            }
            """);
    assertThat(normalChain(cfg))
        .containsExactly(
            "call open()",
            "assign c",
            "call c.createStatement()",
            "assign s",
            "call work(s)",
            "close s",
            "close c",
            "call after()",
            "exit")
        .inOrder();
    // failure opening the second resource closes the first only
    assertThat(successors(cfg, "call c.createStatement()")).contains("CHECKED_EXCEPTION close c");
    // failure opening the first closes nothing
    assertThat(successors(cfg, "call open()"))
        .containsAtLeast("CHECKED_EXCEPTION catch SQLException", "UNCHECKED_EXCEPTION exc-exit");
    // failure in the body: close s, then c, then the catch
    CfgNode afterWork = target(node(cfg, "call work(s)"), EdgeKind.CHECKED_EXCEPTION);
    assertThat(label(afterWork)).isEqualTo("close s");
    assertThat(successorsOf(afterWork)).contains("NORMAL close c");
    assertThat(edges(cfg)).contains("close c -NORMAL-> catch SQLException");
    assertThat(nodes(cfg, "close s")).hasSize(3); // normal, CHECKED, UNCHECKED
    VariableDeclarationExpr first =
        cfg.body().findFirst(VariableDeclarationExpr.class).orElseThrow();
    assertThat(cfg.nodesFor(first).stream().allMatch(n -> n.kind() == NodeKind.RESOURCE_CLOSE))
        .isTrue();
    // every close may throw
    for (CfgNode close : nodes(cfg, NodeKind.RESOURCE_CLOSE)) {
      assertThat(close.successors().stream().map(CfgEdge::kind).toList())
          .containsAtLeast(EdgeKind.CHECKED_EXCEPTION, EdgeKind.UNCHECKED_EXCEPTION);
    }
  }

  @Test
  void returnFromTryWithResourcesClosesFirst() {
    Cfg cfg =
        method(
            """
            int m() {
              try (Connection c = open()) {
                return count(c);
              } finally {
                log();
              }
            }
            """);
    CfgNode ret = node(cfg, "return");
    assertThat(successorsOf(ret)).containsExactly("NORMAL close c");
    assertThat(reaches(ret, cfg.normalExit(), n -> label(n).equals("call log()"))).isFalse();
    assertThat(reaches(ret, cfg.normalExit(), n -> false)).isTrue();
  }

  // ---------------------------------------------------------------- switch

  @Test
  void oldStyleSwitchFallsThrough() {
    Cfg cfg =
        method(
            """
            void m() {
              switch (k()) {
                case 1: a();
                case 2: b(); break;
                default: c();
              }
              switch (j()) {
                case 1: d(); break;
              }
              e();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "call k() -NORMAL-> switch k()",
            "switch k() -NORMAL-> call a()",
            "switch k() -NORMAL-> call b()",
            "switch k() -NORMAL-> call c()",
            "call a() -NORMAL-> call b()",
            "break -NORMAL-> call j()",
            "call c() -NORMAL-> call j()",
            "switch j() -NORMAL-> call d()",
            "switch j() -NORMAL-> call e()");
    assertThat(successors(cfg, "switch k()")).hasSize(3); // no way past: there is a default
  }

  @Test
  void arrowSwitchExpressionWithYield() {
    Cfg cfg =
        method(
            """
            void m() {
              int v = switch (k()) {
                case 1 -> one();
                case 2 -> { two(); yield 2; }
                default -> throw new IllegalStateException();
              };
              use(v);
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "switch k() -NORMAL-> call one()",
            "switch k() -NORMAL-> call two()",
            "switch k() -NORMAL-> new IllegalStateException",
            "call one() -NORMAL-> assign v",
            "call two() -NORMAL-> yield 2",
            "yield 2 -NORMAL-> assign v",
            "throw -UNCHECKED_EXCEPTION-> exc-exit");
    assertThat(successors(cfg, "switch k()")).hasSize(3);
    assertThat(edges(cfg)).doesNotContain("call one() -NORMAL-> call two()");
  }

  @Test
  void guardedPatternCaseFallsToTheNextCaseWhenTheGuardFails() {
    Cfg cfg =
        method(
            """
            void m(Object o) {
              switch (o) {
                case String s when s.isEmpty() -> empty();
                case String s -> str(s);
                default -> other();
              }
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "switch o -NORMAL-> call s.isEmpty()",
            "call s.isEmpty() -NORMAL-> cond s.isEmpty()",
            "cond s.isEmpty() -TRUE-> call empty()",
            "cond s.isEmpty() -FALSE-> call str(s)",
            "switch o -NORMAL-> call str(s)",
            "call empty() -NORMAL-> call done()",
            "call other() -NORMAL-> call done()");
  }

  @Test
  void switchExpressionInsideAnExpressionIsFlattenedInPlace() {
    Cfg cfg =
        method(
            "void m(int k) { use(before(), switch (k) { case 1 -> one(); default -> { yield two(); } }); }");
    List<String> chain = normalChainFrom(node(cfg, "call before()"));
    assertThat(chain).hasSize(4);
    assertThat(chain.subList(0, 2)).containsExactly("switch k", "call one()").inOrder();
    assertThat(chain.get(2)).startsWith("call use(before(), switch");
    assertThat(chain.get(3)).isEqualTo("exit");
    assertThat(edges(cfg)).contains("call two() -NORMAL-> yield two()");
    assertThat(successors(cfg, "yield two()")).hasSize(1);
    assertThat(label(target(node(cfg, "yield two()"), EdgeKind.NORMAL))).startsWith("call use(");
  }

  // ---------------------------------------------------------------- bodies

  @Test
  void lambdaIsItsOwnGraphAndAddsNothingToTheMethod() {
    CompilationUnit unit =
        parse(
            """
            class T {
              void m() {
                before();
                Runnable r = () -> { inside(); };
                Function<X, Y> f = x -> x.go();
                Object anon = new Object() { void run() { hidden(); } };
                after();
              }
            }
            """);
    Cfg cfg = CfgBuilder.build(unit.findFirst(CallableDeclaration.class).orElseThrow(), MODEL);
    assertThat(normalChain(cfg))
        .containsExactly(
            "call before()",
            "assign r",
            "assign f",
            "new Object",
            "assign anon",
            "call after()",
            "exit")
        .inOrder();
    List<LambdaExpr> lambdas = unit.findAll(LambdaExpr.class);
    assertThat(edges(CfgBuilder.build(lambdas.get(0), MODEL)))
        .containsAtLeast("entry -NORMAL-> call inside()", "call inside() -NORMAL-> exit");
    Cfg expressionBody = CfgBuilder.build(lambdas.get(1), MODEL);
    assertThat(edges(expressionBody))
        .containsAtLeast("entry -NORMAL-> call x.go()", "call x.go() -NORMAL-> exit");
    assertThat(nodes(expressionBody, NodeKind.RETURN)).isEmpty();
  }

  @Test
  void methodWithoutBodyIsEntryToExit() {
    CompilationUnit unit = parse("interface I { void m(); }");
    Cfg cfg = CfgBuilder.build(unit.findFirst(CallableDeclaration.class).orElseThrow(), MODEL);
    assertThat(edges(cfg)).containsExactly("entry -NORMAL-> exit");
    assertThat(cfg.nodes()).hasSize(3);
    assertThat(cfg.exceptionalExit().kind()).isEqualTo(NodeKind.EXCEPTIONAL_EXIT);
  }

  @Test
  void constructorCallsAndInitializers() {
    CompilationUnit unit =
        parse(
            """
            class T {
              T(int x) { this(compute(x), 1); done(); }
              static { init(); }
            }
            """);
    Cfg constructor =
        CfgBuilder.build(unit.findFirst(CallableDeclaration.class).orElseThrow(), MODEL);
    assertThat(edges(constructor))
        .containsAtLeast(
            "call compute(x) -NORMAL-> this(compute(x), 1);",
            "this(compute(x), 1); -NORMAL-> call done()",
            "this(compute(x), 1); -CHECKED_EXCEPTION-> exc-exit",
            "this(compute(x), 1); -UNCHECKED_EXCEPTION-> exc-exit");
    Cfg initializer =
        CfgBuilder.build(unit.findFirst(InitializerDeclaration.class).orElseThrow(), MODEL);
    assertThat(edges(initializer)).contains("entry -NORMAL-> call init()");
  }

  @Test
  void otherStatementsBuild() {
    Cfg cfg =
        method(
            """
            void m(Object o) {
              synchronized (lock()) { work(); }
              assert check() : msg();
              class Local { void x() { hidden(); } }
              record Point(int x, int y) {}
              var list = new ArrayList<String>();
              if (o instanceof String s && s.isEmpty()) { ;; }
              i++;
              done();
            }
            """);
    assertThat(edges(cfg))
        .containsAtLeast(
            "call lock() -NORMAL-> call work()",
            "call work() -NORMAL-> call check()",
            "cond check() -FALSE-> call msg()",
            "cond check() -TRUE-> new ArrayList<String>",
            "call msg() -NORMAL-> new ArrayList<String>",
            "new ArrayList<String> -NORMAL-> assign list",
            "call s.isEmpty() -NORMAL-> cond o instanceof String s && s.isEmpty()");
    assertThat(nodes(cfg, "call hidden()")).isEmpty();
  }

  @Test
  void unreachableCodeStillGetsNodes() {
    Cfg cfg = method("void m() { return; dead(); }");
    assertThat(nodes(cfg, "call dead()")).hasSize(1);
    assertThat(predecessors(cfg, "call dead()")).isEmpty();
    assertThat(edges(cfg)).contains("return -NORMAL-> exit");
  }

  // ---------------------------------------------------------------- depth

  @Test
  void deepChainsDoNotOverflowTheStack() throws Exception {
    StringBuilder source = new StringBuilder("class T { void m(StringBuilder b, String x) { b");
    source.append(".append(x)".repeat(3000)).append("; String s = x");
    source.append(" + x".repeat(5000)).append("; } }");
    // JavaParser's own validation recurses per level, so parse with a big stack (as the engine's
    // workers do)...
    CompilationUnit unit = onThread(1L << 30, () -> parse(source.toString()));
    Node method = unit.findFirst(CallableDeclaration.class, c -> true).orElseThrow();
    // ...but the builder must cope with a small one.
    Cfg cfg = onThread(256 * 1024, () -> CfgBuilder.build(method, MODEL));
    List<CfgNode> calls = nodes(cfg, NodeKind.CALL);
    assertThat(calls).hasSize(3000);
    MethodCallExpr innermost = (MethodCallExpr) calls.get(0).ast();
    assertThat(innermost.getScope().orElseThrow()).isInstanceOf(NameExpr.class);
    assertThat(calls.get(2999).ast().getParentNode().orElseThrow().getClass().getSimpleName())
        .isEqualTo("ExpressionStmt");
    assertThat(label(calls.get(2999).successors().get(0).to())).isEqualTo("assign s");
  }

  // ================================================================= helpers

  private static CompilationUnit parse(String source) {
    ParseResult<CompilationUnit> result =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
            .parse(source);
    assertWithMessage("%s", result.getProblems()).that(result.isSuccessful()).isTrue();
    return result.getResult().orElseThrow();
  }

  /** The graph of the first method in {@code source}, wrapped into a class. */
  private static Cfg method(String source) {
    CompilationUnit unit = parse("class T {\n" + source + "\n}");
    return CfgBuilder.build(unit.findFirst(CallableDeclaration.class).orElseThrow(), MODEL);
  }

  /** A short, stable name for a node, used in edge strings. */
  static String label(CfgNode n) {
    Node ast = n.ast();
    return switch (n.kind()) {
      case ENTRY -> "entry";
      case NORMAL_EXIT -> "exit";
      case EXCEPTIONAL_EXIT -> "exc-exit";
      case CALL, CONDITION -> (n.kind() == NodeKind.CALL ? "call " : "cond ") + ast;
      case NEW -> "new " + ((ObjectCreationExpr) ast).getType();
      case ASSIGN ->
          "assign "
              + (ast instanceof VariableDeclarator d
                  ? d.getNameAsString()
                  : ((AssignExpr) ast).getTarget().toString());
      case RETURN -> "return";
      case THROW -> "throw";
      case CATCH -> "catch " + ((CatchClause) ast).getParameter().getType();
      case RESOURCE_CLOSE ->
          "close "
              + (ast instanceof VariableDeclarationExpr v
                  ? v.getVariable(0).getNameAsString()
                  : ast.toString());
      case SWITCH -> "switch " + ast.getChildNodes().get(0);
      case FOREACH -> "foreach " + ((ForEachStmt) ast).getIterable();
      case JUMP, CONSTRUCTOR_CALL ->
          n.kind() == NodeKind.JUMP ? ast.toString().replace(";", "") : ast.toString();
      case FINALLY -> "finally";
    };
  }

  private static List<String> edges(Cfg cfg) {
    List<String> out = new ArrayList<>();
    for (CfgNode n : cfg.nodes()) {
      for (CfgEdge e : n.successors()) {
        out.add(label(n) + " -" + e.kind() + "-> " + label(e.to()));
      }
    }
    return out;
  }

  private static List<CfgNode> nodes(Cfg cfg, String label) {
    return cfg.nodes().stream().filter(n -> label(n).equals(label)).toList();
  }

  private static List<CfgNode> nodes(Cfg cfg, NodeKind kind) {
    return cfg.nodes().stream().filter(n -> n.kind() == kind).toList();
  }

  /** The only node with this label. */
  private static CfgNode node(Cfg cfg, String label) {
    List<CfgNode> found = nodes(cfg, label);
    assertWithMessage("nodes labeled %s in\n%s", label, cfg).that(found).hasSize(1);
    return found.get(0);
  }

  private static List<String> successors(Cfg cfg, String label) {
    return successorsOf(node(cfg, label));
  }

  private static List<String> successorsOf(CfgNode n) {
    return n.successors().stream().map(e -> e.kind() + " " + label(e.to())).toList();
  }

  private static List<String> predecessors(Cfg cfg, String label) {
    return node(cfg, label).predecessors().stream()
        .map(e -> e.kind() + " " + label(e.from()))
        .toList();
  }

  private static CfgNode target(CfgNode from, EdgeKind kind) {
    List<CfgNode> targets =
        from.successors().stream().filter(e -> e.kind() == kind).map(CfgEdge::to).toList();
    assertThat(targets).hasSize(1);
    return targets.get(0);
  }

  /** Labels along the first non-exceptional successor of each node, from the entry to the end. */
  private static List<String> normalChain(Cfg cfg) {
    return normalChainFrom(cfg.entry());
  }

  private static List<String> normalChainFrom(CfgNode start) {
    List<String> out = new ArrayList<>();
    CfgNode n = start;
    while (true) {
      CfgNode next = null;
      for (CfgEdge e : n.successors()) {
        if (!e.kind().isExceptional()) {
          next = e.to();
          break;
        }
      }
      if (next == null || out.size() > 10_000) {
        return out;
      }
      out.add(label(next));
      n = next;
    }
  }

  /**
   * Is there a path from {@code from} to {@code to} (any edges) not passing a node matching {@code
   * avoid}?
   */
  private static boolean reaches(CfgNode from, CfgNode to, Predicate<CfgNode> avoid) {
    BitSet seen = new BitSet();
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(from);
    seen.set(from.id());
    while (!work.isEmpty()) {
      CfgNode n = work.poll();
      if (n == to) {
        return true;
      }
      for (CfgEdge e : n.successors()) {
        CfgNode next = e.to();
        if (!seen.get(next.id()) && (next == to || !avoid.test(next))) {
          seen.set(next.id());
          work.add(next);
        }
      }
    }
    return false;
  }

  private static <T> T onThread(long stackSize, Callable<T> task) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(task.call());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "cfg-test",
            stackSize);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    return result.get();
  }
}
