package dev.txcheck.txflow;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.flow.Cfg;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The transaction dataflow on small bodies: which begun transactions may leave the method open. */
class TxFlowTest {

  /**
   * Flow of method {@code m} in a class with the given body, importing java.sql and
   * javax.persistence.
   */
  private static TxFlow flow(String members, boolean checkedOnly) {
    return flow(members, checkedOnly, false);
  }

  private static TxFlow flow(String members, boolean checkedOnly, boolean callerBegins) {
    MethodUnderTest m =
        MethodUnderTest.parse(
            "import java.sql.*; import javax.persistence.*;\nclass A {\n" + members + "\n}");
    return new TxFlow(
        m.cfg(),
        m.calls(),
        MethodUnderTest.EXCEPTIONS,
        checkedOnly,
        callerBegins ? TxFlow.Begun.ALSO_BY_CALLER : TxFlow.Begun.BY_BEGIN_CALLS);
  }

  private static boolean openOnException(TxFlow flow) {
    BitSet open = flow.openBefore(cfgOf(flow).exceptionalExit());
    return open != null && !open.isEmpty();
  }

  private static boolean openOnReturn(TxFlow flow) {
    BitSet open = flow.openBefore(cfgOf(flow).normalExit());
    return open != null && !open.isEmpty();
  }

  private static Cfg cfgOf(TxFlow flow) {
    return flow.cfg();
  }

  @Test
  void anExceptionAfterTheBeginLeavesItOpen() {
    TxFlow f =
        flow(
            "void m(Connection c) throws SQLException { c.setAutoCommit(false); w(c); c.commit(); }"
                + " void w(Connection c) throws SQLException {}",
            false);
    assertThat(f.sites()).hasSize(1);
    assertThat(openOnException(f)).isTrue();
    assertThat(openOnReturn(f)).isFalse();
    assertThat(f.escapingThrow(0).orElseThrow().ast().toString()).isEqualTo("w(c)");
  }

  @Test
  void aRollbackInACatchClosesTheExceptionPath() {
    TxFlow f =
        flow(
            "void m(Connection c) throws SQLException { c.setAutoCommit(false);"
                + " try { c.createStatement().execute(\"x\"); c.commit(); } catch (SQLException e) { c.rollback(); throw e; } }",
            true);
    assertThat(openOnException(f)).isFalse();
    // Without the checked-only view, a RuntimeException slips past the catch.
    TxFlow all =
        flow(
            "void m(Connection c) throws SQLException { c.setAutoCommit(false);"
                + " try { c.createStatement().execute(\"x\"); c.commit(); } catch (SQLException e) { c.rollback(); throw e; } }",
            false);
    assertThat(openOnException(all)).isTrue();
  }

  @Test
  void aGuardedRollbackInFinallyCounts() {
    TxFlow f =
        flow(
            "void m(Connection c) throws SQLException { boolean done = false; c.setAutoCommit(false);"
                + " try { c.createStatement().execute(\"x\"); c.commit(); done = true; }"
                + " finally { if (!done) c.rollback(); } }",
            false);
    assertThat(openOnException(f)).isFalse();
    assertThat(openOnReturn(f)).isFalse();
  }

  @Test
  void anEarlyReturnLeavesItOpen() {
    TxFlow f =
        flow(
            "void m(Connection c, boolean skip) throws SQLException { c.setAutoCommit(false);"
                + " try { if (skip) return; c.commit(); } catch (SQLException e) { c.rollback(); throw e; } }",
            true);
    assertThat(openOnReturn(f)).isTrue();
    assertThat(f.openReturn(0).orElseThrow().ast().toString()).isEqualTo("return;");
  }

  @Test
  void anAccessorAliasIsTheSameTransaction() {
    TxFlow f =
        flow(
            "void m(EntityManager em) { EntityTransaction tx = em.getTransaction(); em.getTransaction().begin();"
                + " try { em.persist(this); tx.commit(); } catch (RuntimeException e) { tx.rollback(); throw e; } }",
            false);
    assertThat(f.handleOfSite(0).display()).isEqualTo("em");
    assertThat(openOnException(f)).isFalse();
  }

  @Test
  void checkedExceptionsCannotLeaveAMethodThatDeclaresNone() {
    TxFlow f =
        flow(
            "void m(EntityManager em) { em.getTransaction().begin();"
                + " try { em.persist(this); em.getTransaction().commit(); }"
                + " catch (RuntimeException e) { em.getTransaction().rollback(); throw e; } }",
            false);
    assertThat(openOnException(f)).isFalse();
  }

  @Test
  void aHelperThatRollsBackItsParameterCounts() {
    TxFlow f =
        flow(
            "void m(Connection c) throws SQLException { c.setAutoCommit(false);"
                + " try { c.createStatement().execute(\"x\"); c.commit(); } catch (Exception e) { quietly(c); throw e; } }"
                + " private void quietly(Connection c) { try { c.rollback(); } catch (SQLException ignored) { } }",
            false);
    assertThat(openOnException(f)).isFalse();
  }

  @Test
  void cleanupCallsInCatchBlocksAreNotJudged() {
    TxFlow f =
        flow(
            "void m(Connection c) throws SQLException { c.setAutoCommit(false);"
                + " try { c.createStatement().execute(\"x\"); c.commit(); }"
                + " catch (SQLException e) { log(e); c.rollback(); throw e; } }"
                + " void log(Exception e) throws SQLException {}",
            true);
    assertThat(openOnException(f)).isFalse();
  }

  @Test
  void aTransactionTheCallerBeganIsOpenAtTheEntryOnlyWhenAskedFor() {
    String body =
        "void m(Connection c) throws SQLException { w(c); c.commit(); }"
            + " void w(Connection c) throws SQLException {}";
    TxFlow own = flow(body, false);
    assertThat(own.sites()).isEmpty();
    assertThat(openOnException(own)).isFalse();
    TxFlow callers = flow(body, false, true);
    assertThat(callers.sites()).isEmpty(); // no begin call: the site stands for the caller's begin
    assertThat(callers.sitesOf(callers.handleOfSite(0)).cardinality()).isEqualTo(1);
    assertThat(openOnException(callers)).isTrue();
    assertThat(openOnReturn(callers)).isFalse();
  }

  @Test
  void aFinallyCopyRunsWithAPendingExceptionOnlyOnTheExceptionPath() {
    TxFlow f =
        flow(
            "void m(Connection c) throws SQLException { c.setAutoCommit(false);"
                + " try { w(c); w(c); } finally { c.commit(); } }"
                + " void w(Connection c) throws SQLException {}",
            false);
    Cfg cfg = f.cfg();
    var commit =
        cfg.nodes().stream()
            .filter(
                n ->
                    n.ast() instanceof com.github.javaparser.ast.expr.MethodCallExpr call
                        && call.getNameAsString().equals("commit"))
            .toList();
    assertThat(commit.size()).isAtLeast(2); // the fall-through copy and the exception copies
    assertThat(commit.stream().filter(cfg::runsWithPendingException).count()).isAtLeast(1);
    assertThat(commit.stream().filter(n -> !cfg.runsWithPendingException(n)).count()).isEqualTo(1);
    // The copy for w()'s checked exception is reached with the transaction open; the copy for an
    // unchecked one is not reached at all: w() does no work that could fail unchecked.
    var reached =
        commit.stream()
            .filter(cfg::runsWithPendingException)
            .filter(n -> f.openBefore(n) != null)
            .toList();
    assertThat(reached).isNotEmpty();
    for (var node : reached) {
      assertThat(f.openBefore(node).isEmpty()).isFalse(); // the exception left w() mid-work
    }
  }
}
