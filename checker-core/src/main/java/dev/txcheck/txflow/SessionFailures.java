package dev.txcheck.txflow;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which failed calls may have left their session (a JPA EntityManager, a Hibernate Session)
 * unusable at each point of a body. A site is a call with the catalog effect {@code poisons}; it is
 * set along the call's exceptional edges, so it reaches the catch blocks its failure enters and
 * whatever runs after them (not a catch of {@code harmless} exceptions only, such as {@code
 * NoResultException}), and it is cleared by a close of the session, a new session in the same
 * variable, or a rollback of any transaction (which also ends a container-managed persistence
 * context). Marking the transaction rollback-only is no cure: the failed entity stays in the
 * persistence context and the next flush fails again.
 *
 * <p>A call that also {@code keeps-context} (Hibernate's native Session, whose persistence context
 * survives a rollback) has a second site, "not discarded", cleared by {@code clear()}, a close or a
 * new session only: such a session is usable again after a rollback and a discard, not one alone.
 *
 * <p>A failed call assigns nothing: when its value was meant for a local that stays null after the
 * failure ({@link FailedAssignments}), the branch of a test that the local is not null cannot
 * follow the failure, and the failure is cleared there.
 */
public final class SessionFailures {
  private final CallClassifier calls;
  private final ExceptionalEdges edges;
  private final TrackedSites<MethodCallExpr> sites = new TrackedSites<>();

  /**
   * The calls' sites are the first bits; then a "not discarded" site for each call that needs one.
   */
  private int callSites;

  private final Map<Integer, Integer> discardSiteOf = new HashMap<>();
  private SiteFlow flow;

  /**
   * A use of a session that one of its earlier calls may have left unusable.
   *
   * @param rolledBack the failure was rolled back on every path, but the session, which keeps its
   *     persistence context across a rollback, was not cleared or closed
   */
  public record Reuse(
      MethodCallExpr use, HandleKey session, MethodCallExpr failed, boolean rolledBack) {}

  public SessionFailures(Cfg cfg, CallClassifier calls, ExceptionModel exceptions) {
    this.calls = calls;
    this.edges = new ExceptionalEdges(cfg, exceptions);
    for (MethodCallExpr call : Bodies.callsIn(cfg.body())) {
      for (TxEvent event : calls.classify(call).events()) {
        if (event.effect() == Effect.POISONS) {
          sites.add(call, event.handle());
        }
      }
    }
    callSites = sites.calls().size();
    for (int site = 0; site < callSites; site++) {
      HandleKey handle = sites.handle(site);
      if (calls.classify(sites.calls().get(site)).has(Effect.KEEPS_CONTEXT, handle)) {
        discardSiteOf.put(site, sites.addEntry(handle));
      }
    }
    if (!sites.isEmpty()) {
      sites.collectGuards(cfg, calls, SessionFailures::recovers);
      collectNullGuards(cfg);
      flow = SiteFlow.solve(cfg, e -> edges.follows(e, false), this::transfer);
    }
  }

  /** After a rollback or a close, the failed session is no longer used as it was. */
  private static boolean recovers(Effect effect) {
    return effect == Effect.ROLLBACK || effect.closes();
  }

  /**
   * Where a test says that the local a failed call's value was meant for is not null, that failure
   * did not happen: the local stays null after it ({@code user = query.uniqueResult()} failed, then
   * {@code if (user != null) ...}).
   */
  private void collectNullGuards(Cfg cfg) {
    for (int site = 0; site < callSites; site++) {
      Optional<String> local =
          FailedAssignments.nullAfterFailure(sites.calls().get(site), cfg.body(), calls.types());
      if (local.isEmpty()) {
        continue;
      }
      for (CfgNode node : cfg.nodes()) {
        if (node.kind() == NodeKind.CONDITION && node.ast() instanceof Expression condition) {
          for (EdgeKind branch :
              FailedAssignments.nonNullBranches(condition, local.get(), calls.types())) {
            sites.clearAlong(node, branch, site);
            if (discardSiteOf.containsKey(site)) {
              sites.clearAlong(node, branch, discardSiteOf.get(site));
            }
          }
        }
      }
    }
  }

  /** The failed call a site stands for: its own, or the one whose "not discarded" site it is. */
  private MethodCallExpr callOf(int site) {
    if (site < callSites) {
      return sites.calls().get(site);
    }
    for (Map.Entry<Integer, Integer> entry : discardSiteOf.entrySet()) {
      if (entry.getValue() == site) {
        return sites.calls().get(entry.getKey());
      }
    }
    throw new IllegalStateException("no call for site " + site);
  }

