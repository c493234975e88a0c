package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.types.Memo;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a method of the sources runs in a transaction that it does not declare itself: a method
 * is covered only when it has callers and every one of them runs it in a transaction (its own, a
 * callback's, or its callers' in turn). A path runs without one from an entry point: the method
 * itself or a near caller that nothing in the sources calls (a controller in another module), a
 * method a framework calls ({@link EntryPoints}), or one that declares {@code NOT_SUPPORTED} or
 * {@code NEVER}. Callers are found by the resolved type of their receiver ({@link CallSites}),
 * across parsed and skipped files. Built on first use and shared by all workers; one query at a
 * time, so that answers never depend on timing.
 */
public final class CallerIndex {
  /** How far up the callers are followed before the answer is "cannot tell". */
  private static final int MAX_METHODS = 500;

  /** Classifiers (each with its file's tree) one question keeps at most. */
  private static final int MAX_CLASSIFIERS = 64;

  /** Callers this close to the method asked about that nothing calls count as entry points. */
  private static final int NEAR = 1;

  /** What the callers of a method give it. Ordered: a path without a transaction wins. */
  public enum Coverage {
    /** Some path runs the method without a transaction. */
    WITHOUT_TRANSACTION,
    /** Some path cannot be told (a lambda handed to unknown code, too many callers). */
    UNKNOWN,
    /** Every path runs the method in a transaction. */
    IN_TRANSACTION
  }

  /**
   * The answer for one method.
   *
   * @param coverage what its callers give it
   * @param path for {@link Coverage#WITHOUT_TRANSACTION}, the callers through which it runs without
   *     one, nearest first, as "a() (line 7)"; at most three
   * @param end how the last method of the path (or the method itself, for an empty path) comes to
   *     have none, as a verb phrase: "is an entry point (@PostMapping)", "declares propagation
   *     NOT_SUPPORTED"; null for a method that nothing in the sources calls
   */
  public record Reach(Coverage coverage, List<String> path, String end) {
    private static final int SHOWN = 3;
    static final Reach COVERED = new Reach(Coverage.IN_TRANSACTION, List.of(), null);
    static final Reach UNKNOWN = new Reach(Coverage.UNKNOWN, List.of(), null);

    public boolean withoutTransaction() {
      return coverage == Coverage.WITHOUT_TRANSACTION;
    }

    /**
     * How the method runs without a transaction, as a clause for messages: "nothing in the analysed
     * sources calls it", "it is called from b() (line 7), which is an entry point (@PostMapping)".
     */
    public String why() {
      if (path.isEmpty()) {
        return end == null ? "nothing in the analysed sources calls it" : "it " + end;
      }
      StringBuilder text = new StringBuilder("it is called from ").append(path.get(0));
      for (int i = 1; i < path.size(); i++) {
        text.append(", which is called from ").append(path.get(i));
      }
      return text.append(", which ")
          .append(end == null ? "nothing in the analysed sources calls" : end)
          .toString();
    }
  }

  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final HelperSummaries summaries;

  /**
   * Ways in and answers by method, by file and position: they outlive the trees they were read
   * from, which the analysis lets go and parses again. Those a question finds are kept apart until
   * it is answered, then remembered with everything the question read ({@link Reads}): they were
   * found with the classifiers the whole question shares.
   */
  private final Memo<NodeKey, List<Input>> waysIn = new Memo<>();

  private final Memo<NodeKey, Reach> answers = new Memo<>();

  private final Map<NodeKey, List<Input>> newWaysIn = new HashMap<>();
  private final Map<NodeKey, Reach> newAnswers = new HashMap<>();

  /**
   * Classifiers of the files one question reads, dropped when it is answered: a classifier
   * remembers nodes of other files (the targets of calls), which must not outlive their trees.
   */
  private final Map<CompilationUnit, CallClassifier> classifiers = new IdentityHashMap<>();

  private int depth;

  private final CallSites sites;

  CallerIndex(ApiCatalog catalog, ProjectIndex index, HelperSummaries summaries) {
    this.catalog = catalog;
    this.index = index;
    this.summaries = summaries;
    this.sites = new CallSites(index, this::classifier);
  }

  /** Whether every caller runs the method in a transaction, when it declares none that applies. */
  public synchronized Reach reach(MethodDeclaration method) {
    NodeKey root = NodeKey.of(method).read();
    Reach known = newAnswers.get(root);
    if (known == null) {
      known = answers.get(root);
    }
    if (known != null) {
      return known;
    }
    try (Reads.Frame question = depth == 0 ? Reads.open() : null) {
      depth++;
      root.read();
      // Its own lease: the answer holds no nodes, so the trees of the callers go with the
      // question.
      try (SourceUnits.Lease lease = index.units().lease()) {
        Map<NodeKey, Integer> distances = new HashMap<>();
        Map<NodeKey, List<Input>> graph = explore(method, root, distances);
        NodeKey top = topLevelType(method);
        known =
            graph == null
                ? Reach.UNKNOWN
                : answer(root, top, graph, distances, solve(graph, top, distances));
        newAnswers.put(root, known);
        return known;
      } finally {
        if (--depth == 0) {
          classifiers.clear();
          remember(question);
        }
      }
    }
  }

