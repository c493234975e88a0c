package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.HandleKey;
import dev.txcheck.txflow.Loops;
import dev.txcheck.txflow.MainPrograms;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.Paths;
import dev.txcheck.txflow.TxEvent;
import dev.txcheck.txflow.TxFlow;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** TX001: a begun transaction that an exception or an early return can leave open. */
@RuleInfo(
    id = "TX001",
    name = "missing-rollback",
    severity = Severity.ERROR,
    summary =
        "A transaction begun in a method can leave it still open, through an exception or an early return.")
public final class MissingRollback implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (body.isTestCode() || MainPrograms.isMain(body.body())) {
      // A test's transaction lives on a test database, as long as the test; what leaves main()
      // ends the program, and the database rolls back what its connections left open.
      return;
    }
    Set<HandleKey> committed = new HashSet<>();
    Set<HandleKey> undone = new HashSet<>();
    boolean begins = false;
    for (TxEvent event : body.eventsInBody()) {
      begins |= event.effect() == Effect.BEGIN || event.effect() == Effect.OPEN;
      if (event.effect() == Effect.COMMIT) {
        committed.add(event.handle());
      } else if (event.effect() == Effect.ROLLBACK) {
        // an explicit rollback: the code handles the failures it expects
        undone.add(event.handle());
      }
    }
    // Only a method that also commits owns the transaction; a begin() wrapper (even one that rolls
    // back when its own setup fails) leaves the end to its caller.
    if (!begins || committed.isEmpty()) {
      return;
    }
    Set<HandleKey> returned = returnedHandles(body);
    for (HandleKey handle : committed) {
      if (returned.contains(handle)) {
        continue;
      }
      // Code that rolls back on the failures it expects (catch SQLException) is judged on those
      // failures only.
      TxFlow flow = body.flow(undone.contains(handle), TxFlow.Begun.ALSO_BY_OPEN);
      List<Expression> escaping = new ArrayList<>();
      String first = null;
      for (int site = 0; site < flow.sites().size(); site++) {
        if (flow.handleOfSite(site).equals(handle) && commitFollows(body, flow, site, handle)) {
          String message = escapingMessage(flow, site, handle);
          if (message == null) {
            checkSite(body, flow, site, handle, reporter);
          } else {
            escaping.add(flow.sites().get(site));
            first = first == null ? message : first;
          }
        }
      }
      // One defect, one finding: a method that begins several transactions of the handle and rolls
      // none of them back is fixed in one place.
      if (!escaping.isEmpty()) {
        reporter.report(escaping.get(0), first + alsoBegunOn(escaping));
      }
    }
  }

  /**
   * The begin leads to a commit of the same transaction on some path within the same round of any
   * loop around it. A begin on one branch and a commit on another ({@code if (cmd == OFF)
   * conn.setAutoCommit(false); else conn.setAutoCommit(true);}), even in the next round of a
   * command loop, switch a mode.
   */
  private static boolean commitFollows(BodyContext body, TxFlow flow, int site, HandleKey handle) {
    Expression call = flow.sites().get(site);
    Set<CfgNode> loopHeads = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node loop : Loops.enclosingLoops(call, body.body())) {
      loopHeads.addAll(body.cfg().nodesFor(Loops.head(loop)));
    }
    for (CfgNode begin : body.cfg().nodesFor(call)) {
      Optional<CfgNode> commit =
          Paths.reachNormally(
              body.cfg(),
              begin,
              node ->
                  flow.eventsAt(node).stream()
                      .anyMatch(e -> e.effect() == Effect.COMMIT && e.handle().equals(handle)),
              loopHeads::contains);
      if (commit.isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static void checkSite(
      BodyContext body, TxFlow flow, int site, HandleKey handle, Reporter reporter) {
    Expression begin = flow.sites().get(site);
    // A transaction kept in a field may span methods on purpose (a lock held until stop()); only
    // exceptions count, and failures that a catch block handles without ending it.
    if (handle.id().startsWith("field:")) {
      abandonedInCatch(body, flow, site, handle)
          .ifPresent(
              clause ->
                  reporter.report(
                      begin,
                      "the exception caught on line "
                          + Messages.line(clause)
                          + " is handled, and the method then returns with "
                          + handle.display()
                          + "'s transaction neither committed nor rolled back"
                          + (closesIn(body, clause, handle) ? " (closing does not end it)" : "")
                          + "; roll it back in the catch block"));
      return;
    }
    Optional<CfgNode> exit = flow.openReturnWithWork(site);
    if (exit.isPresent()) {
      CfgNode node = exit.get();
      String where =
          node.kind() == NodeKind.RETURN
              ? "the return on line " + Messages.line(node.ast())
              : "the path through line " + Messages.line(node.ast());
      Optional<CatchClause> handler = node.ast().findAncestor(CatchClause.class);
      if (handler.isPresent()) {
        where =
            "the exception caught on line "
                + Messages.line(handler.get())
                + " is handled and "
                + where;
      }
      reporter.report(
          begin,
          where
              + " leaves the method with "
              + handle.display()
              + "'s transaction neither committed nor rolled back; end the transaction on every path");
    }
  }

  /**
   * The finding of an exception that leaves the method with the site's transaction open and holding
   * work, or null. Only work done in the transaction can be lost: a failure before the first write
   * is no loss.
   */
  private static String escapingMessage(TxFlow flow, int site, HandleKey handle) {
    Optional<CfgNode> thrower = flow.escapingThrowWithWork(site);
    return thrower
        .map(
            node ->
                Messages.describeThrow(node)
                    + " leaves the method with "
                    + handle.display()
                    + "'s transaction open; roll it back in a catch block (or in finally unless"
                    + " committed) before the exception leaves")
        .orElse(null);
  }

  private static String alsoBegunOn(List<Expression> begins) {
    if (begins.size() < 2) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    begins.subList(1, begins.size()).forEach(b -> lines.add(String.valueOf(Messages.line(b))));
    return "; the transaction"
        + (lines.size() > 1 ? "s" : "")
        + " begun on line"
        + (lines.size() > 1 ? "s " : " ")
        + String.join(", ", lines)
        + (lines.size() > 1 ? " are" : " is")
        + " left open the same way";
  }

  /**
   * A catch clause entered with the site's transaction open and holding work, from which the method
   * returns normally without ending it or beginning it anew: the failed work is abandoned in a
   * transaction that the next user of the field commits or leaks.
   */
  private static Optional<CatchClause> abandonedInCatch(
      BodyContext body, TxFlow flow, int site, HandleKey handle) {
    for (CatchClause clause : Bodies.nodesIn(body.body(), CatchClause.class)) {
      for (CfgNode entry : body.cfg().nodesFor(clause)) {
        BitSet worked = entry.kind() == NodeKind.CATCH ? flow.workedBefore(entry) : null;
        if (worked == null || !worked.get(site)) {
          continue;
        }
        Optional<CfgNode> exit =
            Paths.reachNormally(
                body.cfg(),
                entry,
                node -> node == body.cfg().normalExit(),
                node ->
                    flow.eventsAt(node).stream()
                        .anyMatch(
                            e ->
                                e.handle().equals(handle)
                                    && (e.effect().ends()
                                        || e.effect() == Effect.BEGIN
                                        || e.effect() == Effect.ROLLBACK_ONLY)),
                edge -> {
                  BitSet open = flow.openAlong(edge); // a guard (if (tx.isActive())) may end it
                  return open != null && open.get(site);
                });
        if (exit.isPresent()) {
          return Optional.of(clause);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean closesIn(BodyContext body, CatchClause clause, HandleKey handle) {
    return Bodies.callsIn(clause.getBody()).stream()
        .flatMap(call -> body.calls().classify(call).events().stream())
        .anyMatch(e -> e.effect() == Effect.CLOSE && e.handle().equals(handle));
  }

  /** Handles the body hands to its caller: the caller owns their end. */
  private static Set<HandleKey> returnedHandles(BodyContext body) {
    Set<HandleKey> returned = new HashSet<>();
    for (ReturnStmt ret : Bodies.nodesIn(body.body(), ReturnStmt.class)) {
      Optional<Expression> value = ret.getExpression();
      value.ifPresent(v -> returned.add(body.calls().handleOf(v)));
    }
    return returned;
  }
}