  /**
   * A catch clause all of whose types are {@code harmless} exceptions of the catalog: the failure
   * it catches left the session usable.
   */
  private boolean catchesOnlyHarmless(CfgNode node) {
    if (node.kind() != NodeKind.CATCH) {
      return false;
    }
    Type type = ((CatchClause) node.ast()).getParameter().getType();
    List<? extends Type> alternatives =
        type instanceof UnionType union ? union.getElements() : List.of(type);
    Set<String> harmless = calls.types().catalog().harmlessExceptions();
    for (Type alternative : alternatives) {
      String written = alternative.asString();
      String qualified = calls.types().names().resolve(written);
      if (!harmless.contains(qualified == null ? written : qualified)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The calls that work on a session's persistence context ({@code uses-session}) while an earlier
   * call on it may have failed, in source order, each with the earliest such failure.
   */
  public List<Reuse> reuses() {
    List<Reuse> reuses = new ArrayList<>();
    if (flow == null) {
      return reuses;
    }
    for (CfgNode node : flow.cfg().nodes()) {
      BitSet failed = flow.before(node);
      if (node.kind() != NodeKind.CALL || failed == null || failed.isEmpty()) {
        continue;
      }
      MethodCallExpr call = (MethodCallExpr) node.ast();
      for (TxEvent event : calls.classify(call).events()) {
        if (event.effect() != Effect.USES_SESSION) {
          continue;
        }
        BitSet ofSession = (BitSet) sites.ofHandle(event.handle()).clone();
        ofSession.and(failed);
        Optional<MethodCallExpr> earliest =
            ofSession.stream().mapToObj(this::callOf).min(Bodies::bySourcePosition);
        if (earliest.isPresent()
            && reuses.stream()
                .noneMatch(r -> r.use() == call && r.session().equals(event.handle()))) {
          boolean rolledBack = ofSession.nextSetBit(0) >= callSites;
          reuses.add(new Reuse(call, event.handle(), earliest.get(), rolledBack));
        }
      }
    }
    reuses.sort((a, b) -> Bodies.bySourcePosition(a.use(), b.use()));
    return reuses;
  }

  private boolean opens(Expression value) {
    return value instanceof MethodCallExpr call && calls.classify(call).has(Effect.OPEN);
  }

  private void transfer(CfgEdge edge, BitSet state) {
    CfgNode node = edge.from();
    if (node.kind() == NodeKind.CALL) {
      MethodCallExpr call = (MethodCallExpr) node.ast();
      List<TxEvent> events = calls.classify(call).events();
      for (TxEvent event : events) {
        if (event.effect() == Effect.ROLLBACK) {
          // Whichever transaction: a JTA or Spring rollback also ends a container-managed
          // EntityManager's persistence context. A native Session still needs its discard.
          state.clear(0, callSites);
        }
        if (event.effect() == Effect.CLEARS && sites.tracks(event.handle())) {
          BitSet discards = (BitSet) sites.ofHandle(event.handle()).clone();
          discards.clear(0, callSites);
          state.andNot(discards);
        }
        // A close ends the failure; so does the first reuse, which is the one reported.
        boolean ends = event.effect().closes() || event.effect() == Effect.USES_SESSION;
        if (ends && sites.tracks(event.handle())) {
          state.andNot(sites.ofHandle(event.handle()));
        }
      }
      if (edge.kind().isExceptional()
          && events.stream().anyMatch(e -> e.effect() == Effect.POISONS)
          && !catchesOnlyHarmless(edge.to())) {
        int site = sites.indexOf(call);
        state.set(site);
        if (discardSiteOf.containsKey(site)) {
          state.set(discardSiteOf.get(site));
        }
      }
    } else if (node.kind() == NodeKind.ASSIGN) {
      // A new session in the same variable: em = emf.createEntityManager().
      HandleKey target = null;
      if (node.ast() instanceof AssignExpr assign && opens(assign.getValue())) {
        target = calls.handleOf(assign.getTarget());
      } else if (node.ast() instanceof VariableDeclarator declarator
          && declarator.getInitializer().filter(this::opens).isPresent()) {
        target = calls.variableHandle(declarator);
      }
      if (target != null && sites.tracks(target)) {
        state.andNot(sites.ofHandle(target));
      }
    }
    sites.applyGuards(edge, state);
  }
}
