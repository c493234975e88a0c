package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes whose result the code tests for failure, and then returns normally: {@code int updated =
 * mapper.update(row); if (updated != 1) { return error; }}, or {@code if (!service.save(row))}. In
 * a transaction that commits when the method returns, the writes that completed before the test are
 * committed while the method reports that the work failed.
 */
public final class ReportedWriteFailures {
  /**
   * A test that found a write failed, the write it tested, and another write that completed before
   * it (the tested write itself when the test covers several).
   */
  public record Reported(Expression test, MethodCallExpr failed, MethodCallExpr done) {}

  private final Cfg cfg;
  private final CallClassifier calls;
  private final Node body;

  public ReportedWriteFailures(Cfg cfg, Node body, CallClassifier calls) {
    this.cfg = cfg;
    this.calls = calls;
    this.body = body;
  }

  /**
   * The tests in the body whose failure branch reaches the normal end of the body without a throw
   * or rollback ({@code undoes}), after another write completed.
   */
  public List<Reported> find(Predicate<CfgNode> undoes) {
    List<Reported> result = new ArrayList<>();
    for (CfgNode node : cfg.nodes()) {
      if (node.kind() != NodeKind.CONDITION || !(node.ast() instanceof Expression test)) {
        continue;
      }
      Optional<Failure> failure = failureOf(test, false);
      if (failure.isEmpty()) {
        continue;
      }
      List<MethodCallExpr> tested = failure.get().writes();
      Optional<MethodCallExpr> done = doneBefore(node, tested);
      if (done.isEmpty() || !returnsNormally(node, failure.get().branch(), undoes)) {
        continue;
      }
      result.add(new Reported(test, tested.get(0), done.get()));
    }
    return result;
  }

  /** Which branch of a test means failure, and the writes whose result it tests. */
  private record Failure(EdgeKind branch, List<MethodCallExpr> writes) {}

  /**
   * A comparison of write results with a number ({@code n == 0}, {@code n < 1}, {@code (a & b) !=
   * 1}, {@code n > 0}), or a write's boolean result ({@code saved}, {@code !saved}).
   */
  private Optional<Failure> failureOf(Expression test, boolean negated) {
    Expression core = Bodies.withoutParens(test);
    if (core instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      return failureOf(unary.getExpression(), !negated);
    }
    Boolean failsWhenTrue;
    List<MethodCallExpr> writes = new ArrayList<>();
    if (core instanceof BinaryExpr binary && numberOf(binary.getRight()) != null) {
      failsWhenTrue = failsWhenTrue(binary.getOperator(), numberOf(binary.getRight()));
      countsIn(binary.getLeft(), writes);
    } else if (core instanceof NameExpr || core instanceof MethodCallExpr) {
      failsWhenTrue = false; // if (saved): the else branch is the failure
      writes.addAll(
          resultsOf(core).stream()
              .filter(call -> !calls.types().catalogMatches(call).isEmpty())
              .toList());
    } else {
      return Optional.empty();
    }
    if (failsWhenTrue == null || writes.isEmpty()) {
      return Optional.empty();
    }
    boolean onTrue = failsWhenTrue != negated;
    return Optional.of(new Failure(onTrue ? EdgeKind.TRUE : EdgeKind.FALSE, writes));
  }

  private static Long numberOf(Expression expr) {
    if (expr instanceof IntegerLiteralExpr literal) {
      return literal.asNumber().longValue();
    }
    return null;
  }

  /**
   * Whether the comparison of a count of changed rows with {@code n} is true when the write failed
   * (no row changed); null when it says nothing of failure.
   */
  private static Boolean failsWhenTrue(BinaryExpr.Operator operator, long n) {
    return switch (operator) {
      case EQUALS -> n == 0 ? Boolean.TRUE : Boolean.FALSE;
      case NOT_EQUALS -> n == 0 ? Boolean.FALSE : Boolean.TRUE;
      case LESS_EQUALS -> n == 0 ? Boolean.TRUE : null;
      case LESS -> n == 1 ? Boolean.TRUE : null;
      case GREATER -> n == 0 ? Boolean.FALSE : null;
      case GREATER_EQUALS -> n == 1 ? Boolean.FALSE : null;
      default -> null;
    };
  }

  /**
   * The writes whose counts of changed rows an operand of a comparison combines: a write call or a
   * local variable holding one's result, alone or joined by arithmetic ({@code (update & insert)});
   * not an element of an array of counts, nor anything computed from a result by a call.
   */
  private void countsIn(Expression operand, List<MethodCallExpr> into) {
    if (operand instanceof EnclosedExpr enclosed) {
      countsIn(enclosed.getInner(), into);
    } else if (operand instanceof BinaryExpr binary) {
      countsIn(binary.getLeft(), into);
      countsIn(binary.getRight(), into);
    } else {
      into.addAll(resultsOf(operand));
    }
  }

  /**
   * The write whose result an expression is: the write call itself, or the writes a local variable
   * receives. A boolean result only counts for a catalogued write ({@code save} of MyBatis-Plus'
   * service), whose {@code false} means the row was not written.
   */
  private List<MethodCallExpr> resultsOf(Expression expr) {
    if (expr instanceof MethodCallExpr call) {
      return calls.classify(call).write() ? List.of(call) : List.of();
    }
    return expr instanceof NameExpr name ? writesHeldBy(name) : List.of();
  }

  /** The write calls whose result a local variable receives (its initializer, its assignments). */
  private List<MethodCallExpr> writesHeldBy(NameExpr name) {
    Optional<Variable> variable = calls.types().variable(name);
    if (variable.isEmpty() || variable.get().kind() != Variable.Kind.LOCAL) {
      return List.of();
    }
    List<MethodCallExpr> writes = new ArrayList<>();
    for (Expression value : Bodies.valuesAssigned(body, name.getNameAsString())) {
      if (value instanceof MethodCallExpr call && calls.classify(call).write()) {
        writes.add(call);
      }
    }
    return writes;
  }

  /**
   * A write that completed before the test: another write than the tested one, or, when the test
   * covers several writes ({@code (update & insert) != 1}), one of them.
   */
  private Optional<MethodCallExpr> doneBefore(CfgNode test, List<MethodCallExpr> tested) {
    if (tested.size() > 1) {
      return Optional.of(tested.get(0));
    }
    List<MethodCallExpr> found = new ArrayList<>();
    Predicate<CfgNode> otherWrite =
        node -> {
          if (node.kind() == NodeKind.CALL
              && node.ast() instanceof MethodCallExpr call
              && !tested.contains(call)
              && calls.classify(call).write()) {
            found.add(call);
            return true;
          }
          return false;
        };
    return Paths.completedBefore(List.of(test), otherWrite, node -> true)
        ? found.stream().findFirst()
        : Optional.empty();
  }

  /** The failure branch reaches the normal end of the body with nothing undoing the work. */
  private boolean returnsNormally(CfgNode test, EdgeKind branch, Predicate<CfgNode> undoes) {
    for (CfgEdge edge : test.successors()) {
      if (edge.kind() != branch) {
        continue;
      }
      CfgNode start = edge.to();
      if (start == cfg.normalExit()) {
        return true;
      }
      if (!undoes.test(start)
          && Paths.reachNormally(cfg, start, node -> node == cfg.normalExit(), undoes)
              .isPresent()) {
        return true;
      }
    }
    return false;
  }
}
