package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.Members;
import dev.txcheck.types.Memo;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Summaries of the analysed sources' own methods, so that {@code rollbackQuietly(conn)} counts as a
 * rollback of {@code conn} at its call sites, in any file. Computed on first use and shared by all
 * workers.
 */
public final class HelperSummaries {
  private static final String AUTO_CLOSEABLE = "java.lang.AutoCloseable";

  private final Memo<NodeKey, List<NodeKey>> implementationKeys = new Memo<>();

  /**
   * The skipped files that may implement an interface method, by interface and method name: every
   * call of that method asks (see {@link #skippedCandidates}).
   */
  private final Memo<String, Optional<List<String>>> skippedCandidates = new Memo<>();

  /** Skipped files parsed at most to find the implementations of one interface method. */
  private static final int MAX_SKIPPED_IMPLEMENTATIONS = 50;

  /**
   * Skipped files declaring the method's name whose heads are read at most for that: {@code
   * getName()} is declared in hundreds of files, of which the few below the interface are wanted.
   */
  private static final int MAX_DECLARING_FILES = 500;

  /**
   * A safety net only, as in {@link UnitsOfWork}: each summary is computed once and kept, so deep
   * chains cost little. A cut must be rare, because its answer is cached for every later question:
   * with 6 levels the findings changed from run to run with the order in which files were checked.
   */
  private static final int MAX_DEPTH = 40;

  private final ApiCatalog catalog;
  private final ProjectIndex index;

  /**
   * By file and position: the trees come and go, the summaries stay, each with what it read (see
   * {@link Reads}).
   */
  private final Memo<NodeKey, MethodSummary> cache = new Memo<>();

  private final ThreadLocal<Recursion<CallableDeclaration<?>, MethodSummary>> inProgress =
      ThreadLocal.withInitial(Recursion::new);

  private final CallerIndex callers;
  private final Memo<String, List<TypeInfo>> implementations = new Memo<>();
  private final BytecodeSummaries library;
  private final UnitsOfWork units;
  private final ThrownTypes thrownTypes;

  /** A safety net only, like {@link #MAX_DEPTH}. */
  private static final int MAX_WORK_DEPTH = 40;

  private final Memo<NodeKey, Boolean> work = new Memo<>();
  private final ThreadLocal<Recursion<MethodDeclaration, Boolean>> workInProgress =
      ThreadLocal.withInitial(Recursion::new);
  private final ThreadLocal<int[]> workCuts = ThreadLocal.withInitial(() -> new int[1]);

  public HelperSummaries(ApiCatalog catalog, ProjectIndex index) {
    this.catalog = catalog;
    this.index = index;
    this.callers = new CallerIndex(catalog, index, this);
    this.library = new BytecodeSummaries(catalog, index);
    this.units = new UnitsOfWork(catalog, index, this);
    this.thrownTypes = new ThrownTypes(catalog, index, this);
  }

  /** The summary of a library method read from the classpath; see {@link BytecodeSummaries}. */
  MethodSummary libraryOf(String owner, String name, int arity) {
    return library.summaryOf(owner, name, arity);
  }

  /** What the sources' methods do without a transaction of their own; shared like the summaries. */
  UnitsOfWork units() {
    return units;
  }

  /**
   * Answers of {@link CheckedThrows}, by method and exception: a rule asks them for a method and
   * for its siblings in the class, from every worker.
   */
  private final Memo<CheckedThrows.Question, Boolean> thrownAfterWork = new Memo<>();

  Memo<CheckedThrows.Question, Boolean> thrownAfterWork() {
    return thrownAfterWork;
  }

  /** Which exceptions the sources' code may throw; shared like the summaries. */
  ThrownTypes thrownTypes() {
    return thrownTypes;
  }

  /** Who calls the sources' methods; shared like the summaries. */
  CallerIndex callers() {
    return callers;
  }

