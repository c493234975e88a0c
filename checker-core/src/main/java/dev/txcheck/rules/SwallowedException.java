package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.CallFacts;
import dev.txcheck.txflow.CaughtFailures;
import dev.txcheck.txflow.Guards;
import dev.txcheck.txflow.HandleKey;
import dev.txcheck.txflow.Loops;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.Paths;
import dev.txcheck.txflow.ReportedWriteFailures;
import dev.txcheck.txflow.RollbackRules;
import dev.txcheck.txflow.TxAttributes;
import dev.txcheck.txflow.TxEvent;
import dev.txcheck.txflow.TxFlow;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * TX003: a catch block in transactional code that lets the transaction commit as if all went well.
 */
@RuleInfo(
    id = "TX003",
    name = "swallowed-exception",
    severity = Severity.ERROR,
    summary =
        "A catch block in transactional code neither rethrows nor rolls back, so partial work commits.")
public final class SwallowedException implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (body.isTestCode()) {
      return; // as TX001: a test's partial work lives on a test database, as long as the test
    }
    Optional<TxAttributes> declared =
        body.declarativeTransaction().filter(TxAttributes::writesCommit);
    declared.ifPresent(tx -> checkReportedWriteFailures(body, tx, reporter));
    List<CatchClause> clauses = Bodies.nodesIn(body.body(), CatchClause.class);
    if (clauses.isEmpty()) {
      return;
    }
    // A connection or session the body opens itself is not the declarative transaction's: its work
    // is judged as the programmatic transaction it holds, or auto-commits statement by statement.
    Set<HandleKey> opened = new HashSet<>();
    for (TxEvent event : body.eventsInBody()) {
      if (event.effect() == Effect.OPEN) {
        opened.add(event.handle());
      }
    }
    for (CatchClause clause : clauses) {
      TryStmt tryStmt = (TryStmt) clause.getParentNode().orElseThrow();
      if (firstDataCall(tryStmt, body).isEmpty()) {
        continue; // nothing transactional can have failed here
      }
      CaughtFailures caught = new CaughtFailures(clause, body.calls());
      List<MethodCallExpr> commits = caught.failedCommits(body.cfg());
      if (!commits.isEmpty()) {
        if (Loops.enclosingLoop(clause, body.body(), body.calls()).isEmpty()) {
          checkFailedCommit(body, clause, caught, commits.get(0), reporter);
        }
        continue; // a commit per item of a loop: a failed item is reported and skipped
      }
      List<MethodCallExpr> failed = caught.dataFailures();
      Optional<Node> halfDone = caught.failureAfterWork(body.cfg());
      if (failed.isEmpty() && halfDone.isEmpty()) {
        continue; // the clause takes no failure of data work (an S3Exception, a "no row" answer)
      }
      if (halfDone.isEmpty()
          && (caught.onlyLoneReadsFail(body.cfg()) || caught.onlyReadsFailInCode(body.cfg()))) {
        continue; // a lone failed lookup, or one the database never saw: nothing is lost
      }
      if (reusedAfterFailure(body, caught)) {
        continue; // TX011 reports the failed session that the code goes on with
      }
      Node work = failed.isEmpty() ? halfDone.get() : failed.get(0);
      if (declared.isPresent() && !caught.failuresOnlyOn(opened::contains)) {
        checkDeclarative(body, clause, caught, work, declared.get(), reporter);
      } else {
        checkProgrammatic(body, clause, caught, work, reporter);
      }
    }
  }

  private static Optional<MethodCallExpr> firstDataCall(TryStmt tryStmt, BodyContext body) {
    return Bodies.callsIn(tryStmt.getTryBlock()).stream()
        .filter(call -> body.calls().classify(call).data())
        .findFirst();
  }

  /**
   * A write that says it failed (no row changed, {@code false}) and a method that then returns
   * normally: the transaction commits the writes done before it, while the method reports failure.
   */
  private static void checkReportedWriteFailures(
      BodyContext body, TxAttributes tx, Reporter reporter) {
    if (Bodies.callsIn(body.body()).stream()
        .noneMatch(call -> body.calls().classify(call).write())) {
      return;
    }
    ReportedWriteFailures failures =
        new ReportedWriteFailures(body.cfg(), body.body(), body.calls());
    for (ReportedWriteFailures.Reported reported :
        failures.find(node -> undoes(body, node, null, false))) {
      reporter.report(
          reported.test(),
          "the method tests whether "
              + Messages.shortText(reported.failed())
              + " failed and then returns normally, in "
              + body.describe()
              + ", which runs in the transaction of "
              + tx.source()
              + ": the transaction commits "
              + (reported.done() == reported.failed()
                  ? "the other writes of the test"
                  : Messages.shortText(reported.done())
                      + " on line "
                      + Messages.line(reported.done()))
              + " although the method reports the work as failed; throw an exception (or mark the"
              + " transaction rollback-only) instead of returning");
    }
  }

  /** One defect, one finding: a swallowed session failure that TX011 reports is not TX003's. */
  private static boolean reusedAfterFailure(BodyContext body, CaughtFailures caught) {
    return body.callsAny(Effect.POISONS)
        && body.sessionFailures().reuses().stream().anyMatch(r -> caught.takesFrom(r.failed()));
  }

  /**
   * A commit that fails and is swallowed: the caller goes on as if the work were saved. Wherever
   * the transaction began, in this method or not.
   */
  private static void checkFailedCommit(
      BodyContext body,
      CatchClause clause,
      CaughtFailures caught,
      MethodCallExpr commit,
      Reporter reporter) {
    if (caught.swallowsFailedCommit(body.cfg(), commit)) {
      reporter.report(
          clause,
          "the catch block swallows the failure of "
              + Messages.shortText(commit)
              + " in "
              + body.describe()
              + ": the work was not committed, but the method returns as if it had been;"
              + " rethrow (wrapped or not) so that the caller learns it");
    }
  }

  /** The body's own transaction commits when the body returns normally. */
  private static void checkDeclarative(
      BodyContext body,
      CatchClause clause,
      CaughtFailures caught,
      Node work,
      TxAttributes tx,
      Reporter reporter) {
    RollbackRules rules = new RollbackRules(body.types().index());
    Predicate<CfgNode> rethrown = caught.rethrowsCollected(type -> !rules.commitsOn(tx, type));
    Predicate<CfgNode> stops = node -> undoes(body, node, null, false) || rethrown.test(node);
    for (CfgNode entry : body.cfg().nodesFor(clause)) {
      if (entry.kind() != NodeKind.CATCH) {
        continue;
      }
      boolean swallows =
          Paths.reachNormally(body.cfg(), entry, node -> node == body.cfg().normalExit(), stops)
              .isPresent();
      if (swallows) {
        Optional<MethodCallExpr> proxied =
            caught.dataFailures().stream()
                .filter(call -> body.calls().classify(call).proxy())
                .findFirst();
        // A failed JPA or Hibernate call marks the transaction rollback-only itself.
        Optional<MethodCallExpr> poisoned =
            caught.dataFailures().stream()
                .filter(call -> body.calls().classify(call).has(Effect.POISONS))
                .findFirst();
        String consequence =
            proxied.isPresent()
                ? Messages.shortText(proxied.get())
                    + " runs behind its own transactional proxy, which already marked the shared transaction"
                    + " rollback-only, so the commit fails later with UnexpectedRollbackException"
                : poisoned.isPresent()
                    ? "when "
                        + Messages.shortText(poisoned.get())
                        + " fails, the persistence provider marks the transaction rollback-only, so the"
                        + " commit fails later although the method returned normally"
                    : "the work done before the failure is committed without the rest";
        reporter.report(
            clause,
            "the catch block swallows the exception "
                + from(proxied.map(Node.class::cast).orElse(work))
                + " in "
                + body.describe()
                + ", which runs in the transaction of "
                + tx.source()
                + "; "
                + consequence
                + "; rethrow, or mark the transaction rollback-only");
        return;
      }
    }
  }

  /** Inside a programmatic transaction: swallowing matters when the code then goes on to commit. */
  private static void checkProgrammatic(
      BodyContext body, CatchClause clause, CaughtFailures caught, Node work, Reporter reporter) {
    Optional<Node> loop = Loops.enclosingLoop(clause, body.body(), body.calls());
    if (loop.isPresent() && !beginsPerRound(body, loop.get())) {
      // Skipping a failed item (reporting it, retrying it) and going on is what a loop that handles
      // failures per item is for; the failed statement itself was undone by the database.
      return;
    }
    TxFlow flow = body.flow(false);
    if (flow.sites().isEmpty()) {
      return;
    }
    Predicate<CfgNode> rethrown = caught.rethrowsCollected(type -> true);
    // A round's own commit, not the next round's: what the failed round left open is TX001's.
    Node nextRound = loop.map(Loops::head).orElse(null);
    for (CfgNode entry : body.cfg().nodesFor(clause)) {
      // only a transaction that holds work has partial work to commit: reads lose nothing
      BitSet open = entry.kind() == NodeKind.CATCH ? flow.workedBefore(entry) : null;
      if (open == null) {
        continue;
      }
      for (int site = open.nextSetBit(0); site >= 0; site = open.nextSetBit(site + 1)) {
        HandleKey handle = flow.handleOfSite(site);
        Optional<CfgNode> commit =
            Paths.reachNormally(
                body.cfg(),
                entry,
                node ->
                    flow.eventsAt(node).stream()
                            .anyMatch(e -> e.effect() == Effect.COMMIT && e.handle().equals(handle))
                        && !emulatesAutoCommit(body, node)
                        // a cleanup helper that rolls back, then switches auto-commit back on
                        && !undoes(body, node, handle, true),
                node ->
                    undoes(body, node, handle, false)
                        || rethrown.test(node)
                        || (nextRound != null && node.ast() == nextRound));
        if (commit.isPresent()) {
          reporter.report(
              clause,
              "the catch block swallows the exception "
                  + from(work)
                  + " and the code goes on to "
                  + Messages.shortText(commit.get().ast())
                  + " on line "
                  + Messages.line(commit.get().ast())
                  + ", committing "
                  + handle.display()
                  + "'s partial work; roll back (or rethrow) in the catch block");
          return;
        }
      }
    }
  }

  /** A commit that only does what the caller's auto-commit mode would have done (see Guards). */
  private static boolean emulatesAutoCommit(BodyContext body, CfgNode node) {
    return node.ast() instanceof MethodCallExpr call
        && Guards.onlyInAutoCommitMode(call, body.body());
  }

  /**
   * A transaction begins in each round of the loop: the round is a transaction of its own (a
   * scheduler thread's), not an item of one, and a failure it swallows commits the round half done.
   */
  private static boolean beginsPerRound(BodyContext body, Node loop) {
    Node round = loop instanceof MethodCallExpr ? body.body() : loop;
    return Bodies.callsIn(round).stream()
        .anyMatch(call -> body.calls().classify(call).has(Effect.BEGIN));
  }

  /** {@code from orders.save()}, or {@code thrown on line 12} for a throw statement. */
  private static String from(Node thrower) {
    return thrower instanceof MethodCallExpr || thrower instanceof ObjectCreationExpr
        ? "from " + Messages.shortText(thrower)
        : "thrown on line " + Messages.line(thrower);
  }

  /**
   * A node after which the transaction will not commit: a rollback, rollback-only, or a call that
   * always throws; with {@code certainOnly}, only one that does so on every path.
   */
  private static boolean undoes(
      BodyContext body, CfgNode node, HandleKey handle, boolean certainOnly) {
    if (node.kind() != NodeKind.CALL) {
      return false;
    }
    CallFacts facts = body.calls().classify((MethodCallExpr) node.ast());
    if (facts.alwaysThrows()) {
      return true;
    }
    for (TxEvent event : facts.events()) {
      if (event.effect().undoes()
          && (event.certain() || !certainOnly)
          && (handle == null || event.handle().equals(handle))) {
        return true;
      }
    }
    return false;
  }
}
