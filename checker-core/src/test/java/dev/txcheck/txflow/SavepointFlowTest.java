package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Pending savepoints on small bodies. */
class SavepointFlowTest {

  private static SavepointFlow flow(String members) {
    MethodUnderTest m = MethodUnderTest.parse("import java.sql.*;\nclass A {\n" + members + "\n}");
    return new SavepointFlow(m.cfg(), m.calls(), MethodUnderTest.EXCEPTIONS);
  }

  @Test
  void aFailureAfterTheSavepointLeavesItPending() {
    SavepointFlow f =
        flow(
            "void m(Connection c) throws SQLException { Savepoint sp = c.setSavepoint();"
                + " c.createStatement().execute(\"x\"); c.releaseSavepoint(sp); }");
    assertThat(f.sites()).hasSize(1);
    assertThat(f.escapingThrow(0)).isPresent();
    assertThat(f.pendingAfterFailure(0)).isEmpty();
  }

  @Test
  void aSwallowedFailureWithoutRollbackLeavesItPendingAtTheEnd() {
    SavepointFlow f =
        flow(
            "void m(Connection c) { try { Savepoint sp = c.setSavepoint();"
                + " c.createStatement().execute(\"x\"); c.releaseSavepoint(sp); } catch"
                + " (SQLException e) { } }");
    assertThat(f.pendingAfterFailure(0)).isPresent();
  }

  @Test
  void rollingBackToItInTheCatchEndsIt() {
    SavepointFlow f =
        flow(
            "void m(Connection c) throws SQLException { Savepoint sp = c.setSavepoint(); try {"
                + " c.createStatement().execute(\"x\"); } catch (SQLException e) { c.rollback(sp);"
                + " throw e; } }");
    assertThat(f.escapingThrow(0)).isEmpty();
    assertThat(f.pendingAfterFailure(0)).isEmpty();
  }

  @Test
  void rollingBackToAnEarlierSavepointEndsTheLaterOnes() {
    SavepointFlow f =
        flow(
            "void m(Connection c) throws SQLException { Savepoint a = c.setSavepoint(); try {"
                + " Savepoint b = c.setSavepoint(); c.createStatement().execute(\"x\"); } catch"
                + " (SQLException e) { c.rollback(a); throw e; } }");
    assertThat(f.sites()).hasSize(2);
    assertThat(f.escapingThrow(0)).isEmpty();
    assertThat(f.escapingThrow(1)).isEmpty();
  }

  @Test
  void aSavepointEndedOnAnotherConnectionIsFound() {
    SavepointFlow f =
        flow(
            "void m(Connection a, Connection b) throws SQLException { Savepoint sp ="
                + " a.setSavepoint(); b.rollback(sp); a.rollback(sp); }");
    assertThat(f.endedOnOtherConnection()).hasSize(1);
    assertThat(f.endedOnOtherConnection().get(0).toString()).isEqualTo("b.rollback(sp)");
  }
}
