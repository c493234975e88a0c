package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Bodies and what belongs to them. A body is a method, constructor, initializer or lambda; the code
 * of a nested lambda or class belongs to that nested body, not to the enclosing one.
 */
public final class Bodies {
  private Bodies() {}

  public static boolean isBody(Node node) {
    return node instanceof CallableDeclaration<?>
        || node instanceof InitializerDeclaration
        || node instanceof LambdaExpr;
  }

  /** Nodes that start a body of their own, or a class whose members are bodies of their own. */
  static boolean startsOtherBody(Node node) {
    return isBody(node)
        || node instanceof TypeDeclaration<?>
        || node instanceof LocalClassDeclarationStmt
        || node instanceof LocalRecordDeclarationStmt
        || (node instanceof BodyDeclaration<?> && !(node instanceof CallableDeclaration<?>));
  }

  /** The body a node belongs to, or null for a node outside any body (a field initializer). */
  public static Node bodyOf(Node node) {
    for (Node n = node.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (isBody(n)) {
        return n;
      }
      if (startsOtherBody(n)) {
        return null;
      }
    }
    return null;
  }

  /**
   * The method calls and object creations that belong to this body itself, in source order: the
   * expressions that may open a resource ({@code ds.getConnection()}, {@code new
   * RequestContext(ds)}).
   */
  public static List<Expression> opensIn(Node body) {
    return nodesIn(body, Expression.class).stream()
        .filter(e -> e instanceof MethodCallExpr || e instanceof ObjectCreationExpr)
        .toList();
  }

  /** The method calls that belong to this body itself, in source order. */
  public static List<MethodCallExpr> callsIn(Node body) {
    return nodesIn(body, MethodCallExpr.class);
  }

  /**
   * The nodes of a type that belong to this body itself (not to nested lambdas or classes), in
   * source order.
   */
  public static <T extends Node> List<T> nodesIn(Node body, Class<T> type) {
    List<T> result = new ArrayList<>();
    Deque<Node> work = new ArrayDeque<>();
    pushChildren(body, work);
    while (!work.isEmpty()) {
      Node node = work.pop();
      if (startsOtherBody(node)) {
        continue;
      }
      if (type.isInstance(node)) {
        result.add(type.cast(node));
      }
      pushChildren(node, work);
    }
    result.sort(Bodies::bySourcePosition);
    return result;
  }

  /**
   * The values this body gives a local variable by name: the initializers of its declarations and
   * the right-hand sides of its assignments, compound ones too ({@code rows += dao.update()} gives
   * {@code dao.update()}), in source order.
   */
  static List<Expression> valuesAssigned(Node body, String variable) {
    List<Expression> values = new ArrayList<>();
    for (Node node : nodesIn(body, Node.class)) {
      if (node instanceof VariableDeclarator declarator
          && declarator.getNameAsString().equals(variable)) {
        declarator.getInitializer().ifPresent(values::add);
      } else if (node instanceof AssignExpr assign
          && assign.getTarget() instanceof NameExpr target
          && target.getNameAsString().equals(variable)) {
        values.add(assign.getValue());
      }
    }
    return values;
  }

  static boolean contains(Node body, Class<? extends Node> type) {
    return !nodesIn(body, type).isEmpty();
  }

  private static void pushChildren(Node node, Deque<Node> work) {
    // Members of an anonymous class are body declarations, so startsOtherBody() skips them.
    List<Node> children = node.getChildNodes();
    for (int i = children.size() - 1; i >= 0; i--) {
      work.push(children.get(i));
    }
  }

  /**
   * Identity, not {@code equals}: JavaParser nodes compare by structure, which is slow and merges
   * twins.
   */
  public static boolean containsSame(List<? extends Node> nodes, Node node) {
    return indexOfSame(nodes, node) >= 0;
  }

  public static int indexOfSame(List<? extends Node> nodes, Node node) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) == node) {
        return i;
      }
    }
    return -1;
  }

  /** True when {@code a} starts before {@code b} in the source. */
  public static boolean startsBefore(Node a, Node b) {
    return bySourcePosition(a, b) < 0;
  }

  /**
   * The finally block of {@code body} that contains the node, innermost first; empty when the node
   * is in none (a finally block of a nested lambda or class does not count).
   */
  public static Optional<BlockStmt> enclosingFinally(Node node, Node body) {
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null);
        parent != null && child != body;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (startsOtherBody(child) && child != node) {
        return Optional.empty();
      }
      if (parent instanceof TryStmt t && t.getFinallyBlock().orElse(null) == child) {
        return Optional.of((BlockStmt) child);
      }
    }
    return Optional.empty();
  }

  /** True when {@code node} is {@code container} or lies inside it. */
  static boolean isWithin(Node node, Node container) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n == container) {
        return true;
      }
    }
    return false;
  }

  /** The expression inside any parentheses: {@code ((a && b))} is {@code a && b}. */
  static Expression withoutParens(Expression expr) {
    while (expr instanceof EnclosedExpr enclosed) {
      expr = enclosed.getInner();
    }
    return expr;
  }

  /** The value inside any parentheses and casts: {@code ((Connection) x)} is {@code x}. */
  static Expression withoutParensAndCasts(Expression expr) {
    while (expr instanceof EnclosedExpr || expr instanceof CastExpr) {
      expr = expr instanceof EnclosedExpr e ? e.getInner() : ((CastExpr) expr).getExpression();
    }
    return expr;
  }

  /** What uses a value: its parent once parentheses and casts around it are left behind. */
  static Node userOf(Expression value) {
    Node parent = value.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
      parent = parent.getParentNode().orElse(null);
    }
    return parent;
  }

  static int bySourcePosition(Node a, Node b) {
    var pa = a.getBegin();
    var pb = b.getBegin();
    if (pa.isEmpty() || pb.isEmpty()) {
      return 0;
    }
    return pa.get().compareTo(pb.get());
  }
}
