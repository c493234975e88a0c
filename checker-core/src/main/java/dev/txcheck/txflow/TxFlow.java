package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which begun transactions may still be open at each point of a body. The state is the set of begin
 * calls ("sites") whose transaction may be open: a begin adds its site and drops other sites of the
 * same handle; a commit, rollback or rolling-back close drops every site of its handle, on the
 * normal and the exceptional way out alike (a failed commit is not something the code can repair).
 * The analysis is a forward may-analysis over the {@link Cfg}.
 *
 * <p>Optionally ({@link Begun}) a connection the body opens and commits without beginning counts as
 * begun by its open call, or the transactions of handles that the body ends but never begins (a
 * connection whose transaction the caller began) are taken to be open at the entry; their sites are
 * numbered after the begin calls and have no call in {@link #sites()}.
 *
 * <p>Besides whether a site is open, the flow tracks whether work was done in its transaction: a
 * step of work ({@link Work#isStep}) completed while it was open. A transaction left open with no
 * work in it loses nothing.
 */
public final class TxFlow {
  private final Cfg cfg;
  private final CallClassifier calls;
  private final boolean checkedOnly;
  private final TrackedSites<Expression> tracked = new TrackedSites<>();
  private final Map<CfgNode, List<TxEvent>> events = new IdentityHashMap<>();

  /** Null when the body has no site: nothing is open anywhere. */
  private SiteFlow solved;

  private final FailingCode edges;
  private final BitSet openAtEntry = new BitSet();

  /** Transactions the flow takes as begun besides the begin calls of the body. */
  public enum Begun {
    /** Only the begin calls. */
    BY_BEGIN_CALLS,
    /**
     * Also the transactions of handles that the body ends without beginning them: the caller began
     * them, so they are open at the entry.
     */
    ALSO_BY_CALLER,
    /**
     * Also the connections the body opens and commits without beginning: they came in manual-commit
     * mode from the pool or factory, so the open call is the begin.
     */
    ALSO_BY_OPEN
  }

  /**
   * @param checkedOnly follow only checked exceptions: unchecked ones are taken not to happen
   */
  public TxFlow(Cfg cfg, CallClassifier calls, ExceptionModel exceptions, boolean checkedOnly) {
    this(cfg, calls, exceptions, checkedOnly, Begun.BY_BEGIN_CALLS);
  }

  /**
   * @param checkedOnly follow only checked exceptions: unchecked ones are taken not to happen
   * @param begun which transactions count as begun besides those of the begin calls
   */
  public TxFlow(
      Cfg cfg, CallClassifier calls, ExceptionModel exceptions, boolean checkedOnly, Begun begun) {
    this.cfg = cfg;
    this.calls = calls;
    this.checkedOnly = checkedOnly;
    this.edges = new FailingCode(cfg, calls, exceptions, handle -> tracked.tracks(handle));
    collectEvents(begun == Begun.ALSO_BY_OPEN);
    if (begun == Begun.ALSO_BY_CALLER) {
      addEntrySites();
    }
    if (!tracked.isEmpty()) {
      // A rollback guarded by the transaction's own state (if (!committed), if (tx.isActive()),
      // if (conn != null)) is taken as unconditional: on the other branch it is not open.
      tracked.collectGuards(cfg, calls, Effect::ends);
      siteCount = tracked.size();
      solved = SiteFlow.solve(cfg, this::follows, this::transfer, openAtEntry);
    }
  }

  /** The number of sites; the bit of site s's pending work is {@code siteCount + s}. */
  private int siteCount;

  /** Sites whose transaction starts with its first statement ({@link Effect#LAZY}). */
  private final BitSet lazy = new BitSet();

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
  public List<Expression> sites() {
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
    return solved == null ? null : sitesOnly(solved.before(node));
  }

  /**
   * Sites that may be open with work done in their transaction when control reaches the node; null
   * when the node is unreachable.
   */
  public BitSet workedBefore(CfgNode node) {
    if (solved == null || solved.before(node) == null) {
      return null;
    }
    BitSet state = solved.before(node);
    BitSet worked = new BitSet();
    for (int bit = state.nextSetBit(siteCount); bit >= 0; bit = state.nextSetBit(bit + 1)) {
      worked.set(bit - siteCount);
    }
    return worked;
  }

  /** Sites that may be open along an edge; null when its source is unreachable. */
  public BitSet openAlong(CfgEdge edge) {
    return solved == null ? null : sitesOnly(solved.along(edge));
  }

  private BitSet sitesOnly(BitSet state) {
    if (state == null) {
      return null;
    }
    BitSet open = state.get(0, siteCount);
    return open;
  }

  /**
   * Whether the analysis follows this edge at all: exceptions of code that can fail (see {@link
   * FailingCode}), of the kinds asked for.
   */
  public boolean follows(CfgEdge edge) {
    return edges.follows(edge, checkedOnly);
  }

  private void collectEvents(boolean opensBegin) {
    Set<HandleKey> begun = new HashSet<>();
    Set<HandleKey> committed = new HashSet<>();
    Map<CfgNode, TxEvent> opens = new IdentityHashMap<>();
    for (CfgNode node : cfg.nodes()) {
      List<TxEvent> nodeEvents = calls.eventsOf(node);
      if (!opensBegin) {
        // setAutoCommit(flag) may begin: only TX001, which asks for every way a transaction may
        // begin, counts it.
        nodeEvents =
            nodeEvents.stream().filter(e -> !(e.computed() && e.effect() == Effect.BEGIN)).toList();
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
          Expression call = (Expression) node.ast();
          tracked.add(call, event.handle());
          if (calls.beginsLazily(call)) {
            lazy.set(tracked.indexOf(call));
          }
          begun.add(event.handle());
        } else if (event.effect() == Effect.COMMIT && event.certain()) {
          // a helper that commits only on some paths (if (!conn.getAutoCommit())) says nothing of
          // the mode the connection is in
          committed.add(event.handle());
        } else if (opensBegin && event.effect() == Effect.OPEN) {
          opens.put(node, event);
        }
      }
    }
    opens.forEach(
        (node, open) -> {
          if (committed.contains(open.handle()) && !begun.contains(open.handle())) {
            List<TxEvent> withBegin = new ArrayList<>(events.get(node));
            withBegin.add(new TxEvent(Effect.BEGIN, open.handle()));
            events.put(node, List.copyOf(withBegin));
            tracked.add((Expression) node.ast(), open.handle());
            lazy.set(tracked.indexOf(node.ast()));
          }
        });
  }

  /**
   * What one edge does to the open sites: begins open one, ends and guards close them; a step of
   * work that completes marks the open ones as holding work.
   */
  private void transfer(CfgEdge edge, BitSet out) {
    CfgNode node = edge.from();
    for (TxEvent event : eventsAt(node)) {
      if (event.effect().ends()) {
        clear(out, tracked.ofHandle(event.handle()));
      } else if (event.effect() == Effect.BEGIN) {
        if (!edge.kind().isExceptional()) {
          clear(out, tracked.ofHandle(event.handle()));
          int site = tracked.indexOf(node.ast());
          out.set(site);
          if (!lazy.get(site)) {
            out.set(siteCount + site); // an empty JPA, Spring or JTA transaction must end too
          }
        }
      }
    }
    tracked.applyGuards(edge, out);
    // A step that completed leaves work behind, and so does a statement that writes and fails: the
    // rows it locked stay locked (InnoDB keeps them past the failed statement), and PostgreSQL
    // takes
    // no further statement on the connection until a rollback. A failed read changes nothing; a
    // helper or callback that fails may have done part of its work.
    if (isStep(node)
        && (!edge.kind().isExceptional() || isComposite(node) || isStatementWrite(node))) {
      BitSet open = out.get(0, siteCount);
      BitSet worked = workedOn((MethodCallExpr) node.ast());
      if (worked.intersects(open)) {
        open.and(worked);
      }
      for (int site = open.nextSetBit(0); site >= 0; site = open.nextSetBit(site + 1)) {
        out.set(siteCount + site);
      }
    }
    for (int bit = out.nextSetBit(siteCount); bit >= 0; bit = out.nextSetBit(bit + 1)) {
      if (!out.get(bit - siteCount)) {
        out.clear(bit); // ended by a guard
      }
    }
  }

  /** Clears the sites and their work. */
  private void clear(BitSet state, BitSet sites) {
    state.andNot(sites);
    for (int site = sites.nextSetBit(0); site >= 0; site = sites.nextSetBit(site + 1)) {
      state.clear(siteCount + site);
    }
  }

  /**
   * The sites of the handles a step works on: its receiver's (a statement works on the connection
   * that made it) and its arguments'. When none is open, the step is taken to work in every open
   * transaction (a repository call, a helper that finds its connection itself).
   */
  private BitSet workedOn(MethodCallExpr call) {
    BitSet sites = new BitSet();
    call.getScope()
        .ifPresent(
            scope -> {
              sites.or(tracked.ofHandle(calls.handleOf(scope)));
              calls.madeBy(scope).ifPresent(maker -> sites.or(tracked.ofHandle(maker)));
            });
    for (Expression argument : call.getArguments()) {
      sites.or(tracked.ofHandle(calls.handleOf(argument)));
    }
    return sites;
  }

  /**
   * A step made of several statements: anything but a catalogued call or a helper whose work is one
   * statement.
   */
  private boolean isComposite(CfgNode node) {
    MethodCallExpr call = (MethodCallExpr) node.ast();
    return calls.types().catalogMatches(call).isEmpty() && !calls.summaryOf(call).oneStatement();
  }

  /** A catalogued statement that writes or may write ({@code executeUpdate}, {@code execute}). */
  private boolean isStatementWrite(CfgNode node) {
    MethodCallExpr call = (MethodCallExpr) node.ast();
    return !calls.types().catalogMatches(call).isEmpty() && Work.doesWork(call, calls);
  }

  private boolean isStep(CfgNode node) {
    return node.kind() == NodeKind.CALL
        && eventsAt(node).stream().noneMatch(e -> e.effect().onTransaction())
        && Work.mayWorkIn((MethodCallExpr) node.ast(), calls, tracked::tracks);
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

  /**
   * The earliest node whose exception leaves the body with the site open and work done in its
   * transaction.
   */
  public Optional<CfgNode> escapingThrowWithWork(int site) {
    return solved == null ? Optional.empty() : solved.escapingThrow(siteCount + site);
  }

  /** The earliest return that leaves with the site open and work done in its transaction. */
  public Optional<CfgNode> openReturnWithWork(int site) {
    return solved == null ? Optional.empty() : solved.openReturn(siteCount + site);
  }
}
