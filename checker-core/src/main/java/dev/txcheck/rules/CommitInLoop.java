package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.CallFacts;
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
      Optional<TxEvent> commit = facts.events().stream().filter(e -> e.effect() == Effect.COMMIT).findFirst();
      if (commit.isEmpty() && !facts.callback()) {
        continue;
      }
      Optional<Node> loop = Loops.enclosingLoop(call, body.body(), body.calls());
      if (loop.isEmpty() || Loops.isChunked(call, loop.get()) || Loops.leavesAfter(call, loop.get())) {
        continue;
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
              ? what + " runs once per iteration of " + where
                  + "; commit once after the loop, or group the writes with JDBC batching"
              : what + " runs a separate transaction per iteration of " + where
                  + "; run the whole loop in one transaction, or commit in chunks");
    }
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
