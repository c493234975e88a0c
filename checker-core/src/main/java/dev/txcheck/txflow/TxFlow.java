package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.txapi.Effect;
import java.util.BitSet;
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
  private final TrackedSites tracked = new TrackedSites();
  private final Map<CfgNode, List<TxEvent>> events = new IdentityHashMap<>();

  /** Null when the body has no site: nothing is open anywhere. */
  private SiteFlow solved;

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
    this.edges = new ExceptionalEdges(cfg, exceptions);
    collectEvents();
    if (callerBegins) {
      addEntrySites();
    }
    if (!tracked.isEmpty()) {
      // A rollback guarded by the transaction's own state (if (!committed), if (tx.isActive()),
      // if (conn != null)) is taken as unconditional: on the other branch it is not open.
      tracked.collectGuards(cfg, calls, Effect::ends);
      solved = SiteFlow.solve(cfg, this::follows, this::transfer, openAtEntry);
    }
  }

  /** One site, open at the entry, per handle that the body ends but never begins. */
  private void addEntrySites() {
    for (CfgNode node : cfg.nodes()) {
      for (TxEvent event : eventsAt(node)) {
        if (event.effect().ends() && !tracked.tracks(event.handle())) {
          openAtEntry.set(tracked.addEntry(event.handle()));
        }
      }
    }
  }

  /** The sites of a handle's transaction (begin calls and, if asked for, the caller's). */
  public BitSet sitesOf(HandleKey handle) {
    return (BitSet) tracked.ofHandle(handle).clone();
  }

  public Cfg cfg() {
    return cfg;
  }

  /** The begin calls of this body, indexed as in the state bit sets. */
  public List<MethodCallExpr> sites() {
    return tracked.calls();
  }

  public HandleKey handleOfSite(int site) {
    return tracked.handle(site);
  }

  /** The events a node has on transactions (empty for most nodes). */
  public List<TxEvent> eventsAt(CfgNode node) {
    return events.getOrDefault(node, List.of());
  }

  /** Sites that may be open when control reaches the node; null when the node is unreachable. */
  public BitSet openBefore(CfgNode node) {
    return solved == null ? null : solved.before(node);
  }

  /** Sites that may be open along an edge; null when its source is unreachable. */
  public BitSet openAlong(CfgEdge edge) {
    return solved == null ? null : solved.along(edge);
  }

  /** Whether the analysis follows this edge at all; see {@link ExceptionalEdges}. */
  public boolean follows(CfgEdge edge) {
    return edges.follows(edge, checkedOnly);
  }

  private void collectEvents() {
    for (CfgNode node : cfg.nodes()) {
      List<TxEvent> nodeEvents = calls.eventsOf(node);
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
          tracked.add((MethodCallExpr) node.ast(), event.handle());
        }
      }
    }
  }

  /** What one edge does to the open sites: begins open one, ends and guards close them. */
  private void transfer(CfgEdge edge, BitSet out) {
    CfgNode node = edge.from();
    for (TxEvent event : eventsAt(node)) {
      if (event.effect() == Effect.BEGIN) {
        if (!edge.kind().isExceptional()) {
          out.andNot(tracked.ofHandle(event.handle()));
          out.set(tracked.indexOf(node.ast()));
        }
      } else if (event.effect().ends()) {
        out.andNot(tracked.ofHandle(event.handle()));
      }
    }
    tracked.applyGuards(edge, out);
  }

  /**
   * The earliest node (in source order) whose exception carries the site's transaction, still open,
   * out of the body; empty when no exception does.
   */
  public Optional<CfgNode> escapingThrow(int site) {
    return solved == null ? Optional.empty() : solved.escapingThrow(site);
  }

  /**
   * The earliest return (or the last statement falling off the end) that leaves with the site still
   * open.
   */
  public Optional<CfgNode> openReturn(int site) {
    return solved == null ? Optional.empty() : solved.openReturn(site);
  }
}
