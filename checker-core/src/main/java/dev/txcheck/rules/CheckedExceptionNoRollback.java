package dev.txcheck.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import dev.txcheck.finding.Severity;
import dev.txcheck.txflow.CheckedThrows;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.RollbackRules;
import dev.txcheck.txflow.TxAttributes;
import dev.txcheck.types.TypeNames;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** TX006: a transactional method declares a checked exception that commits its transaction. */
@RuleInfo(
    id = "TX006",
    name = "checked-exception-no-rollback",
    severity = Severity.WARNING,
    summary =
        "A transactional method declares a checked exception that no rollback rule covers, so the work done before it is thrown commits.")
public final class CheckedExceptionNoRollback implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!(body.body() instanceof MethodDeclaration method)
        || method.getThrownExceptions().isEmpty()
        || body.isTestCode()) {
      // Spring's test support ends a test's transaction as @Commit or @Rollback says, whatever
      // the test throws: no rollback rule changes that, and a failing test is seen anyway.
      return;
    }
    // Read-only, NOT_SUPPORTED, NEVER and SUPPORTS methods have no work of their own to commit.
    Optional<TxAttributes> tx = committing(body, method);
    if (tx.isEmpty()) {
      return;
    }
    RollbackRules rules = new RollbackRules(body.types().index());
    CheckedThrows checked = new CheckedThrows(body.calls(), body.exceptions());
    for (ReferenceType thrown : method.getThrownExceptions()) {
      if (!(thrown instanceof ClassOrInterfaceType written)) {
        continue; // a type variable: unknown
      }
      String exception = body.types().names().resolve(written.getNameWithScope());
      if (!rules.commitsOn(tx.get(), exception) || !checked.throwsAfterWork(method, exception)) {
        continue; // rolls back, or nothing is done before it can be thrown
      }
      List<MethodDeclaration> sameCause =
          checked.sameCause(
              method,
              exception,
              m -> committing(body, m).filter(t -> rules.commitsOn(t, exception)).isPresent());
      if (sameCause.get(0) == method) { // one cause, one finding: at the first method it affects
        reporter.report(thrown, message(method, tx.get(), exception, sameCause));
      }
    }
  }

  private static Optional<TxAttributes> committing(BodyContext body, MethodDeclaration method) {
    return body.declarative().effective(method).filter(TxAttributes::writesCommit);
  }

  private static String message(
      MethodDeclaration method,
      TxAttributes tx,
      String exception,
      List<MethodDeclaration> sameCause) {
    String also =
        sameCause.stream()
            .filter(m -> m != method)
            .map(Messages::signature)
            .collect(Collectors.joining(", "));
    return message(method, tx, exception)
        + (also.isEmpty() ? "" : "; the same holds for " + also + " of this class");
  }

  private static String message(MethodDeclaration method, TxAttributes tx, String exception) {
    String simple = TypeNames.simple(exception);
    String unchecked = tx.jta() ? "RuntimeException" : "RuntimeException and Error";
    return method.getNameAsString()
        + "() declares "
        + simple
        + ", a checked exception, but "
        + tx.source()
        + " rolls back only on "
        + unchecked
        + ": when "
        + simple
        + " is thrown, the work done so far is committed; add "
        + tx.rollbackAttribute()
        + " = "
        + simple
        + ".class"
        + (simple.equals("Exception") ? "" : " (or Exception.class)")
        + ", or rethrow it unchecked";
  }
}
