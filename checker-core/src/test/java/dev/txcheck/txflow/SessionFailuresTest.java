package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.txcheck.flow.CfgBuilder;
import dev.txcheck.flow.DefaultExceptionModel;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions used after one of their calls failed, on small bodies. */
class SessionFailuresTest {
  private static final ApiCatalog CATALOG = ApiCatalog.bundled();

  /** "use@line <- failed@line" for each reuse in method {@code m}; the class has a field em. */
  private static List<String> reuses(String members) {
    CompilationUnit cu =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
            .parse(
                "import javax.persistence.*;\nclass A {\n EntityManager em; EntityManagerFactory"
                    + " emf;\n"
                    + members
                    + "\n}")
            .getResult()
            .orElseThrow();
    ProjectIndex index = ProjectIndex.build(List.of(cu), CATALOG);
    CallClassifier calls =
        new CallClassifier(
            new TypeResolver(cu, index, CATALOG), new HelperSummaries(CATALOG, index));
    MethodDeclaration m =
        cu.findAll(MethodDeclaration.class, d -> d.getNameAsString().equals("m")).get(0);
    SessionFailures failures =
        new SessionFailures(
            CfgBuilder.build(m, new DefaultExceptionModel()), calls, new DefaultExceptionModel());
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
                    + " catch (NoResultException e) { em.persist(a); return a; } }"))
        .containsExactly("persist@6 <- getSingleResult@5");
  }
}
