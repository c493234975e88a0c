package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.types.Memo;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a method of the sources does when it runs without a transaction of its own: whether it
 * touches the database at all, and into how many units its writes commit. A repository save or a
 * {@code JdbcTemplate} update is one unit that commits at once; a call through another bean's
 * transactional proxy is one unit however much it writes; writes in a loop, several units, or a
 * write that needs a transaction to work ({@code EntityManager#persist}, raw JDBC) are several.
 * Unlike {@link MethodSummary}, it counts the work of the lambdas the method hands on (a {@code
 * saveEntity(e, () -> dao.save(e))} writes) and the implementations of the interfaces it calls (a
 * DAO interface of the sources). Computed on first use and shared by all workers.
 */
public final class UnitsOfWork {
  /** A safety net only: every method is computed once, so a deep chain costs little. */
  private static final int MAX_DEPTH = 40;

  /**
   * @param data the method reads or writes the database, itself or through what it calls
   * @param units 0 when it writes nothing, 1 for one unit that commits on its own, 2 for more
   */
  public record Work(boolean data, int units) {
    static final Work NONE = new Work(false, 0);

    /** True when its writes commit in more than one piece, or need a transaction to work. */
    public boolean several() {
      return units >= 2;
    }

    public boolean writes() {
      return units >= 1;
    }

    Work plus(Work other) {
      return new Work(data || other.data, Math.min(2, units + other.units));
    }
  }

  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final HelperSummaries summaries;

  /** By file and position: the trees come and go, the answers stay (with what they read). */
  private final Memo<NodeKey, Work> cache = new Memo<>();

  private final ThreadLocal<Recursion<MethodDeclaration, Work>> inProgress =
      ThreadLocal.withInitial(Recursion::new);

  UnitsOfWork(ApiCatalog catalog, ProjectIndex index, HelperSummaries summaries) {
    this.catalog = catalog;
    this.index = index;
    this.summaries = summaries;
  }

  /** The work of a method with a body; {@link Work#NONE} when too deep or recursive to tell. */
  public Work of(MethodDeclaration method) {
    NodeKey key = NodeKey.of(method).read();
    Work cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Recursion<MethodDeclaration, Work> active = inProgress.get();
    Work pending = active.pending(method, Work.NONE);
    if (pending != null) {
      return pending; // a recursion, solved where it closes (see Recursion)
    }
    if (active.depth() >= MAX_DEPTH || method.getBody().isEmpty()) {
      return Work.NONE; // not cached: a shallower question may see further
    }
    Recursion<MethodDeclaration, Work>.Frame call = active.enter(method);
    try (Reads.Frame frame = Reads.open();
        SourceUnits.Lease lease = index.units().lease()) { // see HelperSummaries#summaryOf
      key.read();
      Work work = call.solve(() -> compute(method));
      if (call.leave(work)) {
        cache.put(key, work, frame);
      }
      return work;
    } catch (RuntimeException | Error e) {
      call.leave(Work.NONE);
      throw e;
    }
  }

  private Work compute(MethodDeclaration method) {
    CompilationUnit unit = method.findCompilationUnit().orElse(null);
    if (unit == null) {
      return Work.NONE;
    }
    CallClassifier calls = new CallClassifier(new TypeResolver(unit, index, catalog), summaries);
    DeclarativeTx declarative = new DeclarativeTx(calls);
    Work total = Work.NONE;
    List<MethodCallExpr> writing = new ArrayList<>();
    for (MethodCallExpr call : callsOf(method, calls)) {
      Work step = ofCall(call, calls, declarative);
      if (step.writes() && inLoop(call, method, calls)) {
        step = new Work(true, 2);
      }
      // The branches of an if (an update or an insert) are one write per run, not two.
      boolean alternative =
          step.writes()
              && !writing.isEmpty()
              && writing.stream().allMatch(w -> Branches.exclusive(w, call));
      total =
          alternative ? new Work(true, Math.max(total.units(), step.units())) : total.plus(step);
      if (step.writes()) {
        writing.add(call);
      }
    }
    return total;
  }

  private Work ofCall(MethodCallExpr call, CallClassifier calls, DeclarativeTx declarative) {
    CallFacts facts = calls.classify(call);
    if (facts.callback()) {
      return new Work(true, 1); // its lambda's work commits as one, in the callback's transaction
    }
    if (facts.write() && facts.autocommit()) {
      return new Work(true, 1);
    }
    MethodDeclaration target = calls.target(call);
    List<MethodDeclaration> callees =
        target != null ? List.of(target) : calls.implementations(call);
    if (callees.isEmpty()) {
      // A catalog write that needs a transaction (persist, raw JDBC), or reads.
      return new Work(facts.data(), facts.write() ? 2 : 0);
    }
    Work most = new Work(facts.data(), 0);
    for (MethodDeclaration callee : callees) {
      Work work = of(callee);
      Optional<TxAttributes> own =
          Writes.isSelfCall(call) ? Optional.empty() : declarative.effective(callee);
      if (own.isPresent() && own.get().requiresTransaction()) {
        work = new Work(work.data(), Math.min(1, work.units())); // its proxy commits it as one
      }
      most = new Work(most.data() || work.data(), Math.max(most.units(), work.units()));
    }
    return most;
  }

  /**
   * The calls of the method and of the lambdas in it, except those inside a transaction callback:
   * the callback call itself stands for them.
   */
  private static List<MethodCallExpr> callsOf(MethodDeclaration method, CallClassifier calls) {
    List<MethodCallExpr> result = new ArrayList<>();
    List<Node> bodies = new ArrayList<>(List.of(method));
    while (!bodies.isEmpty()) {
      Node body = bodies.remove(0);
      result.addAll(Bodies.callsIn(body));
      for (LambdaExpr lambda : body.findAll(LambdaExpr.class)) {
        boolean direct = Bodies.bodyOf(lambda) == body;
        boolean inCallback =
            lambda.getParentNode().orElse(null) instanceof MethodCallExpr user
                && calls.classify(user).callback();
        if (direct && !inCallback) {
          bodies.add(lambda);
        }
      }
    }
    return result;
  }

  /** The call runs once per element: in a loop statement, or in a lambda handed to one. */
  private static boolean inLoop(
      MethodCallExpr call, MethodDeclaration method, CallClassifier calls) {
    Node node = call;
    for (Node body = Bodies.bodyOf(call); body != null; node = body, body = Bodies.bodyOf(body)) {
      if (Loops.enclosingLoop(node, body, calls).isPresent()) {
        return true;
      }
      if (body == method) {
        return false;
      }
    }
    return false;
  }
}
