package dev.txcheck.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.TxAttributes;
import dev.txcheck.txflow.Writes;
import java.util.List;
import java.util.Optional;

/** TX007: a read-only transaction that writes. */
@RuleInfo(
    id = "TX007",
    name = "readonly-write",
    severity = Severity.ERROR,
    summary =
        "A readOnly = true transaction writes to the database, so the write is silently not flushed or rejected.")
public final class ReadOnlyWrite implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    Optional<TxAttributes> tx =
        body.body() instanceof MethodDeclaration method
            ? body.declarative().effective(method)
            : body.declarativeTransaction(); // a forEach lambda runs in its method's transaction
    if (tx.isEmpty() || !tx.get().readOnly() || !tx.get().requiresTransaction()) {
      return;
    }
    List<MethodCallExpr> writes =
        new Writes(body.calls(), body.declarative()).inCallerTransaction(body.callsInBody());
    if (writes.isEmpty()) {
      return;
    }
    MethodCallExpr first = writes.get(0);
    String more =
        writes.size() == 1
            ? ""
            : " (and " + (writes.size() - 1) + " more write" + (writes.size() > 2 ? "s" : "") + ")";
    reporter.report(
        first,
        body.describe()
            + " runs in a read-only transaction ("
            + where(tx.get())
            + "), but "
            + Messages.shortText(first)
            + " on line "
            + Messages.line(first)
            + " writes"
            + more
            + ": JPA/Hibernate does not flush it, so the change is silently lost, or the database"
            + " rejects it; drop readOnly = true here, or move the write into a read-write"
            + " transaction");
  }

  private static String where(TxAttributes tx) {
    return tx.onMethod() ? tx.source() : tx.source() + " on the class";
  }
}
