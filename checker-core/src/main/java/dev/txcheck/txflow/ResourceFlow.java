package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which opened resources (connections, application-managed EntityManagers, sessions, handles) may
 * still be open at each point of a body. A site is an {@code open} call of the catalog whose result
 * the body keeps in a local variable (or uses at once, as in {@code ds.getConnection()
 * .createStatement()} or {@code runScript(ds.getConnection(), file)} when that helper keeps
 * nothing) and does not hand over (see {@link Ownership}); it is open from the call's normal end
 * until a close of its handle: a catalogued close, a try-with-resources close, a helper of the
 * analysed sources whose summary closes its parameter, or the null-check branch of a guarded close.
 * Exceptions followed: those of code that can fail (see {@link FailingCode}); the failure of an
 * unrelated call such as logging is not taken as a leak.
 */
public final class ResourceFlow {
  private final Cfg cfg;
  private final CallClassifier calls;
  private final FailingCode failing;
  private final TrackedSites<Expression> sites = new TrackedSites<>();
  private final Map<CfgNode, List<TxEvent>> events = new IdentityHashMap<>();
  private final Map<CfgNode, List<HandleKey>> handovers = new IdentityHashMap<>();
  private final BitSet checkedOnly = new BitSet();
  private SiteFlow flow;
  private SiteFlow plainFlow;
  private final FailingCode plainFailing;
  private final BitSet returned = new BitSet();

  public ResourceFlow(Cfg cfg, CallClassifier calls, ExceptionModel exceptions) {
    this.cfg = cfg;
    this.calls = calls;
    this.failing = new FailingCode(cfg, calls, exceptions, handle -> sites.tracks(handle), true);
    this.plainFailing = new FailingCode(cfg, calls, exceptions, handle -> sites.tracks(handle));
    collectSites();
    if (!sites.isEmpty()) {
      collectEvents();
      collectCheckedOnly(exceptions);
      sites.collectGuards(cfg, calls, Effect::closes);
      sites.collectNullGuards(cfg, calls);
      flow = SiteFlow.solve(cfg, failing::follows, this::transfer);
    }
  }

  /** The open calls tracked, indexed as in the state bit sets. */
  public List<Expression> sites() {
    return sites.calls();
  }

  public HandleKey handleOfSite(int site) {
    return sites.handle(site);
  }

  /** The node is cleanup code (a catch or finally block) whose failure skips the close after it. */
  public boolean isCleanup(CfgNode node) {
    return failing.isCleanup(node);
  }

  /** The body returns the site's resource on some path: it is a factory of such resources. */
  public boolean returned(int site) {
    return returned.get(site);
  }

  /** The earliest node whose exception leaves the body with the site open. */
  public Optional<CfgNode> escapingThrow(int site) {
    if (flow == null) {
      return Optional.empty();
    }
    // A leak on the failures of the work itself is named by them; one that only a failing cleanup
    // call causes (it skips the close after it) is named by that call.
    Optional<CfgNode> plain = withoutCleanupFailures().escapingThrow(site);
    return plain.isPresent() ? plain : flow.escapingThrow(site, failing::isCleanup);
  }

  /** The same flow, without following failures of cleanup code. */
  private SiteFlow withoutCleanupFailures() {
    if (plainFlow == null) {
      plainFlow = SiteFlow.solve(cfg, plainFailing::follows, this::transfer);
    }
    return plainFlow;
  }

  /** The earliest return (or end of the body) reached with the site open. */
  public Optional<CfgNode> openReturn(int site) {
    return flow == null ? Optional.empty() : flow.openReturn(site);
  }

  private void collectSites() {
    Ownership ownership = new Ownership(calls);
    Map<HandleKey, Ownership.Handover> byHandle = new HashMap<>();
    for (Expression call : Bodies.opensIn(cfg.body())) {
      for (TxEvent event : calls.eventsOfCall(call)) {
        if (event.effect() != Effect.OPEN || isTryResource(call)) {
          continue;
        }
        HandleKey handle = event.handle();
        boolean tracked;
        if (handle.id().startsWith("var:")) {
          Ownership.Handover handover =
              byHandle.computeIfAbsent(handle, h -> ownership.handover(cfg.body(), h));
          tracked = true;
          handover.at().forEach(at -> handedOver(at, handle));
        } else {
          tracked =
              handle.id().startsWith("expr:")
                  && (isChainScope(call) || ownership.isLentAtOnce(call));
        }
        if (tracked) {
          sites.add(call, handle);
          if (handle.id().startsWith("var:")
              && byHandle.get(handle).at().stream().anyMatch(at -> at instanceof ReturnStmt)) {
            returned.set(sites.indexOf(call));
          }
        }
      }
    }
  }

