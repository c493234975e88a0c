package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a catch clause takes from its try block, told by exception types, on small bodies. */
class CaughtFailuresTest {
  private static final String HEADER =
      """
      import org.springframework.jdbc.core.JdbcTemplate;
      import org.springframework.dao.*;
      import jakarta.persistence.*;
      class ApiException extends RuntimeException {}
      class ApiTimeoutException extends ApiException {}
      interface Store { void put(String key); }
      class A {
        JdbcTemplate jdbc;
        EntityManager em;
        Store store;
      """;

  /** The failures of data calls that the first catch clause of {@code m} takes, by call name. */
  private static List<String> dataFailures(String members) {
    return caught(members).dataFailures().stream().map(MethodCallExpr::getNameAsString).toList();
  }

  private static CaughtFailures caught(String members) {
    MethodUnderTest m = MethodUnderTest.parse(HEADER + members + "\n}");
    CatchClause clause = m.method().findFirst(CatchClause.class).orElseThrow();
    return new CaughtFailures(clause, m.calls());
  }

  @Test
  void aCatchOfTheFailureTypeOfTheCallTakesIt() {
    assertThat(
            dataFailures(
                "void m() { try { jdbc.update(\"u\"); } catch (DataIntegrityViolationException e) {}"
                    + " }"))
        .containsExactly("update");
  }

  @Test
  void aJpaExceptionIsNoJdbcTemplateFailure() {
    assertThat(
            dataFailures(
                "void m() { try { jdbc.update(\"u\"); } catch (PersistenceException e) {} }"))
        .isEmpty();
  }

  @Test
  void aNoRowAnswerOfACallOutsideAnyProxyIsHarmless() {
    assertThat(
            dataFailures(
                "String m() { try { return jdbc.queryForObject(\"q\", String.class); }"
                    + " catch (EmptyResultDataAccessException e) { return null; } }"))
        .isEmpty();
  }

  @Test
  void aHelperThatWrapsEveryFailureLetsNoSubtypeOut() {
    assertThat(
            dataFailures(
                """
                void m() { try { copy(); } catch (ApiTimeoutException e) {} }
                void copy() {
                  try { store.put("k"); jdbc.update("u"); }
                  catch (ApiException e) { throw new ApiException(); }
                }
                """))
        .isEmpty();
  }

  @Test
  void theHelperStillLetsItsDataFailuresOut() {
    assertThat(
            dataFailures(
                """
                void m() { try { copy(); } catch (DataAccessException e) {} }
                void copy() {
                  try { store.put("k"); jdbc.update("u"); }
                  catch (ApiException e) { throw new ApiException(); }
                }
                """))
        .containsExactly("copy");
  }

  @Test
  void aLibraryCallThrowsNoDataAccessException() {
    MethodUnderTest m =
        MethodUnderTest.parse(
            HEADER + "void m(String s) { try { s.trim(); } catch (DataAccessException e) {} }\n}");
    CatchClause clause = m.method().findFirst(CatchClause.class).orElseThrow();
    assertThat(new CaughtFailures(clause, m.calls()).taken()).isEmpty();
  }

  @Test
  void aLoneFailedLookupWhoseAnswerGuardsTheWriteLosesNothing() {
    assertThat(
            lonely(
                """
                void m() {
                  String owner = null;
                  try { owner = jdbc.queryForObject("q", String.class); }
                  catch (DataAccessException e) {}
                  if (owner != null) { jdbc.update("u", owner); }
                }
                """))
        .isTrue();
  }

  @Test
  void aWriteAfterTheFailedLookupMakesItCount() {
    assertThat(
            lonely(
                """
                void m() {
                  String owner = "x";
                  try { owner = jdbc.queryForObject("q", String.class); }
                  catch (DataAccessException e) {}
                  jdbc.update("u", owner);
                }
                """))
        .isFalse();
  }

  private static boolean lonely(String members) {
    MethodUnderTest m = MethodUnderTest.parse(HEADER + members + "\n}");
    CatchClause clause = m.method().findFirst(CatchClause.class).orElseThrow();
    return new CaughtFailures(clause, m.calls()).onlyLoneReadsFail(m.cfg());
  }
}
