package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.Guards;
import dev.txcheck.txflow.HandleKey;
import dev.txcheck.txflow.Loops;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.TxEvent;
import dev.txcheck.txflow.TxFlow;
import dev.txcheck.txflow.Work;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** TX010: a commit in a finally block, which also runs when the try block failed. */
@RuleInfo(
    id = "TX010",
    name = "commit-in-finally",
    severity = Severity.ERROR,
    summary = "A commit in a finally block commits the partial work of a try block that failed.")
public final class CommitInFinally implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    for (MethodCallExpr call : body.callsInBody()) {
      Optional<BlockStmt> finallyBlock = Bodies.enclosingFinally(call, body.body());
      if (finallyBlock.isEmpty()) {
        continue;
      }
      // A helper that commits only on some paths is not judged; a catalogued call whose argument is
      // computed (setAutoCommit(previous), restoring the mode) commits when it may be true.
      boolean catalogued = !body.types().catalogMatches(call).isEmpty();
      Optional<HandleKey> committed =
          body.calls().classify(call).events().stream()
              .filter(e -> e.effect() == Effect.COMMIT && (e.certain() || catalogued))
              .map(TxEvent::handle)
              .findFirst();
      if (committed.isEmpty()
          // if (success) conn.commit(): the code knows whether its work went well
          || Guards.underFlag(call, finallyBlock.get(), body.types())
          // committing as it goes (every n rows): the finally block commits the last chunk
          || commitsInLoopElsewhere(body, committed.get())
          // a single step fails whole; a commit after it makes nothing half done permanent
          || !Work.canBePartialBefore(finallyBlock.get(), body.body(), body.calls())) {
        continue;
      }
      Optional<CfgNode> thrower = halfDoneBy(body, call, committed.get());
      if (thrower.isPresent()) {
        reporter.report(
            call,
            Messages.shortText(call)
                + " on line "
                + Messages.line(call)
                + " runs in a finally block, so it commits "
                + committed.get().display()
                + "'s transaction also when "
                + (thrower.get().kind() == NodeKind.THROW
                    ? "the throw on line "
                        + Messages.line(thrower.get().ast())
                        + " abandons the work, making the work it rejects permanent"
                    : describe(thrower.get())
                        + " fails half way through the work, making the partial work permanent")
                + closeSkipped(call, finallyBlock.get(), body)
                + "; commit at the end of the try block and roll back in a catch block");
      }
    }
  }

  /**
   * A close after the commit in the same finally block: when the commit itself throws, the close is
   * skipped and the commit's exception replaces the one the try block threw.
   */
  private static String closeSkipped(
      MethodCallExpr commit, BlockStmt finallyBlock, BodyContext body) {
    Node statement = commit;
    while (statement != null && statement.getParentNode().orElse(null) != finallyBlock) {
      statement = statement.getParentNode().orElse(null);
    }
    if (!(statement instanceof Statement)) {
      return "";
    }
    List<Statement> after = finallyBlock.getStatements();
    for (int i = Bodies.indexOfSame(after, statement) + 1; i > 0 && i < after.size(); i++) {
      for (MethodCallExpr close : Bodies.callsIn(after.get(i))) {
        if (body.calls().classify(close).events().stream().anyMatch(e -> e.effect().closes())) {
          return "; and when the commit itself fails, its exception replaces the original one and "
              + Messages.shortText(close)
              + " on line "
              + Messages.line(close)
              + " is skipped";
        }
      }
    }
    return "";
  }

  /**
   * Some copy of the commit runs while an exception leaves the try block with the transaction open
   * (begun here or by the caller) and its work half done. Code that rolls back on the failures it
   * expects is judged on those, as TX001 does.
   */
  private static Optional<CfgNode> halfDoneBy(
      BodyContext body, MethodCallExpr call, HandleKey handle) {
    TxFlow flow = body.flow(rollsBack(body, handle), TxFlow.Begun.ALSO_BY_CALLER);
    BitSet ofHandle = flow.sitesOf(handle);
    for (CfgNode node : body.cfg().nodesFor(call)) {
      BitSet open = flow.openBefore(node);
      if (body.cfg().runsWithPendingException(node) && open != null && open.intersects(ofHandle)) {
        Optional<CfgNode> thrower = Work.halfDoneAt(node, flow, ofHandle, body.calls());
        if (thrower.isPresent()) {
          return thrower;
        }
      }
    }
    return Optional.empty();
  }

  private static String describe(CfgNode thrower) {
    String what =
        thrower.kind() == NodeKind.THROW ? "the throw" : Messages.shortText(thrower.ast());
    return what + " on line " + Messages.line(thrower.ast());
  }

  private static boolean rollsBack(BodyContext body, HandleKey handle) {
    return body.callsInBody().stream()
        .anyMatch(c -> body.calls().classify(c).has(Effect.ROLLBACK, handle));
  }

  private static boolean commitsInLoopElsewhere(BodyContext body, HandleKey handle) {
    // The rounds of the body's loops (forEach lambdas too), and the body itself when a forEach runs
    // it per element.
    List<MethodCallExpr> perRound = new ArrayList<>();
    Loops.rounds(body.body(), body.calls()).forEach(round -> perRound.add(round.call()));
    if (Loops.loopCallOf(body.body(), body.calls()).isPresent()) {
      perRound.addAll(body.callsInBody());
    }
    for (MethodCallExpr other : perRound) {
      if (Bodies.enclosingFinally(other, body.body()).isEmpty()
          && body.calls().classify(other).has(Effect.COMMIT, handle)) {
        return true;
      }
    }
    return false;
  }
}
