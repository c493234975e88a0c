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
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.YieldStmt;

/**
 * Whether a body hands a resource it opened to someone else, who then owns its closing: it returns
 * it, stores it in a field or another variable, puts it in an array, passes it to a constructor or
 * to a method that may keep it, or lets a lambda or inner class capture it. The answer is
 * flow-insensitive on purpose: a resource handed over on any path is not this body's to close, and
 * guessing wrong there costs a false report.
 */
final class Ownership {
  /** How deep to follow a resource through helpers of the analysed sources. */
  private static final int MAX_DEPTH = 3;

  private final CallClassifier calls;

  Ownership(CallClassifier calls) {
    this.calls = calls;
  }

  /** True when some use of the handle in the body (nested lambdas and classes included) escapes. */
  boolean escapes(Node body, HandleKey handle) {
    return escapes(body, handle, calls, 0);
  }

  private static boolean escapes(Node body, HandleKey handle, CallClassifier calls, int depth) {
    for (NameExpr name : body.findAll(NameExpr.class)) {
      if (!name.getNameAsString().equals(handle.display())
          || !calls.handleOf(name).equals(handle)) {
        continue;
      }
      if (Bodies.bodyOf(name) != body || escapesAt(name, calls, depth)) {
        return true; // captured by a lambda or an inner class, which may run later
      }
    }
    return false;
  }

  /** Whether this one use hands the value over. */
  private static boolean escapesAt(NameExpr use, CallClassifier calls, int depth) {
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
      return true;
    }
    if (parent instanceof VariableDeclarator declarator) {
      return declarator.getInitializer().orElse(null) == child; // an alias owns it too
    }
    if (parent instanceof AssignExpr assign) {
      return assign.getValue() == child;
    }
    if (parent instanceof MethodCallExpr call && call.getArguments().contains(child)) {
      int index = Bodies.indexOfSame(call.getArguments(), child);
      return passedOn(call, index, calls, depth);
    }
    return false; // the receiver of a call, a comparison, a condition
  }

  /**
   * An argument is handed over unless the catalog knows the method (it uses or closes the resource
   * but keeps nothing) or it is a helper of the analysed sources that does not hand it on itself.
   */
  private static boolean passedOn(MethodCallExpr call, int index, CallClassifier calls, int depth) {
    if (!calls.types().catalogMatches(call).isEmpty()) {
      return false;
    }
    MethodDeclaration target = calls.target(call);
    if (target == null || index < 0 || depth >= MAX_DEPTH) {
      return true;
    }
    if (index >= target.getParameters().size() || target.getBody().isEmpty()) {
      return true; // varargs or abstract: cannot tell
    }
    Parameter parameter = target.getParameter(index);
    CallClassifier inHelper = calls.forFileOf(target);
    return escapes(target, inHelper.parameterKey(parameter), inHelper, depth + 1);
  }
}
