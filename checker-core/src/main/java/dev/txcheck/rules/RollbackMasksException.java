package dev.txcheck.rules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.ExceptionRoutes;
import dev.txcheck.txflow.HandleKey;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.RollbackGuards;
import dev.txcheck.txflow.TxEvent;
import java.util.Optional;

/**
 * TX012: a rollback in a catch block that throws when the transaction already ended, replacing the
 * exception being handled.
 */
@RuleInfo(
    id = "TX012",
    name = "rollback-masks-exception",
    severity = Severity.WARNING,
    summary =
        "A rollback in a catch block throws when the failed commit already ended the transaction, hiding the original exception.")
public final class RollbackMasksException implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    for (CatchClause handler : Bodies.nodesIn(body.body(), CatchClause.class)) {
      if (!ExceptionRoutes.catchesCommitFailure(handler, body.types())) {
        continue; // catch (OptimisticLockException): a failed flush, with the transaction active
      }
      for (MethodCallExpr call : Bodies.callsIn(handler)) {
        if (!needsActive(body, call) || RollbackGuards.isGuarded(call, handler)) {
          continue;
        }
        Optional<HandleKey> handle =
            body.calls().classify(call).events().stream()
                .filter(e -> e.effect() == Effect.ROLLBACK)
                .map(TxEvent::handle)
                .findFirst();
        Optional<MethodCallExpr> ender = handle.flatMap(h -> endingCallCaught(body, h, handler));
        if (ender.isPresent()) {
          reporter.report(
              call,
              "when "
                  + Messages.shortText(ender.get())
                  + " on line "
                  + Messages.line(ender.get())
                  + " fails, "
                  + handle.get().display()
                  + "'s transaction is not active and "
                  + Messages.shortText(call)
                  + " throws, replacing the exception caught on line "
                  + Messages.line(handler)
                  + "; roll back only while the transaction is active (isActive(), getStatus(),"
                  + " isCompleted()), or catch the rollback's failure and add it as suppressed");
        }
      }
    }
  }

  /** A catalogued rollback that throws once the transaction is no longer active. */
  private static boolean needsActive(BodyContext body, MethodCallExpr call) {
    return body.types().catalogMatches(call).stream()
        .anyMatch(api -> api.has(Effect.NEEDS_ACTIVE) && api.has(Effect.ROLLBACK));
  }

  /**
   * A commit or begin of the handle whose failure the handler catches: after it the transaction is
   * over, or never started.
   */
  private static Optional<MethodCallExpr> endingCallCaught(
      BodyContext body, HandleKey handle, CatchClause handler) {
    for (CfgNode node : body.cfg().nodes()) {
      if (node.kind() != NodeKind.CALL) {
        continue;
      }
      MethodCallExpr call = (MethodCallExpr) node.ast();
      boolean ends =
          body.calls().classify(call).events().stream()
              .anyMatch(
                  e ->
                      e.certain()
                          && e.handle().equals(handle)
                          && (e.effect() == Effect.COMMIT || e.effect() == Effect.BEGIN));
      if (ends && ExceptionRoutes.reachesHandler(body.cfg(), node, handler)) {
        return Optional.of(call);
      }
    }
    return Optional.empty();
  }
}
