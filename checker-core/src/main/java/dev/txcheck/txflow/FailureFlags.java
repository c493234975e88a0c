package dev.txcheck.txflow;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Status variables a catch block sets to record its failure: {@code failed = true} or {@code
 * httpCode = SC_BAD_REQUEST}, where the variable is a local declared outside the try with another
 * constant ({@code false}, {@code SC_OK}). A later {@code if} that tests the variable for the
 * failure value, or for anything but the initial one, acts on the failure.
 */
final class FailureFlags {
  /** One status variable: its name, the value the catch gives it, and its initial value. */
  private record Flag(String variable, String failed, String initial) {}

  private final List<Flag> flags = new ArrayList<>();

  FailureFlags(CatchClause clause, CallClassifier calls) {
    for (AssignExpr assign : Bodies.nodesIn(clause.getBody(), AssignExpr.class)) {
      if (assign.getOperator() != AssignExpr.Operator.ASSIGN
          || !(assign.getTarget() instanceof NameExpr target)
          || !isConstant(assign.getValue())) {
        continue;
      }
      calls
          .types()
          .variable(target)
          .filter(v -> v.kind() == Variable.Kind.LOCAL)
          .map(Variable::declaration)
          .filter(d -> d instanceof VariableDeclarator && !Bodies.isWithin(d, clause))
          .flatMap(d -> ((VariableDeclarator) d).getInitializer())
          .filter(FailureFlags::isConstant)
          .filter(initial -> !initial.toString().equals(assign.getValue().toString()))
          .ifPresent(
              initial ->
                  flags.add(
                      new Flag(
                          target.getNameAsString(),
                          assign.getValue().toString(),
                          initial.toString())));
    }
  }

  boolean isEmpty() {
    return flags.isEmpty();
  }

  /** The condition holds when a status variable holds its failure value. */
  boolean testsFailure(Expression condition) {
    Expression core = Bodies.withoutParens(condition);
    for (Flag flag : flags) {
      if (holdsFailure(core, flag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsFailure(Expression core, Flag flag) {
    if (core instanceof NameExpr name) {
      return name.getNameAsString().equals(flag.variable()) && flag.failed().equals("true");
    }
    if (core instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
        && unary.getExpression() instanceof NameExpr name) {
      return name.getNameAsString().equals(flag.variable()) && flag.failed().equals("false");
    }
    if (!(core instanceof BinaryExpr binary)) {
      return false;
    }
    Expression other;
    if (isVariable(binary.getLeft(), flag)) {
      other = binary.getRight();
    } else if (isVariable(binary.getRight(), flag)) {
      other = binary.getLeft();
    } else {
      return false;
    }
    return switch (binary.getOperator()) {
      case NOT_EQUALS -> other.toString().equals(flag.initial());
      case EQUALS -> other.toString().equals(flag.failed());
      default -> false;
    };
  }

  private static boolean isVariable(Expression expr, Flag flag) {
    return expr instanceof NameExpr name && name.getNameAsString().equals(flag.variable());
  }

  /** A literal or a named constant ({@code SC_OK}, {@code Status.FAILED}). */
  private static boolean isConstant(Expression expr) {
    if (expr instanceof LiteralExpr) {
      return !(expr instanceof NullLiteralExpr);
    }
    if (expr instanceof NameExpr name) {
      return isConstantName(name.getNameAsString());
    }
    return expr instanceof FieldAccessExpr access && isConstantName(access.getNameAsString());
  }

  private static boolean isConstantName(String name) {
    return name.equals(name.toUpperCase(Locale.ROOT)) && name.chars().anyMatch(Character::isLetter);
  }
}
