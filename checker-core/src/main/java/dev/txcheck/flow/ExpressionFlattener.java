package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lays out the nodes of an expression in evaluation order. Works off an explicit stack rather than
 * recursion: builder chains ({@code sb.append(..).append(..)...}) and long concatenations are trees
 * thousands of levels deep. The stack holds expressions still to expand and {@link Runnable} steps
 * to run once the operands before them are laid out.
 */
final class ExpressionFlattener {
  private final CfgBuilder b;

  ExpressionFlattener(CfgBuilder b) {
    this.b = b;
  }

  void flatten(Expression root) {
    Deque<Object> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Object item = work.pop();
      if (item instanceof Runnable step) {
        step.run();
      } else {
        List<Object> steps = expand((Expression) item);
        for (int i = steps.size() - 1; i >= 0; i--) {
          work.push(steps.get(i));
        }
      }
    }
  }

  /** What evaluating {@code e} means, as sub-expressions and steps in evaluation order. */
  private List<Object> expand(Expression e) {
    List<Object> steps = new ArrayList<>(4);
    if (e instanceof MethodCallExpr call) {
      call.getScope().ifPresent(steps::add);
      steps.addAll(call.getArguments());
      steps.add((Runnable) () -> b.throwing(NodeKind.CALL, call));
    } else if (e instanceof ObjectCreationExpr creation) {
      // An anonymous class body is a body of its own: only the creation itself happens here.
      creation.getScope().ifPresent(steps::add);
      steps.addAll(creation.getArguments());
      steps.add((Runnable) () -> b.throwing(NodeKind.NEW, creation));
    } else if (e instanceof AssignExpr assign) {
      steps.add(assign.getTarget()); // array index or field scope is evaluated before the value
      steps.add(assign.getValue());
      steps.add(assignStep(assign));
    } else if (e instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator declarator : declaration.getVariables()) {
        declarator
            .getInitializer()
            .ifPresent(
                init -> {
                  steps.add(init);
                  steps.add(assignStep(declarator));
                });
      }
    } else if (e instanceof ConditionalExpr conditional) {
      ternary(conditional, steps);
    } else if (e instanceof SwitchExpr switchExpr) {
      steps.add((Runnable) () -> b.switches.expression(switchExpr));
    } else if (e instanceof BinaryExpr binary) {
      // && and || are kept linear on purpose: one CONDITION per statement-level test is enough.
      steps.add(binary.getLeft());
      steps.add(binary.getRight());
    } else if (e instanceof ArrayCreationExpr creation) {
      creation.getLevels().forEach(level -> level.getDimension().ifPresent(steps::add));
      creation.getInitializer().ifPresent(steps::add);
    } else if (e instanceof InstanceOfExpr instanceOf) {
      steps.add(instanceOf.getExpression()); // the pattern binds, it evaluates nothing
    } else if (e instanceof UnaryExpr unary) {
      steps.add(unary.getExpression());
    } else if (e instanceof CastExpr cast) {
      steps.add(cast.getExpression());
    } else if (e instanceof EnclosedExpr enclosed) {
      steps.add(enclosed.getInner());
    } else if (e instanceof FieldAccessExpr field) {
      steps.add(field.getScope());
    } else if (e instanceof ArrayAccessExpr access) {
      steps.add(access.getName());
      steps.add(access.getIndex());
    } else if (e instanceof ArrayInitializerExpr init) {
      steps.addAll(init.getValues());
    } else if (!isLeafOrSeparateBody(e)) {
      // Anything newer than this class: evaluate its sub-expressions in source order.
      for (Node child : e.getChildNodes()) {
        if (child instanceof Expression sub) {
          steps.add(sub);
        }
      }
    }
    return steps;
  }

  /**
   * {@code c ? a : b}: the CONDITION splits, each arm has its own nodes, both continue after the
   * expression.
   */
  private void ternary(ConditionalExpr conditional, List<Object> steps) {
    Flow[] otherwise = new Flow[1];
    Flow[] thenEnd = new Flow[1];
    steps.add(conditional.getCondition());
    steps.add((Runnable) () -> otherwise[0] = b.graph.branch(conditional.getCondition()));
    steps.add(conditional.getThenExpr());
    steps.add(
        (Runnable)
            () -> {
              thenEnd[0] = b.graph.take();
              b.graph.resume(otherwise[0]);
            });
    steps.add(conditional.getElseExpr());
    steps.add((Runnable) () -> b.graph.resume(thenEnd[0]));
  }

  private Runnable assignStep(Node ast) {
    return () -> b.graph.add(NodeKind.ASSIGN, ast);
  }

  /**
   * Leaves evaluate nothing; lambdas and method references are bodies (or deferred code) of their
   * own.
   */
  private static boolean isLeafOrSeparateBody(Expression e) {
    return e instanceof LiteralExpr
        || e instanceof NameExpr
        || e instanceof ThisExpr
        || e instanceof SuperExpr
        || e instanceof ClassExpr
        || e instanceof TypeExpr
        || e instanceof AnnotationExpr
        || e instanceof PatternExpr
        || e instanceof LambdaExpr
        || e instanceof MethodReferenceExpr;
  }
}
