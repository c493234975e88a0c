package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.txcheck.types.ProjectIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A summary does not depend on which question came first: summaries are cached and shared by every
 * later question, so one cut short on a deep chain would be kept for all.
 */
class HelperSummariesOrderTest {
  /** {@code step0} calls {@code step1} ... calls {@code step11}, which writes. */
  private static final String CHAIN;

  static {
    StringBuilder source =
        new StringBuilder(
            "import org.springframework.jdbc.core.JdbcTemplate;\nclass Chain {\n  JdbcTemplate jdbc;\n");
    for (int i = 0; i < 11; i++) {
      source.append("  void step").append(i).append("() { step").append(i + 1).append("(); }\n");
    }
    source.append("  void step11() { jdbc.update(\"delete from t\"); }\n}\n");
    CHAIN = source.toString();
  }

  private static boolean dataOfStep5(boolean askRootFirst) {
    CompilationUnit cu = MethodUnderTest.unit(CHAIN);
    ProjectIndex index = ProjectIndex.build(List.of(cu), MethodUnderTest.CATALOG);
    HelperSummaries summaries = new HelperSummaries(MethodUnderTest.CATALOG, index);
    if (askRootFirst) {
      summaries.summaryOf(named(cu, "step0"));
    }
    return summaries.summaryOf(named(cu, "step5")).data();
  }

  @Test
  void aDeepHelperIsSummarisedTheSameWhoeverAsksFirst() {
    assertThat(dataOfStep5(false)).isTrue();
    assertThat(dataOfStep5(true)).isTrue();
  }

  /** {@code a} writes and may call {@code b}, which calls {@code a}: a recursion. */
  private static final String CYCLE =
      """
      import org.springframework.jdbc.core.JdbcTemplate;
      class Cycle {
        JdbcTemplate jdbc;
        void a(int n) { jdbc.update("delete from t"); if (n > 0) { b(n - 1); } }
        void b(int n) { a(n); }
      }
      """;

  /**
   * Asked first, {@code a} meets itself unfinished inside {@code b}; what {@code b} got then was
   * cached as {@code b}'s summary (no data work) for every later question.
   */
  @Test
  void aRecursionIsSummarisedTheSameWhicheverMemberIsAskedFirst() {
    for (String first : List.of("a", "b")) {
      CompilationUnit cu = MethodUnderTest.unit(CYCLE);
      ProjectIndex index = ProjectIndex.build(List.of(cu), MethodUnderTest.CATALOG);
      HelperSummaries summaries = new HelperSummaries(MethodUnderTest.CATALOG, index);
      summaries.summaryOf(named(cu, first));
      summaries.doesWork(named(cu, first));
      summaries.units().of(named(cu, first));
      for (String member : List.of("a", "b")) {
        assertThat(summaries.summaryOf(named(cu, member)).data()).isTrue();
        assertThat(summaries.doesWork(named(cu, member))).isTrue();
        // a's write, and again through b: more than one unit, whoever asked first
        assertThat(summaries.units().of(named(cu, member)).units()).isEqualTo(2);
      }
    }
  }

  private static MethodDeclaration named(CompilationUnit cu, String name) {
    return cu.findAll(MethodDeclaration.class, m -> m.getNameAsString().equals(name)).get(0);
  }
}
