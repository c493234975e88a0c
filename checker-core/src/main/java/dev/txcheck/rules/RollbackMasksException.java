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
import dev.txcheck.txflow.Paths;
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
      // catch (OptimisticLockException): a failed flush, with the transaction active
      boolean commitFailure = ExceptionRoutes.catchesCommitFailure(handler, body.types());
      for (MethodCallExpr call : Bodies.callsIn(handler)) {
        Optional<HandleKey> handle = certain(body, call, Effect.ROLLBACK);
        if (handle.isEmpty()) {
          continue;
        }
        Optional<MethodCallExpr> ender =
            commitFailure
                    && certain(body, call, Effect.NEEDS_ACTIVE).isPresent()
                    && !RollbackGuards.isGuarded(call, handler)
                ? endingCallCaught(body, handle.get(), handler)
                : Optional.empty();
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
          continue;
        }
        if (!body.types().catalogMatches(call).isEmpty()
            && !RollbackGuards.isCaught(call, handler)) {
          skippedRollback(body, call, handle.get(), handler)
              .ifPresent(
                  next ->
                      reporter.report(
                          call,
                          "when "
                              + Messages.shortText(call)
                              + " on line "
                              + Messages.line(call)
                              + " throws, "
                              + Messages.shortText(next)
                              + " on line "
                              + Messages.line(next)
                              + " is skipped, leaving that transaction open, and the rollback's"
                              + " exception replaces the one caught on line "
                              + Messages.line(handler)
                              + "; give each rollback a try of its own and add its failure as"
                              + " suppressed"));
        }
      }
    }
  }

  /** The handle of a certain effect of the call: a catalogued call, or a helper on every path. */
  private static Optional<HandleKey> certain(BodyContext body, MethodCallExpr call, Effect effect) {
    return body.calls().classify(call).events().stream()
        .filter(e -> e.effect() == effect && e.certain())
        .map(TxEvent::handle)
        .findFirst();
  }

  /**
   * A rollback of another transaction later in the same catch block, which runs only when the
   * rollback before it did not throw (JDBC's {@code rollback()} throws too, on a broken
   * connection).
   */
  private static Optional<MethodCallExpr> skippedRollback(
      BodyContext body, MethodCallExpr first, HandleKey handle, CatchClause handler) {
    for (CfgNode node : body.cfg().nodesFor(first)) {
      Optional<CfgNode> next =
          Paths.reachNormally(
              body.cfg(),
              node,
              n ->
                  n.kind() == NodeKind.CALL
                      && certain(body, (MethodCallExpr) n.ast(), Effect.ROLLBACK)
                          .filter(other -> !other.equals(handle))
                          .isPresent(),
              n -> n.ast() == null || !n.ast().isDescendantOf(handler));
      if (next.isPresent()) {
        return Optional.of((MethodCallExpr) next.get().ast());
      }
    }
    return Optional.empty();
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