  /** Remembers what the question found, with all it read. */
  private void remember(Reads.Frame question) {
    Set<String> reads = question == null ? null : question.reads();
    newWaysIn.forEach((key, inputs) -> waysIn.put(key, inputs, reads));
    newAnswers.forEach((key, reach) -> answers.put(key, reach, reads));
    newWaysIn.clear();
    newAnswers.clear();
  }

  /**
   * One way into a method: a fixed answer (its own declaration, an entry point, a callback), the
   * method that calls it on line {@code line}, whose answer it shares, or none at all ({@code
   * uncalled}, in the top-level type {@code uncalledTop}). Holds no nodes: it outlives the trees.
   *
   * @param end for a fixed answer without a transaction, how, as a verb phrase
   */
  private record Input(
      Coverage fixed,
      String end,
      NodeKey caller,
      String callerName,
      int line,
      NodeKey uncalled,
      NodeKey uncalledTop) {
    static Input fixed(Coverage coverage) {
      return new Input(coverage, null, null, null, 0, null, null);
    }

    static Input without(String end) {
      return new Input(Coverage.WITHOUT_TRANSACTION, end, null, null, 0, null, null);
    }

    static Input from(MethodDeclaration caller, Node site) {
      return new Input(
          null,
          null,
          NodeKey.of(caller),
          caller.getNameAsString(),
          Messages.line(site),
          null,
          null);
    }

    static Input uncalled(MethodDeclaration method) {
      return new Input(
          Coverage.UNKNOWN, null, null, null, 0, NodeKey.of(method), topLevelType(method));
    }
  }

  /**
   * The methods above {@code start}, each with its ways in, breadth first so that {@code distances}
   * gets the fewest calls from each to {@code start}; null when there are too many.
   */
  private Map<NodeKey, List<Input>> explore(
      MethodDeclaration start, NodeKey startKey, Map<NodeKey, Integer> distances) {
    Map<NodeKey, List<Input>> graph = new LinkedHashMap<>();
    Deque<NodeKey> work = new ArrayDeque<>();
    work.add(startKey);
    distances.put(startKey, 0);
    while (!work.isEmpty()) {
      NodeKey method = work.poll();
      if (graph.size() >= MAX_METHODS) {
        return null;
      }
      List<Input> inputs = newWaysIn.get(method);
      if (inputs == null) {
        inputs = waysIn.get(method);
      }
      if (inputs == null) {
        inputs =
            inputsOf(
                method == startKey
                    ? start
                    : method.callable(index.units()) instanceof MethodDeclaration caller
                        ? caller
                        : null);
        newWaysIn.put(method, inputs);
      }
      graph.put(method, inputs);
      for (Input input : inputs) {
        if (input.caller() != null && !distances.containsKey(input.caller())) {
          distances.put(input.caller(), distances.get(method) + 1);
          work.add(input.caller());
        }
      }
    }
    return graph;
  }

