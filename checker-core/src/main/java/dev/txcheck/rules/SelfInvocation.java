package dev.txcheck.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.txflow.Overloads;
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

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!(body.body() instanceof MethodDeclaration caller)
        || !(caller.getParentNode().orElse(null) instanceof TypeDeclaration<?>)) {
      return; // a method of an anonymous class: when and where it runs is unknown
    }
    Optional<TxAttributes> callerTx = null;
    for (MethodCallExpr call : body.callsInBody()) {
      if (!Writes.isSelfCall(call)) {
        continue;
      }
      MethodDeclaration callee = body.calls().target(call);
      callee = callee == null ? null : Overloads.pick(call, callee, body.types());
      if (callee == null || callee == caller) {
        continue;
      }
      Optional<TxAttributes> calleeTx = body.declarative().effective(callee);
      if (calleeTx.isEmpty()) {
        continue;
      }
      if (callerTx == null) {
        callerTx = body.declarative().effective(caller);
      }
      Optional<String> mismatch =
          new SelfCallMismatch(body.calls(), body.declarative())
              .of(caller, callerTx, callee, calleeTx.get());
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
  }
}
