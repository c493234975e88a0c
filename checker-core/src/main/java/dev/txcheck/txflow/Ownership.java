package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a body hands a resource it opened to someone else, who then owns its closing: it returns
 * it, stores it in a field or another variable, puts it in an array, passes it to a constructor or
 * to a method that may keep it (a method outside the catalog, or a helper of the analysed sources
 * that hands it on in turn), or lets a lambda or inner class capture it. Before the handover the
 * resource is still the body's: {@code conn = open(); configure(conn); return conn;} leaks when
 * {@code configure} throws.
 */
final class Ownership {
  /** How deep to follow a resource through helpers of the analysed sources. */
  private static final int MAX_DEPTH = 3;

  private final CallClassifier calls;

  Ownership(CallClassifier calls) {
    this.calls = calls;
  }

  /**
   * Where a body hands a handle over.
   *
   * @param at the code that hands it over (a return, a call, a constructor, an assignment, a lambda
   *     or inner class that captures it): from there on it is not the body's to close
   */
  record Handover(List<Node> at) {}

  /** The handovers of a handle in the body (nested lambdas and classes included). */
  Handover handover(Node body, HandleKey handle) {
    List<Node> at = new ArrayList<>();
    for (NameExpr name : uses(body, handle, calls)) {
      if (Bodies.bodyOf(name) != body) {
        // Captured by a lambda or an inner class: from where that is created on, it may run at
        // any time, so the resource is no longer the body's alone.
        at.add(capturingBody(name, body));
        continue;
      }
      Node by = handedOverBy(name, calls, 0);
      if (by != null) {
        at.add(by);
      }
    }
    return new Handover(at);
  }

  /** The lambda or anonymous class creation, directly in {@code body}, that holds the use. */
  private static Node capturingBody(Node use, Node body) {
    Node outermost = use;
    for (Node n = use; n != null && n != body; n = n.getParentNode().orElse(null)) {
      if (Bodies.isBody(n) || n instanceof com.github.javaparser.ast.expr.ObjectCreationExpr) {
        outermost = n;
      }
    }
    return outermost;
  }

  private static List<NameExpr> uses(Node body, HandleKey handle, CallClassifier calls) {
    // The variable's own name, and the loop variable of a for-each over it (a varargs parameter's
    // elements stand for it): the names that may denote the handle, confirmed by its key.
    Set<String> names = new HashSet<>();
    names.add(handle.display());
    for (ForEachStmt loop : body.findAll(ForEachStmt.class)) {
      if (loop.getIterable() instanceof NameExpr iterable
          && iterable.getNameAsString().equals(handle.display())) {
        names.add(loop.getVariableDeclarator().getNameAsString());
      }
    }
    return body.findAll(
        NameExpr.class,
        name -> names.contains(name.getNameAsString()) && calls.handleOf(name).equals(handle));
  }

  /**
   * {@code runScript(ds.getConnection(), file)}: the open call is an argument of a call that only
   * borrows it (uses or closes it, keeps nothing), so the resource is still the body's to close.
   */
  boolean isLentAtOnce(Expression open) {
    if (!(Bodies.userOf(open) instanceof MethodCallExpr call)) {
      return false;
    }
    List<Expression> arguments = call.getArguments();
    for (int index = 0; index < arguments.size(); index++) {
      if (Bodies.withoutParensAndCasts(arguments.get(index)) == open) {
        return !passedOn(call, index, calls, 0);
      }
    }
    return false; // the receiver: ds.getConnection().createStatement()
  }

  /** Whether a helper hands its parameter over anywhere. */
  private static boolean handsOver(Node body, HandleKey handle, CallClassifier calls, int depth) {
    for (NameExpr name : uses(body, handle, calls)) {
      if (Bodies.bodyOf(name) != body || handedOverBy(name, calls, depth) != null) {
        return true;
      }
    }
    return false;
  }

  /** The code by which this one use hands the value over, or null. */
  private static Node handedOverBy(NameExpr use, CallClassifier calls, int depth) {
    Node child = use;
    Node parent = use.getParentNode().orElse(null);
    // The value itself flows through parentheses, casts and the arms of ?: .
    while (parent instanceof EnclosedExpr
        || parent instanceof CastExpr
        || (parent instanceof ConditionalExpr c && c.getCondition() != child)) {
      child = parent;
      parent = parent.getParentNode().orElse(null);
    }
    if (parent instanceof ReturnStmt
        || parent instanceof YieldStmt
        || parent instanceof ArrayInitializerExpr
        || parent instanceof ObjectCreationExpr) {
      return parent;
    }
    if (parent instanceof VariableDeclarator declarator) {
      // an alias owns it too
      return declarator.getInitializer().orElse(null) == child ? parent : null;
    }
    if (parent instanceof AssignExpr assign) {
      return assign.getValue() == child ? parent : null;
    }
    if (parent instanceof MethodCallExpr call) {
      int index = Bodies.indexOfSame(call.getArguments(), child);
      return index >= 0 && passedOn(call, index, calls, depth) ? parent : null;
    }
    return null; // the receiver of a call, a comparison, a condition
  }

  /**
   * An argument is handed over unless the catalog knows the method (it uses or closes the resource
   * but keeps nothing), it is a helper of the analysed sources that does not hand it on itself, or
   * a library method whose class file shows that it keeps nothing it is given.
   */
  private static boolean passedOn(MethodCallExpr call, int index, CallClassifier calls, int depth) {
    if (!calls.types().catalogMatches(call).isEmpty()
        || Callbacks.isCallback(call, calls.types())) {
      return false;
    }
    MethodDeclaration target = calls.target(call);
    if (target == null) {
      // A library method read from the classpath borrows what it does not keep.
      MethodSummary library = calls.summaryOf(call);
      return library == MethodSummary.NONE || library.kept().contains(index);
    }
    if (depth >= MAX_DEPTH) {
      return true;
    }
    int parameters = target.getParameters().size();
    boolean varargs = parameters > 0 && target.getParameter(parameters - 1).isVarArgs();
    if ((index >= parameters && !varargs) || target.getBody().isEmpty()) {
      return true; // abstract: cannot tell
    }
    Parameter parameter = target.getParameter(Math.min(index, parameters - 1));
    CallClassifier inHelper = calls.forFileOf(target);
    return handsOver(target, inHelper.parameterKey(parameter), inHelper, depth + 1);
  }
}
