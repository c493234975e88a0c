package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recognises conditions that test a transaction's own state, and branches that end a transaction.
 */
public final class Guards {
  private static final Set<String> STATE_QUERIES =
      Set.of(
          "isActive",
          "isCompleted",
          "getStatus",
          "wasCommitted",
          "wasRolledBack",
          "isRollbackOnly",
          "getRollbackOnly",
          "getAutoCommit",
          "isOpen",
          "isClosed",
          "isNewTransaction",
          "isConnected",
          "isTransactionActive",
          "isInTransaction");

  private Guards() {}

  /**
   * True for a condition about the transaction: it names the handle's variable or a variable that
   * holds the handle's transaction ({@code tx != null} after {@code tx =
   * session.beginTransaction()}), asks the handle's state, or tests a plain boolean flag such as
   * {@code committed}.
   */
  static boolean isStateGuard(Expression condition, HandleKey handle, CallClassifier calls) {
    Expression core = strip(condition);
    if (core instanceof NameExpr || core instanceof FieldAccessExpr) {
      return true; // if (!committed), if (this.success)
    }
    if (core instanceof BinaryExpr binary
        && (binary.getOperator() == BinaryExpr.Operator.AND
            || binary.getOperator() == BinaryExpr.Operator.OR)) {
      return isStateGuard(binary.getLeft(), handle, calls)
          || isStateGuard(binary.getRight(), handle, calls);
    }
    boolean[] found = {false};
    condition.walk(
        node -> {
          if (node instanceof NameExpr name
              && (name.getNameAsString().equals(handle.display())
                  || calls.handleOf(name).equals(handle))) {
            found[0] = true;
          } else if (node instanceof MethodCallExpr call
              && STATE_QUERIES.contains(call.getNameAsString())) {
            found[0] = true;
          }
        });
    return found[0];
  }

