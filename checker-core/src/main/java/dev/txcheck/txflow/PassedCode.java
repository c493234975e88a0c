package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.Optional;

/**
 * Where a lambda, method reference or anonymous object handed to a call runs: in the transaction of
 * a callback ({@code transactionTemplate.execute}) or of a method of the sources that declares one,
 * synchronously in the calling body ({@code forEach}, a method of the sources without a transaction
 * of its own), or at a time nobody can tell (library code the catalog does not know: an executor, a
 * scheduler).
 *
 * @param transaction the transaction it runs in, when {@link #inTransaction()}
 * @param enclosing the body it runs in, when it runs where the call is made; else null
 */
public record PassedCode(TxAttributes transaction, Node enclosing) {
  private static final PassedCode UNKNOWN = new PassedCode(null, null);

  public boolean inTransaction() {
    return transaction != null;
  }

  public boolean unknown() {
    return transaction == null && enclosing == null;
  }

  /** Where {@code code}, an argument of a call (inside parentheses or a cast, perhaps), runs. */
  public static PassedCode of(Expression code, CallClassifier calls) {
    Node argument = code;
    while (argument.getParentNode().orElse(null) instanceof EnclosedExpr
        || argument.getParentNode().orElse(null) instanceof CastExpr) {
      argument = argument.getParentNode().get();
    }
    if (!(argument.getParentNode().orElse(null) instanceof MethodCallExpr call)
        || !Bodies.containsSame(call.getArguments(), argument)) {
      return UNKNOWN;
    }
    calls = calls.forFileOf(call);
    CallFacts facts = calls.classify(call);
    if (facts.callback()) {
      return new PassedCode(
          new TxAttributes(DeclarativeTx.shortCall(call), false, "REQUIRED"), null);
    }
    if (facts.loop()) {
      return new PassedCode(null, Bodies.bodyOf(call));
    }
    MethodDeclaration receiver = calls.target(call);
    if (receiver == null) {
      return UNKNOWN;
    }
    // Handed to a method of the sources, it runs inside that method: in the method's own
    // transaction if it declares one and the call goes through its proxy, else where the method
    // itself runs.
    Optional<TxAttributes> own =
        Writes.isSelfCall(call) ? Optional.empty() : new DeclarativeTx(calls).effective(receiver);
    return own.isPresent() && own.get().requiresTransaction()
        ? new PassedCode(own.get(), null)
        : new PassedCode(null, Bodies.bodyOf(call));
  }
}