  /**
   * The greatest answer every method's ways in agree on: each starts covered and drops to the worst
   * of its inputs until nothing changes (a cycle of callers adds no way in).
   */
  private static Map<NodeKey, Coverage> solve(
      Map<NodeKey, List<Input>> graph, NodeKey rootTop, Map<NodeKey, Integer> distances) {
    Map<NodeKey, Coverage> values = new HashMap<>();
    graph.keySet().forEach(m -> values.put(m, Coverage.IN_TRANSACTION));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<NodeKey, List<Input>> node : graph.entrySet()) {
        Coverage worst = Coverage.IN_TRANSACTION;
        for (Input input : node.getValue()) {
          Coverage value = valueOf(input, values, rootTop, distances);
          if (value.compareTo(worst) < 0) {
            worst = value;
          }
        }
        if (worst != values.get(node.getKey())) {
          values.put(node.getKey(), worst);
          changed = true;
        }
      }
    }
    return values;
  }

  /**
   * A method nothing calls is reachable from outside when it is the one asked about, calls it
   * directly, or belongs to its class (a public method of the bean calling its private helper).
   * Further away, at the end of a long chain through interfaces and event dispatch, such a caller
   * is more likely dead code than an entry point and says nothing; only an entry point a framework
   * is known to call (a request handler, a scheduled job, a listener) still does.
   */
  private static Coverage valueOf(
      Input input,
      Map<NodeKey, Coverage> values,
      NodeKey rootTop,
      Map<NodeKey, Integer> distances) {
    if (input.uncalled() != null) {
      return distances.get(input.uncalled()) <= NEAR || Objects.equals(input.uncalledTop(), rootTop)
          ? Coverage.WITHOUT_TRANSACTION
          : Coverage.UNKNOWN;
    }
    return input.fixed() != null ? input.fixed() : values.get(input.caller());
  }

  /** The outermost type declaration around a node, by file and position; null when none. */
  private static NodeKey topLevelType(Node node) {
    Node top = null;
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?>) {
        top = n;
      }
    }
    return top == null ? null : NodeKey.of(top);
  }

  /** The answer for the root, with the first way in that has no transaction, a few levels up. */
  private static Reach answer(
      NodeKey root,
      NodeKey rootTop,
      Map<NodeKey, List<Input>> graph,
      Map<NodeKey, Integer> distances,
      Map<NodeKey, Coverage> values) {
    Coverage value = values.get(root);
    if (value != Coverage.WITHOUT_TRANSACTION) {
      return value == Coverage.UNKNOWN ? Reach.UNKNOWN : Reach.COVERED;
    }
    List<String> path = new ArrayList<>();
    NodeKey method = root;
    while (true) {
      Input way = null;
      for (Input input : graph.get(method)) {
        if (valueOf(input, values, rootTop, distances) == Coverage.WITHOUT_TRANSACTION) {
          way = input;
          break;
        }
      }
      if (way == null || way.caller() == null) {
        return new Reach(value, List.copyOf(path), way == null ? null : way.end());
      }
      if (path.size() == Reach.SHOWN) {
        return new Reach(value, List.copyOf(path), "runs in no transaction");
      }
      path.add(way.callerName() + "() (line " + way.line() + ")");
      method = way.caller();
    }
  }

  private List<Input> inputsOf(MethodDeclaration method) {
    CallClassifier calls = method == null ? null : classifierOf(method);
    if (calls == null) {
      return List.of(Input.fixed(Coverage.UNKNOWN));
    }
    Optional<TxAttributes> own = new DeclarativeTx(calls).effective(method);
    if (own.isPresent() && own.get().requiresTransaction()) {
      return List.of(Input.fixed(Coverage.IN_TRANSACTION));
    }
    if (own.isPresent() && !own.get().propagation().equals("SUPPORTS")) {
      // NOT_SUPPORTED, NEVER: suspends or refuses the caller's transaction
      return List.of(Input.without("declares propagation " + own.get().propagation()));
    }
    if (!(method.getParentNode().orElse(null) instanceof TypeDeclaration<?>)) {
      return List.of(anonymousClassInput(method, calls));
    }
    List<Node> found = sites.of(method);
    if (found == null) {
      return List.of(Input.fixed(Coverage.UNKNOWN)); // too many files to read to tell
    }
    List<Input> inputs = new ArrayList<>();
    for (Node site : found) {
      if (Bodies.bodyOf(site) != method) { // a recursive call adds no way in
        inputs.add(inputAt(site));
      }
    }
    if (!inputs.isEmpty()) {
      return inputs;
    }
    if (method.isPrivate()) {
      return List.of(Input.fixed(Coverage.UNKNOWN)); // never called: how it would run is unknown
    }
    String entry = EntryPoints.howCalled(method, calls.types());
    return List.of(entry != null ? Input.without(entry) : Input.uncalled(method));
  }

  /** What the body around a call or method reference gives the method it invokes. */
  private Input inputAt(Node site) {
    if (site instanceof MethodReferenceExpr reference) {
      return passedCode(reference, site);
    }
    return bodyInput(Bodies.bodyOf(site), site);
  }

  private Input bodyInput(Node body, Node site) {
    if (body instanceof MethodDeclaration method) {
      CallClassifier calls = classifierOf(method);
      if (calls != null && ProgrammaticScope.encloses(method, site, calls)) {
        return Input.fixed(Coverage.IN_TRANSACTION); // between its own begin and commit
      }
      return Input.from(method, site);
    }
    if (body instanceof LambdaExpr lambda) {
      return passedCode(lambda, site);
    }
    return Input.fixed(Coverage.UNKNOWN); // a constructor, an initializer, a field
  }

  /** A lambda or method reference runs where the call it is handed to runs it. */
  private Input passedCode(Expression code, Node site) {
    PassedCode place = PassedCode.of(code, classifier(code.findCompilationUnit().orElseThrow()));
    if (place.inTransaction()) {
      return Input.fixed(Coverage.IN_TRANSACTION);
    }
    return place.unknown() ? Input.fixed(Coverage.UNKNOWN) : bodyInput(place.enclosing(), site);
  }

  /**
   * A method of an anonymous class runs where its object is handed to: a transaction callback
   * ({@code new TransactionCallbackWithoutResult() {...}}) runs it in a transaction.
   */
  private Input anonymousClassInput(MethodDeclaration method, CallClassifier calls) {
    if (method.getParentNode().orElse(null) instanceof ObjectCreationExpr creation) {
      Optional<TxAttributes> callback = new DeclarativeTx(calls).of(method);
      if (callback.isPresent()) {
        return Input.fixed(Coverage.IN_TRANSACTION);
      }
      return passedCode(creation, method);
    }
    return Input.fixed(Coverage.UNKNOWN);
  }

  private CallClassifier classifierOf(MethodDeclaration method) {
    return method.findCompilationUnit().map(this::classifier).orElse(null);
  }

  private CallClassifier classifier(CompilationUnit unit) {
    if (classifiers.size() >= MAX_CLASSIFIERS) {
      classifiers.clear(); // a search through many files: they need not all stay in memory
    }
    return classifiers.computeIfAbsent(
        unit, cu -> new CallClassifier(new TypeResolver(cu, index, catalog), summaries));
  }
}
