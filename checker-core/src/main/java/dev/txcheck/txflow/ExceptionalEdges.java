package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.flow.NodeKind;
import java.util.BitSet;

/**
 * Which exceptional edges of a body the transaction analysis follows. The graph says what may
 * throw; this class drops two kinds of paths the developer cannot or need not guard against:
 *
 * <ul>
 *   <li>checked exceptions where javac allows none: the method declares none and no enclosing catch
 *       of the body catches one (a lambda may throw whatever its interface allows, so there nothing
 *       is dropped);
 *   <li>exceptions of cleanup code, calls in a catch or finally block and resource closes: the
 *       question is how the code handles the failure of its work, not a second failure while
 *       cleaning up.
 * </ul>
 */
final class ExceptionalEdges {
  private final Cfg cfg;
  private final BitSet cleanup;
  private final BitSet checkedImpossible;

  ExceptionalEdges(Cfg cfg, ExceptionModel exceptions) {
    this.cfg = cfg;
    this.cleanup = new BitSet(cfg.nodes().size());
    this.checkedImpossible = new BitSet(cfg.nodes().size());
    boolean declaresChecked =
        cfg.body() instanceof LambdaExpr
            || (cfg.body() instanceof CallableDeclaration<?> callable
                && !callable.getThrownExceptions().isEmpty());
    for (CfgNode node : cfg.nodes()) {
      if (node.ast() == null) {
        continue;
      }
      boolean call = node.kind() == NodeKind.CALL || node.kind() == NodeKind.NEW;
      if (node.kind() == NodeKind.RESOURCE_CLOSE || (call && inCleanupBlock(node.ast(), false))) {
        cleanup.set(node.id());
      }
      if (!declaresChecked
          && node.kind() != NodeKind.CATCH
          && !insideCheckedCatch(node.ast(), exceptions)) {
        checkedImpossible.set(node.id());
      }
    }
  }

  /**
   * @param checkedOnly follow no unchecked exception at all (code that rolls back on the failures
   *     it expects is judged on those)
   */
  boolean follows(CfgEdge edge, boolean checkedOnly) {
    if (!edge.kind().isExceptional()) {
      return true;
    }
    int from = edge.from().id();
    if (cleanup.get(from)) {
      return false;
    }
    return edge.kind() == EdgeKind.CHECKED_EXCEPTION ? !checkedImpossible.get(from) : !checkedOnly;
  }

  /** True for a call of cleanup code: in a catch or finally block, or a resource's close. */
  boolean isCleanup(CfgNode node) {
    return cleanup.get(node.id());
  }

  /** True when javac allows no checked exception to leave this node. */
  boolean checkedImpossible(CfgNode node) {
    return checkedImpossible.get(node.id());
  }

  /** True for code in a finally block of this body. */
  boolean inFinally(Node ast) {
    return inCleanupBlock(ast, true);
  }

  private boolean inCleanupBlock(Node ast, boolean finallyOnly) {
    Node child = ast;
    for (Node parent = ast.getParentNode().orElse(null);
        parent != null && child != cfg.body();
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (!finallyOnly && parent instanceof CatchClause) {
        return true;
      }
      if (parent instanceof TryStmt t
          && t.getFinallyBlock().isPresent()
          && t.getFinallyBlock().get() == child) {
        return true;
      }
    }
    return false;
  }

  private boolean insideCheckedCatch(Node ast, ExceptionModel exceptions) {
    Node child = ast;
    for (Node parent = ast.getParentNode().orElse(null);
        parent != null && child != cfg.body();
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof TryStmt t
          && child != t.getFinallyBlock().orElse(null)
          && !(child instanceof CatchClause)) {
        for (CatchClause clause : t.getCatchClauses()) {
          if (exceptions.caughtBy(clause).contains(EdgeKind.CHECKED_EXCEPTION)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
