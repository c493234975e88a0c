package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The database writes of a body that land in the transaction the body runs in: catalog writes
 * (including repository writes, which join it), and calls of the sources' own methods that write,
 * unless the called method runs in a transaction of its own through its proxy.
 */
public final class Writes {
  /** Propagations that take the callee's work out of the caller's transaction. */
  private static final Set<String> OWN_TRANSACTION =
      Set.of("REQUIRES_NEW", "NOT_SUPPORTED", "NEVER");

  private final CallClassifier calls;
  private final DeclarativeTx declarative;

  public Writes(CallClassifier calls, DeclarativeTx declarative) {
    this.calls = calls;
    this.declarative = declarative;
  }

  /** The writing calls among {@code bodyCalls}, in source order. */
  public List<MethodCallExpr> inCallerTransaction(List<MethodCallExpr> bodyCalls) {
    List<MethodCallExpr> writes = new ArrayList<>();
    for (MethodCallExpr call : bodyCalls) {
      if (calls.classify(call).write() && staysInCallerTransaction(call)) {
        writes.add(call);
      }
    }
    return writes;
  }

  private boolean staysInCallerTransaction(MethodCallExpr call) {
    MethodDeclaration target = calls.target(call);
    if (target == null) {
      return true; // a catalog write
    }
    if (isSelfCall(call)) {
      // The callee's own annotation is bypassed: a self-call into a transactional method is
      // TX005's finding, not a write of this body.
      return declarative.declaredOn(target).isEmpty();
    }
    Optional<TxAttributes> own = declarative.effective(target);
    return own.isEmpty() || !OWN_TRANSACTION.contains(own.get().propagation());
  }

  /** A call on {@code this}, explicit or implicit, which no proxy intercepts. */
  public static boolean isSelfCall(MethodCallExpr call) {
    return call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr;
  }
}
