package dev.txcheck.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.RemoteCalls;
import dev.txcheck.txflow.TxAttributes;
import dev.txcheck.txflow.TxFlow;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** TX008: a slow or remote call made while a transaction is open. */
@RuleInfo(
    id = "TX008",
    name = "remote-call-in-transaction",
    severity = Severity.WARNING,
    summary =
        "A remote or slow call runs while a transaction is open, holding its connection and locks for the duration.")
public final class RemoteCallInTransaction implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    List<MethodCallExpr> remote =
        body.callsInBody().stream()
            .filter(c -> RemoteCalls.isRemote(c, body.calls()))
            .filter(c -> !reportedInCallee(body, c))
            .toList();
    if (remote.isEmpty()) {
      return;
    }
    // A test's transaction holds a connection of a test database only for the test's length.
    Optional<TxAttributes> declared =
        body.declarativeTransaction()
            .filter(TxAttributes::runsInTransaction)
            .filter(tx -> !tx.rolledBackByTest());
    for (MethodCallExpr call : remote) {
      Optional<String> transaction =
          declared.map(tx -> "the transaction of " + tx.source()).or(() -> openHere(body, call));
      transaction.ifPresent(
          tx ->
              reporter.report(
                  call,
                  Messages.shortText(call)
                      + " on line "
                      + Messages.line(call)
                      + " is a remote or slow call made while "
                      + tx
                      + " is open: the transaction holds its database connection and locks for as"
                      + " long as the call takes, and a timeout rolls back work that already"
                      + " succeeded elsewhere; make the call before the transaction begins or after"
                      + " it commits"));
    }
  }

  /**
   * One defect, one finding: a method of the sources that runs in a declared transaction of its own
   * is reported where it makes the remote call, not at each of its callers.
   */
  private static boolean reportedInCallee(BodyContext body, MethodCallExpr call) {
    if (RemoteCalls.isCatalogued(call, body.calls())) {
      return false;
    }
    MethodDeclaration callee = body.calls().runs(call);
    return callee != null
        && body.declarative()
            .effective(callee)
            .filter(TxAttributes::runsInTransaction)
            .filter(tx -> !tx.rolledBackByTest())
            .isPresent();
  }

  /**
   * A transaction begun in this body that may be open when the call runs: one that took a
   * connection when it began ({@code transactionManager.getTransaction()}), or one begun lazily
   * ({@code conn.setAutoCommit(false)} on a connection the method holds anyway) with work done in
   * it before the call. Before its first write a lazy transaction holds nothing the call would
   * keep: a reader that streams a query in manual-commit mode.
   */
  private static Optional<String> openHere(BodyContext body, MethodCallExpr call) {
    TxFlow flow = body.flow(false);
    for (CfgNode node : body.cfg().nodesFor(call)) {
      BitSet open = flow.openBefore(node);
      if (open == null) {
        continue;
      }
      BitSet worked = flow.workedBefore(node);
      for (int site = open.nextSetBit(0); site >= 0; site = open.nextSetBit(site + 1)) {
        Expression begin = flow.sites().get(site);
        if (worked.get(site) || !body.calls().beginsLazily(begin)) {
          return Optional.of(
              flow.handleOfSite(site).display()
                  + "'s transaction (begun on line "
                  + Messages.line(begin)
                  + ")");
        }
      }
    }
    return Optional.empty();
  }
}