  /**
   * True when the node runs only under an {@code if} (between it and {@code stop}) that tests a
   * boolean variable, such as {@code if (success)} or {@code if (!failed && conn != null)}: a flag
   * the code sets to tell how its work went.
   */
  public static boolean underFlag(Node node, Node stop, TypeResolver types) {
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null);
        parent != null && parent != stop;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof IfStmt ifStmt
          && ifStmt.getCondition() != child
          && testsFlag(ifStmt.getCondition(), types)) {
        return true;
      }
    }
    return false;
  }

  private static boolean testsFlag(Expression condition, TypeResolver types) {
    Expression core = strip(condition);
    if (core instanceof BinaryExpr binary
        && (binary.getOperator() == BinaryExpr.Operator.AND
            || binary.getOperator() == BinaryExpr.Operator.OR)) {
      return testsFlag(binary.getLeft(), types) || testsFlag(binary.getRight(), types);
    }
    if (core instanceof NameExpr name) {
      String type = types.variable(name).map(Variable::type).orElse(null);
      return "boolean".equals(type) || "java.lang.Boolean".equals(type);
    }
    return false;
  }

  /**
   * True for a commit that runs only when its connection was in auto-commit mode as the method
   * found it: {@code if (wasAutoCommit) con.commit()}, the flag read by {@code
   * con.getAutoCommit()}. It commits for a caller who expects every statement committed, so
   * committing the statements that ran before a failure is what that caller's mode would have done
   * anyway.
   */
  public static boolean onlyInAutoCommitMode(MethodCallExpr commit, Node body) {
    String connection = commit.getScope().map(Node::toString).orElse(null);
    if (connection == null) {
      return false;
    }
    Node child = commit;
    for (Node parent = commit.getParentNode().orElse(null);
        parent != null && child != body;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof IfStmt ifStmt
          && ifStmt.getThenStmt() == child
          && requires(ifStmt.getCondition(), flag -> savesAutoCommit(flag, connection, body))) {
        return true;
      }
    }
    return false;
  }

  /** The condition holds only when a variable it names, unnegated, passes the test. */
  private static boolean requires(Expression condition, Predicate<String> test) {
    Expression core = Bodies.withoutParens(condition);
    if (core instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.AND) {
      return requires(binary.getLeft(), test) || requires(binary.getRight(), test);
    }
    return core instanceof NameExpr name && test.test(name.getNameAsString());
  }

  /** The variable is set from {@code connection.getAutoCommit()} somewhere in the body. */
  private static boolean savesAutoCommit(String variable, String connection, Node body) {
    return Bodies.valuesAssigned(body, variable).stream()
        .anyMatch(
            value ->
                Bodies.withoutParensAndCasts(value) instanceof MethodCallExpr call
                    && call.getNameAsString().equals("getAutoCommit")
                    && call.getArguments().isEmpty()
                    && call.getScope().map(Node::toString).filter(connection::equals).isPresent());
  }

  /** True for a condition that asks a transaction's state: {@code tx.isActive()}. */
  public static boolean asksState(Expression condition) {
    return condition
        .findFirst(MethodCallExpr.class, call -> STATE_QUERIES.contains(call.getNameAsString()))
        .isPresent();
  }

  private static Expression strip(Expression expr) {
    while (true) {
      if (expr instanceof EnclosedExpr enclosed) {
        expr = enclosed.getInner();
      } else if (expr instanceof UnaryExpr unary
          && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
        expr = unary.getExpression();
      } else {
        return expr;
      }
    }
  }

  /**
   * For a condition {@code h == null} or {@code h != null} (either way round) on the handle, the
   * edge along which the handle is null.
   */
  static Optional<EdgeKind> nullBranch(CfgNode node, HandleKey handle, CallClassifier calls) {
    if (node.kind() != NodeKind.CONDITION
        || !(node.ast() instanceof Expression condition)
        || !(Bodies.withoutParens(condition) instanceof BinaryExpr test)
        || (test.getOperator() != BinaryExpr.Operator.EQUALS
            && test.getOperator() != BinaryExpr.Operator.NOT_EQUALS)) {
      return Optional.empty();
    }
    Expression other;
    if (test.getLeft() instanceof NullLiteralExpr) {
      other = test.getRight();
    } else if (test.getRight() instanceof NullLiteralExpr) {
      other = test.getLeft();
    } else {
      return Optional.empty();
    }
    if (!(other instanceof NameExpr) || !calls.handleOf(other).equals(handle)) {
      return Optional.empty();
    }
    return Optional.of(
        test.getOperator() == BinaryExpr.Operator.EQUALS ? EdgeKind.TRUE : EdgeKind.FALSE);
  }

  /**
   * For a branch node whose condition requires {@code variable} to be non-null on one edge ({@code
   * x != null}, {@code x != null && ...}, {@code x == null || ...}, {@code x instanceof T}), that
   * edge: a path along which the variable is null cannot take it.
   */
  public static Optional<EdgeKind> nonNullEdge(CfgNode node, String variable) {
    if (node.kind() != NodeKind.CONDITION || !(node.ast() instanceof Expression condition)) {
      return Optional.empty();
    }
    Boolean onTrue = nonNullWhen(condition, variable);
    return onTrue == null ? Optional.empty() : Optional.of(onTrue ? EdgeKind.TRUE : EdgeKind.FALSE);
  }

  /**
   * True for {@code variable != null} (either way round, in parentheses or not), and nothing more.
   */
  static boolean isNonNullTest(Expression condition, String variable) {
    Expression core = Bodies.withoutParens(condition);
    return core instanceof BinaryExpr test
        && test.getOperator() == BinaryExpr.Operator.NOT_EQUALS
        && Boolean.TRUE.equals(nonNullWhen(test, variable));
  }

  /** TRUE/FALSE: the variable is non-null when the condition is true/false; null: neither. */
  private static Boolean nonNullWhen(Expression condition, String variable) {
    Expression core = Bodies.withoutParens(condition);
    if (core instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      Boolean inner = nonNullWhen(unary.getExpression(), variable);
      return inner == null ? null : !inner;
    }
    if (core instanceof InstanceOfExpr test) {
      return names(test.getExpression(), variable) ? Boolean.TRUE : null;
    }
    if (!(core instanceof BinaryExpr binary)) {
      return null;
    }
    switch (binary.getOperator()) {
      case AND -> {
        Boolean left = nonNullWhen(binary.getLeft(), variable);
        Boolean right = nonNullWhen(binary.getRight(), variable);
        return Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right) ? Boolean.TRUE : null;
      }
      case OR -> {
        Boolean left = nonNullWhen(binary.getLeft(), variable);
        Boolean right = nonNullWhen(binary.getRight(), variable);
        return Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right) ? Boolean.FALSE : null;
      }
      case EQUALS, NOT_EQUALS -> {
        Expression other;
        if (binary.getLeft() instanceof NullLiteralExpr) {
          other = binary.getRight();
        } else if (binary.getRight() instanceof NullLiteralExpr) {
          other = binary.getLeft();
        } else {
          return null;
        }
        if (!names(other, variable)) {
          return null;
        }
        return binary.getOperator() == BinaryExpr.Operator.NOT_EQUALS;
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean names(Expression expr, String variable) {
    Expression core = Bodies.withoutParens(expr);
    return core instanceof NameExpr name && name.getNameAsString().equals(variable);
  }

  /** True when the statement contains a commit, rollback or rolling-back close of the handle. */
  static boolean ends(Statement statement, HandleKey handle, CallClassifier calls) {
    return has(statement, handle, calls, Effect::ends);
  }

  /** True when the statement contains a call with a matching effect on the handle. */
  static boolean has(
      Statement statement, HandleKey handle, CallClassifier calls, Predicate<Effect> effects) {
    for (MethodCallExpr call : statement.findAll(MethodCallExpr.class)) {
      for (TxEvent event : calls.classify(call).events()) {
        if (effects.test(event.effect()) && event.handle().equals(handle)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * For the condition node of an {@code if} that tests the handle's state and ends it (by an effect
   * matching {@code ends}) on one branch only, the edge of the other branch, along which the handle
   * is taken as already ended: {@code if (conn != null) conn.close();} on its false edge.
   */
  static Optional<EdgeKind> endedBranch(
      CfgNode node, HandleKey handle, CallClassifier calls, Predicate<Effect> ends) {
    if (node.kind() != NodeKind.CONDITION
        || !(node.ast().getParentNode().orElse(null) instanceof IfStmt ifStmt)
        || ifStmt.getCondition() != node.ast()
        || !isStateGuard(ifStmt.getCondition(), handle, calls)) {
      return Optional.empty();
    }
    boolean thenEnds = has(ifStmt.getThenStmt(), handle, calls, ends);
    boolean elseEnds = ifStmt.getElseStmt().map(s -> has(s, handle, calls, ends)).orElse(false);
    if (thenEnds == elseEnds) {
      return Optional.empty();
    }
    return Optional.of(thenEnds ? EdgeKind.FALSE : EdgeKind.TRUE);
  }
}
