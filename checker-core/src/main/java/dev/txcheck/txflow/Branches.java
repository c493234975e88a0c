package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.List;

/**
 * Whether two nodes of one body can both run in the same pass through it: not when they sit in the
 * two branches of an {@code if} or a conditional, in different cases of a {@code switch} that do
 * not fall through, or one in a {@code try} block and the other in one of its {@code catch} clauses
 * (the catch runs because the try failed: an update that failed and the insert that replaces it are
 * one write, not two).
 */
public final class Branches {
  private Branches() {}

  /** True when {@code a} and {@code b} are alternatives: at most one of them runs per pass. */
  public static boolean exclusive(Node a, Node b) {
    Node childA = a;
    for (Node parent = a.getParentNode().orElse(null);
        parent != null;
        childA = parent, parent = parent.getParentNode().orElse(null)) {
      Node childB = childOnPath(parent, b);
      if (childB != null) {
        return childB != childA && alternatives(parent, childA, childB);
      }
    }
    return false;
  }

  /** The child of {@code ancestor} that contains {@code node}, or null when none does. */
  private static Node childOnPath(Node ancestor, Node node) {
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null);
        parent != null;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent == ancestor) {
        return child;
      }
    }
    return null;
  }

  private static boolean alternatives(Node parent, Node x, Node y) {
    if (parent instanceof IfStmt ifStmt) {
      Node otherwise = ifStmt.getElseStmt().orElse(null);
      return (x == ifStmt.getThenStmt() && y == otherwise)
          || (y == ifStmt.getThenStmt() && x == otherwise);
    }
    if (parent instanceof ConditionalExpr conditional) {
      return (x == conditional.getThenExpr() && y == conditional.getElseExpr())
          || (y == conditional.getThenExpr() && x == conditional.getElseExpr());
    }
    if (parent instanceof TryStmt tryStmt) {
      boolean xCatch = x instanceof CatchClause;
      boolean yCatch = y instanceof CatchClause;
      return (xCatch && yCatch)
          || (xCatch && y == tryStmt.getTryBlock())
          || (yCatch && x == tryStmt.getTryBlock());
    }
    if (x instanceof SwitchEntry first && y instanceof SwitchEntry second) {
      return Bodies.startsBefore(first, second) ? endsCase(first) : endsCase(second);
    }
    return false;
  }

  /** A case that cannot fall through into the next one. */
  private static boolean endsCase(SwitchEntry entry) {
    if (entry.getType() != SwitchEntry.Type.STATEMENT_GROUP) {
      return true; // case X -> ...
    }
    List<Statement> statements = entry.getStatements();
    if (statements.isEmpty()) {
      return false;
    }
    Statement last = statements.get(statements.size() - 1);
    return last instanceof BreakStmt
        || last instanceof ReturnStmt
        || last instanceof ThrowStmt
        || last instanceof ContinueStmt;
  }
}
