package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.Overloads;
import dev.txcheck.txflow.PassedCode;
import dev.txcheck.txflow.SelfCallMismatch;
import dev.txcheck.txflow.TxAttributes;
import dev.txcheck.txflow.Writes;
import java.util.Optional;

/**
 * TX005: a self-call into a transactional method whose attributes the bypassed proxy would apply.
 */
@RuleInfo(
    id = "TX005",
    name = "transactional-self-invocation",
    severity = Severity.WARNING,
    summary =
        "A call through this bypasses the proxy of a @Transactional method whose propagation or attributes matter.")
public final class SelfInvocation implements Rule {

  /**
   * Where the calls of a body run: the method (for a lambda, the method that runs it) and the
   * transaction they run in, as messages name it.
   */
  private record Caller(MethodDeclaration method, String where, Optional<TxAttributes> tx) {}

  @Override
  public void check(BodyContext body, Reporter reporter) {
    Caller caller = callerOf(body.body(), body);
    if (caller == null) {
      return;
    }
    for (MethodCallExpr call : body.callsInBody()) {
      if (Writes.isSelfCall(call)) {
        MethodDeclaration callee = body.calls().target(call);
        callee = callee == null ? null : Overloads.pick(call, callee, body.types());
        check(call, caller, callee, body, reporter);
      }
    }
    // this::save hands the method itself on: whoever calls it calls it on this object.
    for (MethodReferenceExpr reference : Bodies.nodesIn(body.body(), MethodReferenceExpr.class)) {
      if (reference.getScope() instanceof ThisExpr) {
        PassedCode place = PassedCode.of(reference, body.calls());
        Caller runs =
            place.inTransaction()
                ? new Caller(
                    caller.method(), place.transaction().source(), Optional.of(place.transaction()))
                : place.enclosing() == body.body() ? caller : null;
        if (runs != null) {
          check(reference, runs, body.calls().referenced(reference), body, reporter);
        }
      }
    }
  }

  private static void check(
      Node call, Caller caller, MethodDeclaration callee, BodyContext body, Reporter reporter) {
    if (callee == null || callee == caller.method()) {
      return; // unknown, abstract, or recursive
    }
    Optional<TxAttributes> calleeTx = body.declarative().effective(callee);
    if (calleeTx.isEmpty()) {
      return;
    }
    Optional<String> mismatch =
        new SelfCallMismatch(body.calls(), body.declarative())
            .of(caller.method(), caller.where(), caller.tx(), callee, calleeTx.get());
    if (mismatch.isPresent()) {
      reporter.report(
          call,
          "this call of "
              + callee.getNameAsString()
              + "() runs on the object itself, bypassing the transactional proxy: "
              + mismatch.get()
              + "; call it through the bean's proxy (move it to another bean, or inject the"
              + " bean into itself), or change the annotations to match");
    }
  }

  /**
   * The method of a named class, or a lambda that runs in a callback's transaction or in its
   * enclosing method (a {@code forEach}); null for methods of anonymous classes and lambdas handed
   * to code that runs them who knows when.
   */
  private static Caller callerOf(Node code, BodyContext body) {
    if (code instanceof MethodDeclaration method
        && method.getParentNode().orElse(null) instanceof TypeDeclaration<?>) {
      return new Caller(
          method, method.getNameAsString() + "()", body.declarative().effective(method));
    }
    if (code instanceof LambdaExpr lambda) {
      PassedCode place = PassedCode.of(lambda, body.calls());
      if (place.inTransaction()) {
        MethodDeclaration method = enclosingMethod(lambda);
        return method == null
            ? null
            : new Caller(method, place.transaction().source(), Optional.of(place.transaction()));
      }
      return place.enclosing() == null ? null : callerOf(place.enclosing(), body);
    }
    return null;
  }

  private static MethodDeclaration enclosingMethod(Node node) {
    for (Node body = Bodies.bodyOf(node); body != null; body = Bodies.bodyOf(body)) {
      if (body instanceof MethodDeclaration method) {
        return method;
      }
    }
    return null;
  }
}
