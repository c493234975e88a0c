package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which begun transactions may still be open at each point of a body. The state is the set of begin
 * calls ("sites") whose transaction may be open: a begin adds its site and drops other sites of the
 * same handle; a commit, rollback or rolling-back close drops every site of its handle, on the
 * normal and the exceptional way out alike (a failed commit is not something the code can repair).
 * The analysis is a forward may-analysis over the {@link Cfg}.
 *
 * <p>Optionally the transactions of handles that the body ends but never begins (a connection whose
 * transaction the caller began) are taken to be open at the entry; their sites are numbered after
 * the begin calls and have no call in {@link #sites()}.
 */
public final class TxFlow {
  private final Cfg cfg;
  private final CallClassifier calls;
  private final boolean checkedOnly;
  private final List<MethodCallExpr> sites = new ArrayList<>();
  private final List<HandleKey> siteHandles = new ArrayList<>();
  private final Map<HandleKey, BitSet> sitesByHandle = new HashMap<>();
  private final Map<CfgNode, List<TxEvent>> events = new IdentityHashMap<>();
  private final Map<CfgNode, Map<EdgeKind, BitSet>> guardClears = new IdentityHashMap<>();
  private final BitSet[] in;
  private final ExceptionalEdges edges;
  private final BitSet openAtEntry = new BitSet();

  /**
   * @param checkedOnly follow only checked exceptions: unchecked ones are taken not to happen
   */
  public TxFlow(Cfg cfg, CallClassifier calls, ExceptionModel exceptions, boolean checkedOnly) {
    this(cfg, calls, exceptions, checkedOnly, false);
  }

  /**
   * @param checkedOnly follow only checked exceptions: unchecked ones are taken not to happen
   * @param callerBegins take the transactions the body ends without beginning them as open at the
   *     entry
   */
  public TxFlow(
      Cfg cfg,
      CallClassifier calls,
      ExceptionModel exceptions,
      boolean checkedOnly,
      boolean callerBegins) {
    this.cfg = cfg;
    this.calls = calls;
    this.checkedOnly = checkedOnly;
    this.in = new BitSet[cfg.nodes().size()];
    this.edges = new ExceptionalEdges(cfg, exceptions);
    collectEvents();
    if (callerBegins) {
      addEntrySites();
    }
    if (!siteHandles.isEmpty()) {
      collectGuards();
      solve();
    }
  }

  /** One site, open at the entry, per handle that the body ends but never begins. */
  private void addEntrySites() {
    for (CfgNode node : cfg.nodes()) {
      for (TxEvent event : eventsAt(node)) {
        if (event.effect().ends() && !sitesByHandle.containsKey(event.handle())) {
          siteHandles.add(event.handle());
          int site = siteHandles.size() - 1;
          sitesByHandle.computeIfAbsent(event.handle(), h -> new BitSet()).set(site);
          openAtEntry.set(site);
        }
      }
    }
  }

  /** The sites of a handle's transaction (begin calls and, if asked for, the caller's). */
  public BitSet sitesOf(HandleKey handle) {
    BitSet of = sitesByHandle.get(handle);
    return of == null ? new BitSet() : (BitSet) of.clone();
  }

  public Cfg cfg() {
    return cfg;
  }

  /** The begin calls of this body, indexed as in the state bit sets. */
  public List<MethodCallExpr> sites() {
    return sites;
  }

  public HandleKey handleOfSite(int site) {
    return siteHandles.get(site);
  }

  /** The events a node has on transactions (empty for most nodes). */
  public List<TxEvent> eventsAt(CfgNode node) {
    return events.getOrDefault(node, List.of());
  }

  /** Sites that may be open when control reaches the node; null when the node is unreachable. */
  public BitSet openBefore(CfgNode node) {
    return in[node.id()];
  }

  /** Sites that may be open along an edge; null when its source is unreachable. */
  public BitSet openAlong(CfgEdge edge) {
    BitSet before = in[edge.from().id()];
    return before == null || !follows(edge) ? null : transfer(edge, before);
  }

  /** Whether the analysis follows this edge at all; see {@link ExceptionalEdges}. */
  public boolean follows(CfgEdge edge) {
    return edges.follows(edge, checkedOnly);
  }

  private void collectEvents() {
    for (CfgNode node : cfg.nodes()) {
      List<TxEvent> nodeEvents = List.of();
      if (node.kind() == NodeKind.CALL) {
        nodeEvents = calls.classify((MethodCallExpr) node.ast()).events();
      } else if (node.kind() == NodeKind.RESOURCE_CLOSE) {
        nodeEvents = calls.closeEvents((Expression) node.ast());
      }
      if (nodeEvents.isEmpty()) {
        continue;
      }
      if (edges.inFinally(node.ast())) {
        // setAutoCommit(false) in a finally block restores a mode; it starts no unit of work of
        // this method.
        nodeEvents = nodeEvents.stream().filter(e -> e.effect() != Effect.BEGIN).toList();
      }
      events.put(node, nodeEvents);
      for (TxEvent event : nodeEvents) {
        if (event.effect() == Effect.BEGIN) {
          siteOf((MethodCallExpr) node.ast(), event.handle());
        }
      }
    }
  }

  private void siteOf(MethodCallExpr call, HandleKey handle) {
    for (int i = 0; i < sites.size(); i++) {
      if (sites.get(i) == call) {
        return; // the same begin in another copy of a finally block
      }
    }
    sites.add(call);
    siteHandles.add(handle);
    sitesByHandle.computeIfAbsent(handle, h -> new BitSet()).set(sites.size() - 1);
  }

  /**
   * A rollback guarded by the transaction's own state ({@code if (!committed)}, {@code if
   * (tx.isActive())}, {@code if (conn != null)}) is taken as unconditional: on the other branch the
   * transaction is not open.
   */
  private void collectGuards() {
    for (CfgNode node : cfg.nodes()) {
      if (node.kind() != NodeKind.CONDITION
          || !(node.ast().getParentNode().orElse(null) instanceof IfStmt ifStmt)
          || ifStmt.getCondition() != node.ast()) {
        continue;
      }
      for (HandleKey handle : sitesByHandle.keySet()) {
        if (!Guards.isStateGuard(ifStmt.getCondition(), handle)) {
          continue;
        }
        boolean thenEnds = Guards.ends(ifStmt.getThenStmt(), handle, calls);
        boolean elseEnds =
            ifStmt.getElseStmt().map(s -> Guards.ends(s, handle, calls)).orElse(false);
        if (thenEnds != elseEnds) {
          EdgeKind other = thenEnds ? EdgeKind.FALSE : EdgeKind.TRUE;
          guardClears
              .computeIfAbsent(node, n -> new HashMap<>())
              .computeIfAbsent(other, k -> new BitSet())
              .or(sitesByHandle.get(handle));
        }
      }
    }
  }

  private void solve() {
    Deque<CfgNode> work = new ArrayDeque<>();
    in[cfg.entry().id()] = (BitSet) openAtEntry.clone();
    work.add(cfg.entry());
    boolean[] queued = new boolean[in.length];
    queued[cfg.entry().id()] = true;
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      queued[node.id()] = false;
      for (CfgEdge edge : node.successors()) {
        if (!follows(edge)) {
          continue;
        }
        BitSet out = transfer(edge, in[node.id()]);
        int to = edge.to().id();
        if (in[to] == null) {
          in[to] = out;
        } else {
          BitSet merged = (BitSet) in[to].clone();
          merged.or(out);
          if (merged.equals(in[to])) {
            continue;
          }
          in[to] = merged;
        }
        if (!queued[to]) {
          queued[to] = true;
          work.add(edge.to());
        }
      }
    }
  }

  private BitSet transfer(CfgEdge edge, BitSet before) {
    BitSet out = (BitSet) before.clone();
    CfgNode node = edge.from();
    for (TxEvent event : eventsAt(node)) {
      BitSet ofHandle = sitesByHandle.get(event.handle());
      if (event.effect() == Effect.BEGIN) {
        if (!edge.kind().isExceptional()) {
          if (ofHandle != null) {
            out.andNot(ofHandle);
          }
          out.set(siteIndex((MethodCallExpr) node.ast()));
        }
      } else if (event.effect().ends() && ofHandle != null) {
        out.andNot(ofHandle);
      }
    }
    Map<EdgeKind, BitSet> clears = guardClears.get(node);
    if (clears != null && clears.containsKey(edge.kind())) {
      out.andNot(clears.get(edge.kind()));
    }
    return out;
  }

  private int siteIndex(MethodCallExpr call) {
    for (int i = 0; i < sites.size(); i++) {
      if (sites.get(i) == call) {
        return i;
      }
    }
    throw new IllegalStateException("not a begin site: " + call);
  }

  /**
   * The earliest node (in source order) whose exception carries the site's transaction, still open,
   * out of the body; empty when no exception does.
   */
  public Optional<CfgNode> escapingThrow(int site) {
    return earliestBefore(cfg.exceptionalExit(), site, true);
  }

  /**
   * The earliest return (or the last statement falling off the end) that leaves with the site still
   * open.
   */
  public Optional<CfgNode> openReturn(int site) {
    return earliestBefore(cfg.normalExit(), site, false);
  }

  /**
   * Walks back from an exit over edges along which the site is open; answers the earliest
   * exceptional source (throwing call) or, for the normal exit, the earliest direct predecessor.
   */
  private Optional<CfgNode> earliestBefore(CfgNode exit, int site, boolean exceptional) {
    BitSet atExit = in[exit.id()];
    if (atExit == null || !atExit.get(site)) {
      return Optional.empty();
    }
    List<CfgNode> candidates = new ArrayList<>();
    boolean[] seen = new boolean[in.length];
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(exit);
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      for (CfgEdge edge : node.predecessors()) {
        BitSet along = openAlong(edge);
        if (along == null || !along.get(site)) {
          continue;
        }
        CfgNode from = edge.from();
        if (exceptional ? edge.kind().isExceptional() : node == exit) {
          candidates.add(from);
        }
        if (exceptional && !seen[from.id()]) {
          seen[from.id()] = true;
          work.add(from);
        }
      }
    }
    return candidates.stream()
        .filter(n -> n.ast() != null)
        .min((a, b) -> Bodies.bySourcePosition(a.ast(), b.ast()));
  }
}
