package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.Loops;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.Paths;
import dev.txcheck.txflow.TxEvent;
import dev.txcheck.txflow.TxFlow;
import dev.txcheck.txflow.Work;
import java.util.BitSet;
import java.util.Optional;

/**
 * TX002: a commit once per round of a loop that splits one unit of work: the transaction it commits
 * was open before the loop with work in it, so the first round commits that work with its own, and
 * a failure in a later round leaves the unit half done. A loop of transactions of their own (one
 * per item, one per chunk, one per migration step) is a design, not this bug.
 */
@RuleInfo(
    id = "TX002",
    name = "commit-in-loop",
    severity = Severity.WARNING,
    summary =
        "A commit in a loop splits a transaction begun before it, committing the earlier work with the first round only.")
public final class CommitInLoop implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    for (Loops.Round round : Loops.rounds(body.body(), body.calls())) {
      commitOf(round.call(), body)
          .ifPresent(commit -> check(round.call(), commit, round.loop(), body, reporter));
    }
  }

  /**
   * A certain commit: a helper that commits only on some of its paths ({@code if
   * (!conn.getAutoCommit())}) is no evidence of a commit per round.
   */
  private static Optional<TxEvent> commitOf(MethodCallExpr call, BodyContext body) {
    return body.calls().classify(call).events().stream()
        .filter(e -> e.effect() == Effect.COMMIT && e.certain())
        .findFirst();
  }

  private static void check(
      MethodCallExpr call, TxEvent commit, Node loop, BodyContext body, Reporter reporter) {
    if (Loops.isChunked(call, loop)
        || Loops.leavesAfter(call, loop)
        || Loops.overFixedItems(loop)
        || Loops.declaresHandle(loop, commit.handle())
        || (!(loop instanceof MethodCallExpr) && !runsEveryRound(call, body))) {
      return;
    }
    TxFlow flow = body.flow(false, TxFlow.Begun.ALSO_BY_CALLER);
    BitSet sites = flow.sitesOf(commit.handle());
    Optional<MethodCallExpr> pending = Optional.empty();
    for (CfgEdge entry : Loops.entryEdges(body.cfg(), loop)) {
      Optional<MethodCallExpr> write = Work.pendingWriteAlong(entry, flow, sites, body.calls());
      if (write.isPresent()
          && (pending.isEmpty() || Bodies.startsBefore(write.get(), pending.get()))) {
        pending = write;
      }
    }
    if (pending.isEmpty()) {
      return; // each round is a transaction of its own: one per item, chunk or step, by design
    }
    reporter.report(
        call,
        Messages.shortText(call)
            + " on line "
            + Messages.line(call)
            + " commits "
            + commit.handle().display()
            + "'s work from before the loop at line "
            + Messages.line(loop)
            + " ("
            + Messages.shortText(pending.get())
            + " on line "
            + Messages.line(pending.get())
            + ") with the first round only; a failure in a later round leaves it committed with part"
            + " of the loop's work; commit once after the loop, or commit that work on its own before"
            + " the loop");
  }

  /** The commit can run again in a later round (no break, return or rethrow always follows it). */
  private static boolean runsEveryRound(MethodCallExpr call, BodyContext body) {
    for (CfgNode node : body.cfg().nodesFor(call)) {
      if (Paths.returnsTo(body.cfg(), node)) {
        return true;
      }
    }
    return false;
  }
}
