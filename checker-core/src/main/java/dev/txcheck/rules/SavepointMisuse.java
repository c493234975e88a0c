package dev.txcheck.rules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.SavepointFlow;
import java.util.Optional;

/**
 * TX013: a savepoint left pending on an exception path, or rolled back to on another connection.
 */
@RuleInfo(
    id = "TX013",
    name = "savepoint-misuse",
    severity = Severity.ERROR,
    summary =
        "A savepoint is neither released nor rolled back to on an exception path, or is rolled back to"
            + " on another connection than the one that set it.")
public final class SavepointMisuse implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!body.callsAny(Effect.SAVEPOINT)) {
      return; // most bodies: no graph needed
    }
    SavepointFlow flow = body.savepoints();
    for (int site = 0; site < flow.sites().size(); site++) {
      MethodCallExpr set = flow.sites().get(site);
      String what =
          "the savepoint "
              + flow.savepointOf(site).display()
              + " set by "
              + Messages.shortText(set)
              + " on line "
              + Messages.line(set);
      Optional<CfgNode> exit = flow.pendingAfterFailure(site);
      if (exit.isPresent()) {
        CfgNode node = exit.get();
        reporter.report(
            set,
            what
                + " is neither rolled back to nor released after a failure the method catches ("
                + (node.kind() == NodeKind.RETURN
                    ? "the return on line " + Messages.line(node.ast())
                    : "the end of the method after line " + Messages.line(node.ast()))
                + "); the work since the savepoint stays in the transaction: roll back to it in"
                + " the catch block");
        continue;
      }
      flow.escapingThrow(site)
          .ifPresent(
              thrower ->
                  reporter.report(
                      set,
                      what
                          + " is neither rolled back to nor released when "
                          + Messages.describeThrow(thrower)
                          + " leaves the method; roll back to it in a catch block, so that a"
                          + " caller that goes on does not commit the partial work"));
    }
    for (MethodCallExpr call : flow.endedOnOtherConnection()) {
      reporter.report(
          call,
          Messages.shortText(call)
              + " on line "
              + Messages.line(call)
              + " ends a savepoint of another connection; a savepoint belongs to the connection"
              + " that set it, and this one fails (or, on a shared pool connection, undoes"
              + " unrelated work)");
    }
  }
}
