package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import org.junit.jupiter.api.Test;

class BranchesTest {

  private static boolean exclusive(String body) {
    MethodDeclaration m =
        MethodUnderTest.parse(
                "class A { void m(int x, java.util.List<Integer> xs) { " + body + " } }")
            .method();
    return Branches.exclusive(call(m, "a"), call(m, "b"));
  }

  private static MethodCallExpr call(MethodDeclaration m, String name) {
    return m.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(name)).get(0);
  }

  @Test
  void branchesOfOneChoiceAreAlternatives() {
    assertThat(exclusive("if (x > 0) { a(); } else { b(); }")).isTrue();
    assertThat(exclusive("if (x > 0) a(); else if (x < 0) b();")).isTrue();
    assertThat(exclusive("int y = x > 0 ? a() : b();")).isTrue();
    assertThat(exclusive("try { a(); } catch (RuntimeException e) { b(); }")).isTrue();
    assertThat(exclusive("switch (x) { case 1: a(); break; default: b(); }")).isTrue();
    assertThat(exclusive("switch (x) { case 1 -> a(); default -> b(); }")).isTrue();
  }

  @Test
  void stepsInSequenceOrFallingThroughBothRun() {
    assertThat(exclusive("a(); b();")).isFalse();
    assertThat(exclusive("if (x > 0) { a(); } b();")).isFalse();
    assertThat(exclusive("if (x > 0) { a(); b(); }")).isFalse();
    assertThat(exclusive("switch (x) { case 1: a(); default: b(); }")).isFalse();
    assertThat(exclusive("try { a(); } finally { b(); }")).isFalse();
    assertThat(exclusive("for (int i : xs) { if (i > 0) { a(); } else { b(); } }")).isTrue();
  }

  @Test
  void writesInLoopsOfTheirOwnAreSeparateBatches() {
    MethodDeclaration m =
        MethodUnderTest.parse(
                "class A { void m(java.util.List<Integer> xs) {"
                    + " for (int i : xs) { a(); } for (int i : xs) { b(); c(); } d(); } }")
            .method();
    assertThat(Loops.inSeparateLoops(call(m, "a"), call(m, "b"), m)).isTrue();
    assertThat(Loops.inSeparateLoops(call(m, "b"), call(m, "c"), m)).isFalse();
    assertThat(Loops.inSeparateLoops(call(m, "a"), call(m, "d"), m)).isFalse();
  }
}
