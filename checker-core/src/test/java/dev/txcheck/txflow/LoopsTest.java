package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopsTest {
  private static final JavaParser PARSER =
      new JavaParser(
          new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));

  private record Case(MethodDeclaration method, CallClassifier calls) {
    MethodCallExpr call(String name) {
      return method.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(name)).get(0);
    }

    Optional<Node> loopOf(String name) {
      return Loops.enclosingLoop(call(name), method, calls);
    }
  }

  private static Case method(String body) {
    MethodUnderTest m =
        MethodUnderTest.parse("class A { void m(java.util.List<String> xs) { " + body + " } }");
    return new Case(m.method(), m.calls());
  }

  @Test
  void forInitializerAndForeachIterableRunOnce() {
    assertThat(method("for (int i = start(); i < 3; i = next()) { body(); }").loopOf("start"))
        .isEmpty();
    assertThat(method("for (int i = start(); i < 3; i = next()) { body(); }").loopOf("next"))
        .isPresent();
    assertThat(method("for (int i = start(); i < 3; i++) { body(); }").loopOf("body")).isPresent();
    assertThat(method("for (String x : items()) { body(); }").loopOf("items")).isEmpty();
    assertThat(method("for (String x : items()) { body(); }").loopOf("body")).isPresent();
    assertThat(method("do { body(); } while (more());").loopOf("body")).isPresent();
  }

  @Test
  void aForEachLambdaIsALoopOfItsOwnBody() {
    Case c = method("xs.forEach(x -> body());");
    Node lambda =
        c.call("body").findAncestor(com.github.javaparser.ast.expr.LambdaExpr.class).orElseThrow();
    assertThat(Loops.enclosingLoop(c.call("body"), lambda, c.calls()).orElseThrow())
        .isSameInstanceAs(c.call("forEach"));
  }

  @Test
  void countingConditions() {
    assertThat(Loops.isCounting(expr("++n % batchSize == 0"))).isTrue();
    assertThat(Loops.isCounting(expr("count >= BATCH"))).isTrue();
    assertThat(Loops.isCounting(expr("i == items.size() - 1"))).isTrue();
    assertThat(Loops.isCounting(expr("rows > 500"))).isTrue();
    assertThat(Loops.isCounting(expr("x != null"))).isFalse();
    assertThat(Loops.isCounting(expr("ok && valid"))).isFalse();
  }

  @Test
  void chunkedCommitsAndChunkLoops() {
    Case c = method("for (String x : xs) { if (++n % 100 == 0) commit(); }");
    assertThat(Loops.isChunked(c.call("commit"), c.loopOf("commit").orElseThrow())).isTrue();
    c = method("do { n = deleteSome(LIMIT); commit(); } while (n == LIMIT);");
    assertThat(Loops.isChunked(c.call("commit"), c.loopOf("commit").orElseThrow())).isTrue();
    c = method("do { deleted = deleteSome(); commit(); } while (deleted > 0);");
    assertThat(Loops.isChunked(c.call("commit"), c.loopOf("commit").orElseThrow())).isTrue();
    // An index loop is no chunk loop, whatever its names.
    c = method("int i = 0; while (i < codes.size()) { update(codes.get(i++)); commit(); }");
    assertThat(Loops.isChunked(c.call("commit"), c.loopOf("commit").orElseThrow())).isFalse();
    c = method("for (String x : xs) { if (x != null) commit(); }");
    assertThat(Loops.isChunked(c.call("commit"), c.loopOf("commit").orElseThrow())).isFalse();
  }

  @Test
  void retryLoopsLeaveAfterTheCommit() {
    Case c =
        method(
            "while (true) { try { work(); commit(); break; } catch (RuntimeException e) { retry(); } }");
    assertThat(Loops.leavesAfter(c.call("commit"), c.loopOf("commit").orElseThrow())).isTrue();
    c =
        method(
            "for (String x : xs) { try { work(); commit(); return; } catch (RuntimeException e) { } }");
    assertThat(Loops.leavesAfter(c.call("commit"), c.loopOf("commit").orElseThrow())).isTrue();
    c = method("boolean done = false; while (!done) { work(); commit(); done = true; }");
    assertThat(Loops.leavesAfter(c.call("commit"), c.loopOf("commit").orElseThrow())).isTrue();
    // A plain break inside a switch leaves the switch, not the loop.
    c = method("for (String x : xs) { switch (x) { case \"a\": commit(); break; default: } }");
    assertThat(Loops.leavesAfter(c.call("commit"), c.loopOf("commit").orElseThrow())).isFalse();
    c = method("for (String x : xs) { work(); commit(); }");
    assertThat(Loops.leavesAfter(c.call("commit"), c.loopOf("commit").orElseThrow())).isFalse();
  }

  @Test
  void loopsOverAFewWrittenOutItems() {
    Case c = method("for (String t : new String[] {\"a\", \"b\"}) { commit(); }");
    assertThat(Loops.overFixedItems(c.loopOf("commit").orElseThrow())).isTrue();
    c = method("for (String t : List.of(a, b)) { commit(); }");
    assertThat(Loops.overFixedItems(c.loopOf("commit").orElseThrow())).isTrue();
    c = method("for (String t : xs) { commit(); }");
    assertThat(Loops.overFixedItems(c.loopOf("commit").orElseThrow())).isFalse();
  }

  private static Expression expr(String code) {
    return PARSER.parseExpression(code).getResult().orElseThrow();
  }
}