  /**
   * Simple names under which code may use this type of the sources when one of its methods or
   * constructors opens, begins, ends or closes a transaction or a resource: its own name, and the
   * names of its supertypes of the sources that declare such a method, through which callers may
   * reach it ({@code ConnectionSource.acquire()}); empty otherwise. Code that only mentions such a
   * type still has transactions to check. A supertype that declares none of those methods ({@code
   * Configurable}, {@code Serializable}) says nothing about the code that mentions it.
   */
  public Set<String> namesIfHandlesTransactions(TypeInfo type) {
    Set<String> handling = new HashSet<>();
    boolean handles = false;
    try (SourceUnits.Lease lease = index.units().lease()) {
      TypeDeclaration<?> declaration = type.declaration();
      List<CallableDeclaration<?>> callables = new ArrayList<>(declaration.getMethods());
      callables.addAll(declaration.getConstructors());
      for (CallableDeclaration<?> callable : callables) {
        if (handlesTransactions(summaryOf(callable))) {
          handles = true;
          if (callable instanceof MethodDeclaration method) {
            handling.add(method.getNameAsString() + "/" + method.getParameters().size());
          }
        }
      }
    }
    if (!handles) {
      return Set.of();
    }
    // A catalogued type (hibernate-core declares Session) needs no name: the prefilter's words
    // already cover every method of it that ends a transaction.
    Set<String> names = new TreeSet<>();
    if (!catalog.knowsType(type.name())) {
      names.add(type.simpleName());
    }
    for (String supertype : index.supertypes(type.name())) {
      TypeInfo declared = catalog.knowsType(supertype) ? null : index.sourceType(supertype);
      if (declared != null && declared.methods().stream().anyMatch(handling::contains)) {
        names.add(declared.simpleName());
      }
    }
    return names;
  }

  private static boolean handlesTransactions(MethodSummary summary) {
    return !summary.parameterEffects().isEmpty()
        || !summary.returned().isEmpty()
        || !summary.fieldEffects().isEmpty()
        || summary.undoesAmbient();
  }

  /**
   * The only method of the sources that implements an abstract or interface method, or null when
   * there are none or several: a factory or helper behind an interface with one implementation
   * ({@code IDbManager.getConnection()}) is summarised as that implementation.
   */
  MethodDeclaration onlyImplementation(MethodDeclaration declared) {
    List<MethodDeclaration> all = implementationsOf(declared);
    return all.size() == 1 ? all.get(0) : null;
  }

  /**
   * The methods of the sources with a body that implement an abstract or interface method, in
   * parsed files and in skipped files that declare a method of its name.
   */
  List<MethodDeclaration> implementationsOf(MethodDeclaration declared) {
    List<MethodDeclaration> found = new ArrayList<>();
    for (NodeKey key : implementationKeys(declared)) {
      if (key.callable(index.units()) instanceof MethodDeclaration method) {
        found.add(method);
      }
    }
    return found;
  }

  /**
   * What a call of an abstract or interface method may rely on: what its only implementation in the
   * sources does to connections and transactions (a factory, a helper) and whether it calls out (a
   * client), not its data work, which a bean's implementation does behind its own proxy; with
   * several, what they all do ({@link MethodSummary#commonTo}). The implementations are found and
   * summarised one by one until nothing can be common any more: the skipped files holding the rest
   * (a framework's widely implemented interface) are then never parsed.
   */
  MethodSummary ofImplementations(MethodDeclaration declared) {
    NodeKey.of(declared).read();
    List<MethodSummary> found = new ArrayList<>();
    try (SourceUnits.Lease lease = index.units().lease()) {
      boolean nothingCommon =
          visitImplementations(
              declared,
              method -> {
                found.add(summaryOf(method));
                // One alone is what a call relies on only when it turns out to be the only one.
                boolean settled =
                    found.size() > 1 || found.get(0).throughInterface().equals(MethodSummary.NONE);
                return settled && MethodSummary.commonTo(found).equals(MethodSummary.NONE);
              });
      if (nothingCommon) {
        return MethodSummary.NONE;
      }
    }
    return found.size() == 1 ? found.get(0).throughInterface() : MethodSummary.commonTo(found);
  }

