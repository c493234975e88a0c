package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.txcheck.finding.Severity;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.CallFacts;
import dev.txcheck.txflow.HandleKey;
import dev.txcheck.txflow.Loops;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.TxEvent;
import java.util.Optional;

/** TX002: a commit, or a whole transaction, once per iteration of a loop. */
@RuleInfo(
    id = "TX002",
    name = "commit-in-loop",
    severity = Severity.WARNING,
    summary = "A commit runs once per iteration of a loop, splitting one unit of work into many.")
public final class CommitInLoop implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    for (MethodCallExpr call : body.callsInBody()) {
      CallFacts facts = body.calls().classify(call);
      // Only certain commits: a helper that commits on some of its paths is no evidence of a commit
      // per round.
      Optional<TxEvent> commit =
          facts.events().stream()
              .filter(e -> e.effect() == Effect.COMMIT && e.certain())
              .findFirst();
      if (commit.isEmpty() && !facts.callback()) {
        continue;
      }
      Optional<Node> loop = Loops.enclosingLoop(call, body.body(), body.calls());
      if (loop.isEmpty()
          || Loops.isChunked(call, loop.get())
          || Loops.leavesAfter(call, loop.get())
          || Loops.overFixedItems(loop.get())) {
        continue;
      }
      if (commit.isPresent() && isolatesEachRound(call, loop.get(), commit.get().handle(), body)) {
        continue; // one transaction per item on purpose: a failing item is rolled back alone
      }
      if (commit.isPresent()
          && Loops.declaresHandle(loop.get(), commit.get().handle())
          && !begunIn(loop.get(), commit.get(), body)) {
        continue; // a loop over transactions, each committed once
      }
      String what = Messages.shortText(call) + " on line " + Messages.line(call);
      String where = "the loop at line " + Messages.line(loop.get());
      reporter.report(
          call,
          commit.isPresent()
              ? what
                  + " runs once per iteration of "
                  + where
                  + "; commit once after the loop, or group the writes with JDBC batching"
              : what
                  + " runs a separate transaction per iteration of "
                  + where
                  + "; run the whole loop in one transaction, or commit in chunks");
    }
  }

  /** The commit sits in a try, inside the loop, whose catch rolls back the same transaction. */
  private static boolean isolatesEachRound(
      MethodCallExpr commit, Node loop, HandleKey handle, BodyContext body) {
    for (Node n = commit.getParentNode().orElse(null);
        n != null && n != loop;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof TryStmt tryStmt && commit.isDescendantOf(tryStmt.getTryBlock())) {
        for (CatchClause clause : tryStmt.getCatchClauses()) {
          for (MethodCallExpr call : Bodies.callsIn(clause)) {
            if (body.calls().classify(call).has(Effect.ROLLBACK, handle)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean begunIn(Node loop, TxEvent commit, BodyContext body) {
    for (MethodCallExpr other : body.callsInBody()) {
      if (other.isDescendantOf(loop)
          && body.calls().classify(other).has(Effect.BEGIN, commit.handle())) {
        return true;
      }
    }
    return false;
  }
}
