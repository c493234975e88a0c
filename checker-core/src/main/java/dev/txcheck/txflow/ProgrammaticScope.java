package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgBuilder;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.DefaultExceptionModel;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import java.util.List;

/**
 * Whether a call runs inside a transaction that its method began itself ({@code status =
 * transactionManager.getTransaction(def); helper(); transactionManager.commit(status)}): every way
 * to the call passes a begin, and a transaction may be open there. A helper called so runs in that
 * transaction, as one called from a {@code @Transactional} method does.
 */
final class ProgrammaticScope {
  private ProgrammaticScope() {}

  static boolean encloses(MethodDeclaration method, Node site, CallClassifier calls) {
    if (Bodies.callsIn(method).stream().noneMatch(call -> begins(call, calls))) {
      return false; // the common case, without a graph
    }
    DefaultExceptionModel model = new DefaultExceptionModel();
    Cfg cfg = CfgBuilder.build(method, model);
    List<CfgNode> at = cfg.nodesFor(site);
    if (at.isEmpty()) {
      return false;
    }
    TxFlow flow = new TxFlow(cfg, calls, model, false);
    if (at.stream().anyMatch(node -> flow.openBefore(node).isEmpty())) {
      return false;
    }
    boolean unbegun =
        Paths.reachNormally(
                cfg,
                cfg.entry(),
                at::contains,
                node ->
                    node.kind() == NodeKind.CALL
                        && node.ast() instanceof MethodCallExpr call
                        && begins(call, calls))
            .isPresent();
    return !unbegun;
  }

  private static boolean begins(MethodCallExpr call, CallClassifier calls) {
    return calls.classify(call).has(Effect.BEGIN);
  }
}