  /** From the code that hands the handle over on, it is not open here any more. */
  private void handedOver(Node at, HandleKey handle) {
    Node ast = at;
    while (ast != null && cfg.nodesFor(ast).isEmpty()) {
      ast = ast.getParentNode().orElse(null); // an array initializer: its declaration or call
    }
    if (ast != null) {
      for (CfgNode node : cfg.nodesFor(ast)) {
        handovers.computeIfAbsent(node, n -> new ArrayList<>()).add(handle);
      }
    }
  }

  /** {@code try (Connection c = ds.getConnection())}: the language closes it. */
  private static boolean isTryResource(Expression call) {
    Node parent = Bodies.userOf(call);
    if (!(parent instanceof com.github.javaparser.ast.body.VariableDeclarator declarator)) {
      return false;
    }
    return declarator.getParentNode().orElse(null) instanceof VariableDeclarationExpr declaration
        && declaration.getParentNode().orElse(null) instanceof TryStmt tryStmt
        && tryStmt.getResources().contains(declaration);
  }

  /**
   * {@code ds.getConnection().createStatement()}: used at once, kept nowhere. A view of the
   * resource that the catalog says stands for it ({@code
   * emf.createEntityManager().unwrap(Session.class)}) is the resource: it is kept nowhere only when
   * the view is used at once in turn.
   */
  private boolean isChainScope(Expression call) {
    if (!(Bodies.userOf(call) instanceof MethodCallExpr outer)
        || outer.getScope().map(Bodies::withoutParensAndCasts).orElse(null) != call) {
      return false;
    }
    boolean view =
        calls.types().catalogMatches(outer).stream().anyMatch(api -> api.has(Effect.HANDLE));
    return !view || isChainScope(outer);
  }

  private void collectEvents() {
    for (CfgNode node : cfg.nodes()) {
      List<TxEvent> nodeEvents =
          node.kind() == NodeKind.ASSIGN && node.ast() instanceof AssignExpr assign
              ? reassigned(assign)
              : calls.eventsOf(node);
      nodeEvents =
          nodeEvents.stream()
              .filter(e -> e.effect() == Effect.OPEN || e.effect().closes())
              .filter(e -> sites.tracks(e.handle()))
              .toList();
      if (!nodeEvents.isEmpty()) {
        events.put(node, nodeEvents);
      }
    }
  }

  /**
   * {@code conn = null} or {@code conn = other}: the variable no longer holds the resource (a leak
   * by overwriting is not judged; the open result assigned is the open call's own event).
   */
  private List<TxEvent> reassigned(AssignExpr assign) {
    if (!(assign.getTarget() instanceof NameExpr)
        || assign.getOperator() != AssignExpr.Operator.ASSIGN) {
      return List.of();
    }
    Expression value = Bodies.withoutParensAndCasts(assign.getValue());
    if (value instanceof MethodCallExpr call && sites.indexOf(call) >= 0) {
      return List.of();
    }
    return List.of(new TxEvent(Effect.CLOSE, calls.handleOf(assign.getTarget())));
  }

  /** Resources closed in a catch block are judged on checked exceptions only. */
  private void collectCheckedOnly(ExceptionModel exceptions) {
    for (HandleKey handle :
        FailingCode.endedInCatch(cfg.body(), calls, exceptions, Effect::closes)) {
      checkedOnly.or(sites.ofHandle(handle));
    }
  }

  private void transfer(CfgEdge edge, BitSet state) {
    if (edge.kind() == EdgeKind.UNCHECKED_EXCEPTION && !failing.throwsOwnUnchecked(edge.from())) {
      state.andNot(checkedOnly);
    }
    CfgNode node = edge.from();
    for (TxEvent event : events.getOrDefault(node, List.of())) {
      BitSet ofHandle = sites.ofHandle(event.handle());
      if (event.effect() == Effect.OPEN) {
        int site = sites.indexOf(node.ast());
        if (site >= 0 && !edge.kind().isExceptional()) {
          state.andNot(ofHandle);
          state.set(site);
        }
      } else {
        state.andNot(ofHandle);
      }
    }
    for (HandleKey handle : handovers.getOrDefault(node, List.of())) {
      state.andNot(sites.ofHandle(handle));
    }
    sites.applyGuards(edge, state);
  }
}