  /**
   * The implementations by file and position, found once per method: finding them may read skipped
   * files, and calls of the same interface method are everywhere.
   */
  List<NodeKey> implementationKeys(MethodDeclaration declared) {
    NodeKey key = NodeKey.of(declared).read();
    List<NodeKey> known = implementationKeys.get(key);
    if (known == null) {
      try (Reads.Frame frame = Reads.open();
          SourceUnits.Lease lease = index.units().lease()) {
        key.read();
        List<NodeKey> keys = new ArrayList<>();
        visitImplementations(declared, method -> !keys.add(NodeKey.of(method)));
        known = implementationKeys.putIfAbsent(key, List.copyOf(keys), frame);
      }
    }
    return known;
  }

  /**
   * Gives {@code stop} the methods with a body that implement an abstract or interface method until
   * it answers true: those of the parsed files, then those of skipped files (see {@link
   * #skippedCandidates}), each file parsed only when its turn comes. When too many skipped files
   * would have to be read, those of the parsed files decide. True when {@code stop} stopped it.
   */
  private boolean visitImplementations(
      MethodDeclaration declared, Predicate<MethodDeclaration> stop) {
    if (!(declared.getParentNode().orElse(null) instanceof TypeDeclaration<?> owner)
        || owner.getFullyQualifiedName().isEmpty()) {
      return false;
    }
    String ownerName = owner.getFullyQualifiedName().get();
    String name = declared.getNameAsString();
    int arity = declared.getParameters().size();
    for (TypeInfo type : implementations(ownerName)) {
      if (Members.withBody(type.declaration(), name, arity).stream().anyMatch(stop)) {
        return true;
      }
    }
    for (String top : skippedCandidates(ownerName, name).orElse(List.of())) {
      for (TypeDeclaration<?> type : skippedImplementations(top, ownerName)) {
        if (Members.withBody(type, name, arity).stream().anyMatch(stop)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The skipped files to parse for the types below {@code owner} that may implement a method of
   * that name, by top-level type: a client class behind an interface rarely mentions a transaction.
   * A file is a candidate when it seems to declare the name and its top-level type is below {@code
   * owner} (told from its head) or, when few files declare the name, its code names {@code owner}
   * (a nested implementation). Empty when too many files would have to be looked at or parsed.
   */
  private Optional<List<String>> skippedCandidates(String owner, String methodName) {
    return skippedCandidates.computeIfAbsent(
        owner + '#' + methodName, key -> findSkippedCandidates(owner, methodName));
  }

  private Optional<List<String>> findSkippedCandidates(String owner, String methodName) {
    Optional<List<String>> declaring =
        index.onDemand().typesDeclaring(methodName, MAX_DECLARING_FILES);
    if (declaring.isEmpty()) {
      return Optional.empty();
    }
    boolean few = declaring.get().size() <= MAX_SKIPPED_IMPLEMENTATIONS;
    String ownerSimple = TypeNames.simple(owner);
    List<String> candidates = new ArrayList<>();
    for (String top : declaring.get()) {
      if (top.equals(owner)
          || index.type(top) != null
          || (!index.isSubtype(top, owner)
              && !(few && index.onDemand().mentions(top, ownerSimple)))) {
        continue;
      }
      if (candidates.size() == MAX_SKIPPED_IMPLEMENTATIONS) {
        return Optional.empty();
      }
      candidates.add(top);
    }
    return Optional.of(candidates);
  }

  /** The types of a skipped file, at the top or nested, that are below {@code owner}. */
  private List<TypeDeclaration<?>> skippedImplementations(String top, String owner) {
    TypeDeclaration<?> topType = index.onDemand().type(top);
    if (topType == null) {
      return List.of();
    }
    List<TypeDeclaration<?>> found = new ArrayList<>();
    for (TypeDeclaration<?> type : declaredTypes(List.of(topType), new ArrayList<>())) {
      String name = type.getFullyQualifiedName().orElse(null);
      if (name != null
          && !name.equals(owner)
          && index.type(name) == null
          && index.isSubtype(name, owner)) {
        found.add(type);
      }
    }
    return found;
  }

  /**
   * The types declared at the top and as members, without walking the bodies (a whole-tree search
   * per interface method was most of the run on hibernate-core).
   */
  private static List<TypeDeclaration<?>> declaredTypes(
      List<? extends TypeDeclaration<?>> types, List<TypeDeclaration<?>> into) {
    for (TypeDeclaration<?> type : types) {
      into.add(type);
      List<TypeDeclaration<?>> members = new ArrayList<>();
      for (var member : type.getMembers()) {
        if (member instanceof TypeDeclaration<?> nested) {
          members.add(nested);
        }
      }
      declaredTypes(members, into);
    }
    return into;
  }

  /** The types of the sources below a type, computed once per type. */
  private List<TypeInfo> implementations(String type) {
    return implementations.computeIfAbsent(
        type,
        t ->
            index.types().stream()
                .filter(info -> !info.name().equals(t) && index.isSubtype(info.name(), t))
                .toList());
  }

  /** The summary of a method or constructor of the sources. */
  MethodSummary summaryOf(CallableDeclaration<?> method) {
    NodeKey key = NodeKey.of(method).read();
    MethodSummary cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Recursion<CallableDeclaration<?>, MethodSummary> active = inProgress.get();
    MethodSummary pending = active.pending(method, MethodSummary.NONE);
    if (pending != null) {
      return pending; // a recursion
    }
    if (active.depth() >= MAX_DEPTH || bodyOf(method) == null) {
      return MethodSummary.NONE; // a chain too deep to matter
    }
    Recursion<CallableDeclaration<?>, MethodSummary>.Frame call = active.enter(method);
    // Its own lease: the trees only its helpers needed go once the (node-free) summary is made.
    try (Reads.Frame frame = Reads.open();
        SourceUnits.Lease lease = index.units().lease()) {
      key.read();
      MethodSummary summary = call.solve(() -> compute(method));
      if (call.leave(summary)) {
        cache.put(key, summary, frame);
      }
      return summary;
    } catch (RuntimeException | Error e) {
      call.leave(MethodSummary.NONE);
      throw e;
    }
  }

  /**
   * A call made only while handling a failure, in a catch clause of the method (the back-off sleep
   * of a retry after a lock timeout): the method's callers do not wait on it in a normal run, so it
   * does not make the method a remote call.
   */
  private static boolean handlesFailure(MethodCallExpr call, CallableDeclaration<?> method) {
    for (Node n = call.getParentNode().orElse(null);
        n != null && n != method;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof CatchClause) {
        return true;
      }
    }
    return false;
  }

  /** The body of a method or constructor; null for an abstract or native method. */
  static BlockStmt bodyOf(CallableDeclaration<?> callable) {
    if (callable instanceof ConstructorDeclaration constructor) {
      return constructor.getBody();
    }
    return ((MethodDeclaration) callable).getBody().orElse(null);
  }

  private MethodSummary compute(CallableDeclaration<?> method) {
    CompilationUnit cu = method.findCompilationUnit().orElse(null);
    if (cu == null) {
      return MethodSummary.NONE;
    }
    CallClassifier calls = new CallClassifier(new TypeResolver(cu, index, catalog), this);
    Map<String, Integer> parameterKeys = new HashMap<>();
    List<Parameter> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      parameterKeys.put(calls.parameterKey(parameters.get(i)).id(), i);
    }
    Map<Integer, Set<Effect>> effects = new HashMap<>();
    Map<Integer, Set<Effect>> certain = new HashMap<>();
    Map<String, Set<Effect>> fieldEffects = new HashMap<>();
    Map<String, Set<Effect>> certainFieldEffects = new HashMap<>();
    Map<HandleKey, Set<Effect>> byHandle = new HashMap<>();
    Set<HandleKey> lazyBegun = new HashSet<>();
    boolean begins = false;
    boolean allLazy = true;
    boolean data = false;
    boolean writes = false;
    boolean undoesAmbient = false;
    for (MethodCallExpr call : Bodies.callsIn(method)) {
      CallFacts facts = calls.classify(call);
      data |= facts.data();
      writes |= facts.write();
      for (TxEvent event : facts.events()) {
        if (event.computed() && event.effect() == Effect.BEGIN) {
          continue; // setAutoCommit(flag) in a helper: whether it begins depends on its callers
        }
        if (event.effect() == Effect.NEEDS_ACTIVE && RollbackGuards.isGuarded(call, method)) {
          continue; // rollbackIfActive(tx): the helper keeps its rollback from throwing
        }
        HandleKey handle = event.handle();
        byHandle.computeIfAbsent(handle, k -> EnumSet.noneOf(Effect.class)).add(event.effect());
        if (event.effect() == Effect.BEGIN) {
          boolean lazy = calls.beginsLazily(call);
          begins = true;
          allLazy &= lazy;
          if (lazy) {
            lazyBegun.add(handle);
          }
        }
        Integer index = parameterKeys.get(handle.id());
        boolean onField = handle.id().startsWith("field:");
        undoesAmbient |= index == null && event.effect().undoes();
        boolean sure = event.certain() && isUnconditional(call, method);
        if (index != null) {
          effects.computeIfAbsent(index, k -> EnumSet.noneOf(Effect.class)).add(event.effect());
          if (sure) {
            certain.computeIfAbsent(index, k -> EnumSet.noneOf(Effect.class)).add(event.effect());
          }
        } else if (onField) {
          fieldEffects
              .computeIfAbsent(handle.id(), k -> EnumSet.noneOf(Effect.class))
              .add(event.effect());
          if (sure) {
            certainFieldEffects
                .computeIfAbsent(handle.id(), k -> EnumSet.noneOf(Effect.class))
                .add(event.effect());
          }
        }
      }
    }
    // A field the method opens and closes again (getConn() ... finally closeConn()) is not left
    // open: its summary says what the caller finds afterwards.
    fieldEffects
        .values()
        .forEach(
            onField -> {
              if (onField.stream().anyMatch(Effect::closes)) {
                onField.remove(Effect.OPEN);
              }
            });
    return new MethodSummary(
        Map.copyOf(effects),
        Map.copyOf(certain),
        undoesAmbient,
        alwaysThrows(method, calls),
        data,
        writes,
        returned(method, calls, byHandle, lazyBegun),
        Map.copyOf(fieldEffects),
        Map.copyOf(certainFieldEffects),
        begins && allLazy,
        Set.of(),
        oneStatement(method, calls),
        !RemoteCalls.isAsync(method)
            && Bodies.callsIn(method).stream()
                .anyMatch(
                    call -> !handlesFailure(call, method) && RemoteCalls.isRemote(call, calls)),
        !parameters.isEmpty() && parameters.get(parameters.size() - 1).isVarArgs()
            ? parameters.size() - 1
            : -1);
  }

  /**
   * What the method hands its caller: a resource it opened into a local variable (or returns at
   * once), not closed, and a transaction it began on it and did not end. A field is not handed
   * over: a getter of a shared connection returns what the object keeps.
   */
  private static Set<Effect> returned(
      CallableDeclaration<?> method,
      CallClassifier calls,
      Map<HandleKey, Set<Effect>> byHandle,
      Set<HandleKey> lazyBegun) {
    Set<Effect> returned = EnumSet.noneOf(Effect.class);
    for (ReturnStmt ret : Bodies.nodesIn(method, ReturnStmt.class)) {
      Expression value = ret.getExpression().map(Bodies::withoutParensAndCasts).orElse(null);
      if (value == null || value instanceof NullLiteralExpr) {
        continue;
      }
      HandleKey handle = calls.handleOf(value);
      Set<Effect> onIt = byHandle.getOrDefault(handle, Set.of());
      if (value instanceof ObjectCreationExpr creation && !onIt.contains(Effect.OPEN)) {
        handle = wrappedResource(method, creation, calls, byHandle);
        onIt = byHandle.getOrDefault(handle, Set.of());
      } else if (!onIt.contains(Effect.OPEN)
          || !ownedUntil(method, value, handle, calls, at -> at instanceof ReturnStmt)) {
        continue;
      }
      if (!onIt.contains(Effect.OPEN) || closedBeforeReturn(method, handle, calls)) {
        continue;
      }
      returned.add(Effect.OPEN);
      if (onIt.contains(Effect.BEGIN) && onIt.stream().noneMatch(Effect::ends)) {
        returned.add(Effect.BEGIN);
        if (lazyBegun.contains(handle)) {
          returned.add(Effect.LAZY);
        }
      }
    }
    return Set.copyOf(returned);
  }

  /**
   * The resource that a returned wrapper takes over: {@code return new
   * SearchDao(ds.getConnection())} hands the caller an {@link AutoCloseable} of the sources that
   * owns a connection this method opened, so the caller must close the wrapper. Null when no
   * argument is such a resource, or when the wrapper cannot be closed (then it is no handle the
   * caller could be blamed for).
   */
  private static HandleKey wrappedResource(
      CallableDeclaration<?> method,
      ObjectCreationExpr creation,
      CallClassifier calls,
      Map<HandleKey, Set<Effect>> byHandle) {
    String type = calls.types().typeOf(creation);
    if (type == null
        || creation.getAnonymousClassBody().isPresent()
        || calls.types().index().sourceType(type) == null
        || !calls.types().index().isSubtype(type, AUTO_CLOSEABLE)) {
      return null;
    }
    for (Expression argument : creation.getArguments()) {
      Expression value = Bodies.withoutParensAndCasts(argument);
      HandleKey handle = calls.handleOf(value);
      if (handle != null
          && byHandle.getOrDefault(handle, Set.of()).contains(Effect.OPEN)
          && ownedUntil(method, value, handle, calls, at -> at == creation)) {
        return handle;
      }
    }
    return null;
  }

  /** The method's database work is one write statement, not in a loop, and nothing else writes. */
  private static boolean oneStatement(CallableDeclaration<?> method, CallClassifier calls) {
    int writes = 0;
    for (MethodCallExpr call : Bodies.callsIn(method)) {
      CallFacts facts = calls.classify(call);
      if (!facts.write()) {
        continue;
      }
      if (calls.types().catalogMatches(call).isEmpty()
          || Loops.enclosingLoop(call, method, calls).isPresent()) {
        return false; // a helper's writes, or a write per round
      }
      writes++;
    }
    return writes == 1;
  }

  /**
   * The method closes the resource outside a catch block: a catch that closes it and rethrows (a
   * factory cleaning up after a failed configuration) does not run before a return.
   */
  private static boolean closedBeforeReturn(
      CallableDeclaration<?> method, HandleKey handle, CallClassifier calls) {
    for (MethodCallExpr call : Bodies.callsIn(method)) {
      if (call.findAncestor(CatchClause.class).isPresent()) {
        continue;
      }
      for (TxEvent event : calls.classify(call).events()) {
        if (event.effect().closes() && event.handle().equals(handle)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The value is the resource itself, kept only in a local variable until {@code handedOver} takes
   * it (the return, or the wrapper it is returned in): not a field, not an object derived from it
   * (a query of an EntityManager), not a resource that was also stored elsewhere (a thread-local
   * cache hands out the same one again).
   */
  private static boolean ownedUntil(
      CallableDeclaration<?> method,
      Expression value,
      HandleKey handle,
      CallClassifier calls,
      Predicate<Node> handedOver) {
    if (value instanceof MethodCallExpr) {
      return handle.id().startsWith("expr:");
    }
    if (!(value instanceof NameExpr name)
        || !handle.id().startsWith("var:")
        || !handle.display().equals(name.getNameAsString())) {
      return false;
    }
    Ownership.Handover handover = new Ownership(calls).handover(method, handle);
    return handover.at().stream().allMatch(handedOver);
  }

  /**
   * True when the method does data work that a commit makes permanent ({@link Work#doesWork} for
   * one of its calls), itself or through the methods it calls. Kept apart from {@link #summaryOf},
   * whose answers other rules read: following implementations of interfaces here must not change
   * which summaries are computed how deep.
   */
  boolean doesWork(MethodDeclaration method) {
    NodeKey key = NodeKey.of(method).read();
    Boolean cached = work.get(key);
    if (cached != null) {
      return cached;
    }
    Recursion<MethodDeclaration, Boolean> active = workInProgress.get();
    Boolean pending = active.pending(method, Boolean.FALSE);
    if (pending != null) {
      return pending; // a recursion: the method that runs it looks at the rest of its body
    }
    if (active.depth() >= MAX_WORK_DEPTH) {
      workCuts.get()[0]++;
      return true; // too deep to follow: taken as work
    }
    CompilationUnit cu = method.findCompilationUnit().orElse(null);
    if (cu == null || method.getBody().isEmpty()) {
      return false;
    }
    Recursion<MethodDeclaration, Boolean>.Frame frame = active.enter(method);
    int cutsBefore = workCuts.get()[0];
    try (Reads.Frame reads = Reads.open();
        SourceUnits.Lease lease = index.units().lease()) {
      key.read();
      boolean result = frame.solve(() -> callsDoWork(method, cu));
      // Not under a depth cut: such an answer depends on who asked first.
      if (frame.leave(result) && workCuts.get()[0] == cutsBefore) {
        work.put(key, result, reads);
      }
      return result;
    } catch (RuntimeException | Error e) {
      frame.leave(Boolean.FALSE);
      throw e;
    }
  }

  /**
   * Whether a call of the body does work; a classifier of its own per round, since a classifier
   * keeps what it learnt of each call.
   */
  private boolean callsDoWork(MethodDeclaration method, CompilationUnit cu) {
    CallClassifier calls = new CallClassifier(new TypeResolver(cu, index, catalog), this);
    return Bodies.callsIn(method).stream().anyMatch(call -> Work.doesWork(call, calls));
  }

  /**
   * A call that runs whenever the method returns normally: not under a condition, a loop or a
   * catch.
   */
  private static boolean isUnconditional(MethodCallExpr call, CallableDeclaration<?> method) {
    Node child = call;
    for (Node parent = call.getParentNode().orElse(null);
        parent != null && parent != method;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      boolean branch =
          (parent instanceof IfStmt ifStmt
                  && ifStmt.getCondition() != child
                  && !(ifStmt.getThenStmt() == child && testsOwnReceiver(ifStmt, call)))
              || parent instanceof ConditionalExpr
              || parent instanceof SwitchEntry
              || parent instanceof CatchClause
              || parent instanceof LambdaExpr
              || parent instanceof BinaryExpr
              || parent instanceof ForStmt
              || parent instanceof ForEachStmt
              || parent instanceof WhileStmt
              || parent instanceof DoStmt;
      if (branch) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code if (conn != null) conn.rollback()}: the effect is on a handle the caller passes, which
   * is not null when it holds a transaction.
   */
  private static boolean testsOwnReceiver(IfStmt ifStmt, MethodCallExpr call) {
    return call.getScope().orElse(null) instanceof NameExpr receiver
        && Guards.isNonNullTest(ifStmt.getCondition(), receiver.getNameAsString());
  }

  /** A method whose body ends in a throw (or a call that always throws) and has no return. */
  private static boolean alwaysThrows(CallableDeclaration<?> method, CallClassifier calls) {
    BlockStmt body = bodyOf(method);
    if (body.getStatements().isEmpty() || Bodies.contains(body, ReturnStmt.class)) {
      return false;
    }
    Statement last = body.getStatements().getLast().orElseThrow();
    if (last instanceof ThrowStmt) {
      return true;
    }
    if (last instanceof ExpressionStmt expr
        && expr.getExpression() instanceof MethodCallExpr call) {
      return calls.classify(call).alwaysThrows();
    }
    return false;
  }
}
