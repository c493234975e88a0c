package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which savepoints may be set and neither released nor rolled back to at each point of a body, and
 * whether a failure happened since. A site is a call with the catalog effect {@code savepoint}
 * whose result is the savepoint; its connection is the call's receiver. Bit {@code i} says
 * savepoint {@code i} is pending; bit {@code n + i} says it is pending and an exception was thrown
 * (and caught) since it was set. An {@code end-savepoint} call ends it; so does the end of its
 * connection's transaction (a commit, a full rollback, a close).
 */
public final class SavepointFlow {
  private final CallClassifier calls;
  private final TrackedSites<MethodCallExpr> sites = new TrackedSites<>();
  private final List<HandleKey> connections = new ArrayList<>();
  private final Map<HandleKey, BitSet> byConnection = new HashMap<>();
  private final BitSet checkedOnly = new BitSet();
  private final BitSet endedInFinally = new BitSet();
  private SiteFlow flow;

  public SavepointFlow(Cfg cfg, CallClassifier calls, ExceptionModel exceptions) {
    this.calls = calls;
    for (MethodCallExpr call : Bodies.callsIn(cfg.body())) {
      for (TxEvent event : calls.classify(call).events()) {
        if (event.effect() == Effect.SAVEPOINT && sites.indexOf(call) < 0) {
          sites.add(call, event.handle());
          HandleKey connection = connectionOf(call);
          connections.add(connection);
          byConnection.computeIfAbsent(connection, c -> new BitSet()).set(sites.calls().size() - 1);
        }
      }
    }
    if (!sites.isEmpty()) {
      // Savepoints the code rolls back to (or ends with the whole transaction) in a catch block are
      // judged on the failures that catch expects (checked ones).
      for (HandleKey ended :
          FailingCode.endedInCatch(
              cfg.body(),
              calls,
              exceptions,
              e -> e == Effect.END_SAVEPOINT || e.ends() || e.closes())) {
        checkedOnly.or(sites.ofHandle(ended));
        checkedOnly.or(byConnection.getOrDefault(ended, new BitSet()));
      }
      collectEndedInFinally(cfg);
      FailingCode failing = new FailingCode(cfg, calls, exceptions, byConnection::containsKey);
      flow = SiteFlow.solve(cfg, failing::follows, this::transfer);
    }
  }

  /**
   * A savepoint released or rolled back to in a finally block is cleanup the code wrote for every
   * path, even when a condition skips it for some databases ({@code if (!oracle)
   * conn.releaseSavepoint(sp)}).
   */
  private void collectEndedInFinally(Cfg cfg) {
    for (TryStmt tryStmt : Bodies.nodesIn(cfg.body(), TryStmt.class)) {
      if (tryStmt.getFinallyBlock().isEmpty()) {
        continue;
      }
      for (MethodCallExpr call : Bodies.callsIn(tryStmt.getFinallyBlock().get())) {
        for (TxEvent event : calls.classify(call).events()) {
          if (event.effect() == Effect.END_SAVEPOINT) {
            endedInFinally.or(sites.ofHandle(event.handle()));
          }
        }
      }
    }
  }

  private HandleKey connectionOf(MethodCallExpr call) {
    return call.getScope().map(calls::handleOf).orElse(new HandleKey("this", "this"));
  }

  public List<MethodCallExpr> sites() {
    return sites.calls();
  }

  public HandleKey savepointOf(int site) {
    return sites.handle(site);
  }

  /** The earliest node whose exception leaves the body with the savepoint pending. */
  public Optional<CfgNode> escapingThrow(int site) {
    if (flow == null || endedInFinally.get(site)) {
      return Optional.empty();
    }
    Optional<CfgNode> clean = flow.escapingThrow(site);
    Optional<CfgNode> failed = flow.escapingThrow(failedBit(site));
    return clean.isPresent() ? clean : failed;
  }

  /**
   * The earliest return (or end of the body) reached with the savepoint pending after a failure
   * that the body caught.
   */
  public Optional<CfgNode> pendingAfterFailure(int site) {
    return flow == null || endedInFinally.get(site)
        ? Optional.empty()
        : flow.openReturn(failedBit(site));
  }

  /**
   * Calls that end a savepoint of this body on another connection than the one that set it: {@code
   * a.rollback(spOfB)}. Empty when the savepoint variable is set on more than one connection.
   */
  public List<MethodCallExpr> endedOnOtherConnection() {
    List<MethodCallExpr> wrong = new ArrayList<>();
    if (flow == null) {
      return wrong;
    }
    for (MethodCallExpr call : Bodies.callsIn(flow.cfg().body())) {
      if (call.getScope().isEmpty()) {
        continue;
      }
      for (TxEvent event : calls.classify(call).events()) {
        if (event.effect() != Effect.END_SAVEPOINT || !sites.tracks(event.handle())) {
          continue;
        }
        Set<HandleKey> setOn = new HashSet<>();
        BitSet ofSavepoint = sites.ofHandle(event.handle());
        ofSavepoint.stream().forEach(i -> setOn.add(connections.get(i)));
        HandleKey endedOn = connectionOf(call);
        if (setOn.size() == 1
            && !setOn.contains(endedOn)
            && !endedOn.id().startsWith("expr:")
            && !setOn.iterator().next().id().startsWith("expr:")) {
          wrong.add(call);
        }
      }
    }
    return wrong;
  }

  private int failedBit(int site) {
    return sites.calls().size() + site;
  }

  private void transfer(CfgEdge edge, BitSet state) {
    CfgNode node = edge.from();
    int n = sites.calls().size();
    if (edge.kind() == EdgeKind.UNCHECKED_EXCEPTION) {
      clear(state, checkedOnly, n);
    }
    if (edge.kind().isExceptional()) {
      BitSet pending = state.get(0, n);
      for (int i = pending.nextSetBit(0); i >= 0; i = pending.nextSetBit(i + 1)) {
        state.set(n + i);
      }
    }
    if (node.kind() != NodeKind.CALL) {
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node.ast();
    List<TxEvent> events = calls.classify(call).events();
    boolean endsSavepoint = events.stream().anyMatch(e -> e.effect() == Effect.END_SAVEPOINT);
    for (TxEvent event : events) {
      if (event.effect() == Effect.END_SAVEPOINT) {
        clear(state, endedWith(event.handle()), n);
      } else if (!endsSavepoint
          && (event.effect().ends() || event.effect().closes())
          && byConnection.containsKey(event.handle())) {
        clear(state, byConnection.get(event.handle()), n); // the transaction is over
      }
    }
    int site = sites.indexOf(call);
    if (site >= 0 && !edge.kind().isExceptional()) {
      clear(state, sites.ofHandle(sites.handle(site)), n);
      state.set(site);
    }
  }

  /**
   * Releasing a savepoint, or rolling back to it, also releases the savepoints its connection set
   * after it (JDBC): later sites of the same connections.
   */
  private BitSet endedWith(HandleKey savepoint) {
    BitSet ended = (BitSet) sites.ofHandle(savepoint).clone();
    int first = ended.nextSetBit(0);
    for (int i = ended.nextSetBit(0); i >= 0; i = ended.nextSetBit(i + 1)) {
      BitSet later = (BitSet) byConnection.get(connections.get(i)).clone();
      later.clear(0, Math.max(first, 0));
      ended.or(later);
    }
    return ended;
  }

  private static void clear(BitSet state, BitSet savepoints, int n) {
    for (int i = savepoints.nextSetBit(0); i >= 0; i = savepoints.nextSetBit(i + 1)) {
      state.clear(i);
      state.clear(n + i);
    }
  }
}
