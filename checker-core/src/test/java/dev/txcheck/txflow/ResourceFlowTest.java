package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Opened resources on small bodies: which stay open at an exit, and which are owned elsewhere. */
class ResourceFlowTest {

  /** Flow of method {@code m} in a class with a DataSource field {@code ds} and these members. */
  private static ResourceFlow flow(String members) {
    MethodUnderTest m =
        MethodUnderTest.parse(
            "import java.sql.*; import javax.sql.DataSource;\nclass A {\n DataSource ds;"
                + " Connection kept;\n"
                + members
                + "\n}");
    return new ResourceFlow(m.cfg(), m.calls(), MethodUnderTest.EXCEPTIONS);
  }

  @Test
  void aCloseSkippedByAnExceptionLeaks() {
    ResourceFlow f =
        flow(
            "void m() throws SQLException { Connection c = ds.getConnection();"
                + " c.createStatement().execute(\"x\"); c.close(); }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.openReturn(0)).isEmpty();
    assertThat(f.escapingThrow(0).orElseThrow().ast().toString()).isEqualTo("c.createStatement()");
  }

  @Test
  void aCloseInFinallyUnderANullCheckCloses() {
    ResourceFlow f =
        flow(
            "void m() throws SQLException { Connection c = null; try { c = ds.getConnection();"
                + " c.createStatement().execute(\"x\"); } finally { if (c != null) c.close(); } }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.openReturn(0)).isEmpty();
    assertThat(f.escapingThrow(0)).isEmpty();
  }

  @Test
  void anEarlyReturnLeaks() {
    ResourceFlow f =
        flow(
            "int m(boolean b) throws SQLException { Connection c = ds.getConnection();"
                + " try { if (b) return 1; c.createStatement(); } catch (SQLException e) {"
                + " c.close(); throw e; } c.close(); return 0; }");
    assertThat(f.openReturn(0).orElseThrow().ast().toString()).isEqualTo("return 1;");
  }

  @Test
  void aHelperOfTheSourcesThatClosesCounts() {
    ResourceFlow f =
        flow(
            "void m() throws SQLException { Connection c = ds.getConnection(); try {"
                + " c.createStatement(); } finally { release(c); } }"
                + " static void release(Connection c) { try { c.close(); } catch (SQLException e)"
                + " {} }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.escapingThrow(0)).isEmpty();
    assertThat(f.openReturn(0)).isEmpty();
  }

  @Test
  void resourcesHandedOverAreNotOpenAfterwards() {
    for (String body :
        List.of(
            "Connection m() throws SQLException { Connection c = ds.getConnection(); return c; }",
            "void m() throws SQLException { Connection c = ds.getConnection(); kept = c; }",
            "Object m() throws SQLException { Connection c = ds.getConnection(); return new"
                + " Object[] {c}; }",
            "void m(java.util.List<Connection> l) throws SQLException { Connection c ="
                + " ds.getConnection(); l.add(c); }",
            "Object m() throws SQLException { Connection c = ds.getConnection(); return new"
                + " StringBuilder(c.toString()).append(c); }")) {
      ResourceFlow f = flow(body);
      assertThat(f.sites()).hasSize(1);
      assertThat(f.openReturn(0)).isEmpty();
    }
  }

  @Test
  void beforeItIsHandedOverTheResourceIsStillTheBodys() {
    ResourceFlow f =
        flow(
            "Connection m() throws SQLException { Connection c = ds.getConnection();"
                + " c.setReadOnly(true); return c; }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.openReturn(0)).isEmpty();
    assertThat(f.escapingThrow(0).orElseThrow().ast().toString()).isEqualTo("c.setReadOnly(true)");
  }

  @Test
  void aCapturedResourceIsHandedOverWhereTheLambdaIsCreated() {
    ResourceFlow handedOver =
        flow(
            "Runnable m() throws SQLException { Connection c = ds.getConnection(); return ()"
                + " -> System.out.println(c); }");
    assertThat(handedOver.sites()).hasSize(1);
    assertThat(handedOver.openReturn(0)).isEmpty();
    assertThat(handedOver.escapingThrow(0)).isEmpty();
    ResourceFlow leaksBefore =
        flow(
            "Runnable m() throws SQLException { Connection c = ds.getConnection();"
                + " c.createStatement().execute(\"x\"); return () -> System.out.println(c); }");
    assertThat(leaksBefore.escapingThrow(0)).isPresent(); // the statement fails before the capture
  }

  @Test
  void aHelperThatOnlyUsesTheConnectionDoesNotOwnIt() {
    ResourceFlow f =
        flow(
            "void m() throws SQLException { Connection c = ds.getConnection(); use(c); }"
                + " static void use(Connection c) throws SQLException { c.createStatement(); }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.openReturn(0)).isPresent();
  }

  @Test
  void aConnectionUsedOnceInAChainIsNeverClosed() {
    ResourceFlow f =
        flow(
            "void m() throws SQLException { ds.getConnection().createStatement().execute(\"x\"); }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.openReturn(0)).isPresent();
  }

  @Test
  void aNullResourceIsNotOpen() {
    ResourceFlow f =
        flow(
            "Connection m() throws SQLException { Connection c = ds.getConnection(); if (c =="
                + " null) { throw new IllegalStateException(); } return c; }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.escapingThrow(0)).isEmpty();
  }

  @Test
  void callsThatCannotFailWithADatabaseErrorAreNotTakenToThrow() {
    ResourceFlow f =
        flow(
            "Connection m(java.util.logging.Logger log) throws SQLException { Connection c ="
                + " ds.getConnection(); log.fine(\"got one\"); return c; }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.escapingThrow(0)).isEmpty();
  }

  @Test
  void tryWithResourcesIsNoSite() {
    assertThat(
            flow("void m() throws SQLException { try (Connection c = ds.getConnection()) {"
                    + " c.createStatement(); } }")
                .sites())
        .isEmpty();
  }
}
