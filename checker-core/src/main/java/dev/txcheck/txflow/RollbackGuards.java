package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.TryStmt;

/**
 * Whether a rollback in a catch block is kept from replacing the exception being handled: it runs
 * only when the transaction says it is still active ({@code if (tx.isActive())}), or sits in a try
 * of its own whose catch takes the rollback's failure (and typically adds it as suppressed).
 */
public final class RollbackGuards {
  private RollbackGuards() {}

  /**
   * @param rollback a rollback that throws when the transaction is no longer active
   * @param within the catch clause (or the helper method) it sits in
   */
  public static boolean isGuarded(MethodCallExpr rollback, Node within) {
    Node child = rollback;
    for (Node parent = rollback.getParentNode().orElse(null);
        parent != null && parent != within;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof IfStmt ifStmt
          && ifStmt.getCondition() != child
          && Guards.asksState(ifStmt.getCondition())) {
        return true;
      }
      if (isCaughtBy(parent, child)) {
        return true; // the author handles the rollback's failure, whatever the catch's type
      }
    }
    return false;
  }

  /**
   * True when the rollback's own failure is caught before it leaves {@code within}: it sits in the
   * try block of a try statement with a catch clause.
   */
  public static boolean isCaught(MethodCallExpr rollback, Node within) {
    Node child = rollback;
    for (Node parent = rollback.getParentNode().orElse(null);
        parent != null && parent != within;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (isCaughtBy(parent, child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCaughtBy(Node parent, Node child) {
    return parent instanceof TryStmt tryStmt
        && tryStmt.getTryBlock() == child
        && !tryStmt.getCatchClauses().isEmpty();
  }
}
