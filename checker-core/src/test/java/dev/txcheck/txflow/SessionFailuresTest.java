package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions used after one of their calls failed, on small bodies. */
class SessionFailuresTest {

  /** "use@line <- failed@line" for each reuse in method {@code m}; the class has a field em. */
  private static List<String> reuses(String members) {
    MethodUnderTest m =
        MethodUnderTest.parse(
            "import javax.persistence.*;\nclass A {\n EntityManager em; EntityManagerFactory"
                + " emf;\n"
                + members
                + "\n}");
    SessionFailures failures = new SessionFailures(m.cfg(), m.calls(), MethodUnderTest.EXCEPTIONS);
    return failures.reuses().stream()
        .map(
            r ->
                r.use().getNameAsString()
                    + "@"
                    + r.use().getBegin().get().line
                    + " <- "
                    + r.failed().getNameAsString()
                    + "@"
                    + r.failed().getBegin().get().line)
        .toList();
  }

  @Test
  void aSessionUsedInTheCatchOfItsFailedFlush() {
    assertThat(
            reuses(
                "void m(Object a, Object b) {\n try { em.persist(a); em.flush(); }\n catch"
                    + " (PersistenceException e) { em.persist(b); } }"))
        .containsExactly("persist@6 <- persist@5");
  }

  @Test
  void theNextRoundOfALoopReusesTheSession() {
    assertThat(
            reuses(
                "void m(java.util.List<Object> items) {\n for (Object item : items) {\n try {"
                    + " em.merge(item);\n em.flush(); } catch (PersistenceException e) {} } }"))
        .containsExactly("merge@6 <- merge@6");
  }

  @Test
  void rollingBackOrRethrowingEndsIt() {
    assertThat(
            reuses(
                "void m(Object a, Object b) {\n try { em.persist(a); em.flush(); }\n catch"
                    + " (PersistenceException e) { em.getTransaction().rollback(); }\n"
                    + " em.persist(b); }"))
        .isEmpty();
    assertThat(
            reuses(
                "void m(Object a) {\n try { em.persist(a); em.flush(); }\n catch"
                    + " (PersistenceException e) { throw e; }\n em.find(Object.class, 1); }"))
        .isEmpty();
  }

  @Test
  void aNewEntityManagerPerRoundIsFresh() {
    assertThat(
            reuses(
                "void m(java.util.List<Object> items) {\n for (Object item : items) {\n"
                    + " EntityManager local = emf.createEntityManager();\n try { local.persist(item);"
                    + " local.flush(); } catch (PersistenceException e) {} finally {"
                    + " local.close(); } } }"))
        .isEmpty();
  }

  @Test
  void aQueryFailureReachesTheSessionThroughTheQuery() {
    assertThat(
            reuses(
                "Object m(Object a) {\n try { return em.createQuery(\"q\").getSingleResult(); }\n"
                    + " catch (PersistenceException e) { em.persist(a); return a; } }"))
        .containsExactly("persist@6 <- getSingleResult@5");
  }

  @Test
  void aNoResultAnswerLeavesTheSessionUsableUnderAWildcardImport() {
    assertThat(
            reuses(
                "Object m(Object a) {\n try { return em.createQuery(\"q\").getSingleResult(); }\n"
                    + " catch (NoResultException e) { em.persist(a); return a; } }"))
        .isEmpty();
  }
}
