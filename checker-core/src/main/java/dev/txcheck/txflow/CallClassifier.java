package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txapi.HandleSite;
import dev.txcheck.types.Classpath;
import dev.txcheck.types.Memo;
import dev.txcheck.types.TypeFacts;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Says what each call of one file does to transactions. One instance per file and thread. */
public final class CallClassifier {
  /**
   * Names of unresolved types that are data-access beans by convention. Not "Service": an
   * EmailService is a service too, and a catch around a best-effort notification is no transaction
   * bug.
   */
  private static final Pattern DATA_BEAN_NAME = Pattern.compile(".*(Repository|Dao|DAO|Mapper)");

  /**
   * Beans of the analysed sources that do data work whatever the method (other beans: by their
   * summary).
   */
  private static final Set<String> BEAN_ANNOTATIONS = Set.of("Repository", "Transactional");

  /**
   * The transaction a helper undoes without receiving it: the current Spring transaction, a
   * field's.
   */
  static final HandleKey AMBIENT = new HandleKey("ambient", "the current transaction");

  private final TypeResolver types;
  private final HelperSummaries summaries;
  private final Map<MethodCallExpr, CallFacts> cache = new IdentityHashMap<>();
  private final Map<ObjectCreationExpr, List<TxEvent>> creations = new IdentityHashMap<>();
  private final Map<MethodCallExpr, Optional<MethodDeclaration>> targetCache =
      new IdentityHashMap<>();
  private final Map<Expression, String> receiverTypes = new IdentityHashMap<>();

  private final Handles handles;
  private final CallTargets targets;

  public CallClassifier(TypeResolver types, HelperSummaries summaries) {
    this.types = types;
    this.summaries = summaries;
    this.handles = new Handles(types);
    this.targets = new CallTargets(types);
  }

  /**
   * A classifier for the file that declares {@code node}: this one when it is the same file (a
   * helper of another file resolves its names by that file's imports).
   */
  CallClassifier forFileOf(Node node) {
    CompilationUnit unit = node.findCompilationUnit().orElse(null);
    if (unit == null || unit == types.unit()) {
      return this;
    }
    return new CallClassifier(new TypeResolver(unit, types.index(), types.catalog()), summaries);
  }

  /** Receiver types {@link ThrownTypes#receiverType} worked out, by expression (identity). */
  Map<Expression, String> receiverTypes() {
    return receiverTypes;
  }

  /** The handle a declared variable stands for. */
  HandleKey variableHandle(VariableDeclarator declarator) {
    return handles.variableHandle(declarator);
  }

  /** The handle an expression denotes; see {@link Handles}. */
  public HandleKey handleOf(Expression expr) {
    return handles.handleOf(expr);
  }

  /**
   * The handle whose call made the value a local variable holds: {@code conn} for {@code ps =
   * conn.prepareStatement(sql)}, whose work is the connection's.
   */
  Optional<HandleKey> madeBy(Expression expr) {
    return handles.madeBy(expr);
  }

  /**
   * The handles whose work a value is, following what made it: {@code rs}, {@code ps} and {@code
   * conn} for the {@code rs} of {@code ps = conn.prepareStatement(sql); rs = ps.executeQuery()}.
   */
  public List<HandleKey> makersOf(Expression expr) {
    List<HandleKey> found = new ArrayList<>();
    Expression at = expr;
    found.add(handles.handleOf(at));
    for (int step = 0; step < MAX_MAKERS; step++) {
      Optional<Expression> maker = handles.maker(at);
      if (maker.isEmpty()) {
        break;
      }
      at = maker.get();
      found.add(handles.handleOf(at));
    }
    return found;
  }

  /** Connection, statement, result set: a longer chain is no handle's work. */
  private static final int MAX_MAKERS = 4;

  /** The handle a parameter stands for inside its method. */
  HandleKey parameterKey(Parameter parameter) {
    return handles.parameterKey(parameter);
  }

  /**
   * The project method a call invokes, when it is declared in the analysed sources; null otherwise.
   */
  public MethodDeclaration target(MethodCallExpr call) {
    // Several rules ask for the same calls; a lookup walks the members of the declaring class.
    Optional<MethodDeclaration> cached = targetCache.get(call);
    if (cached == null) {
      cached = Optional.ofNullable(targets.target(call));
      targetCache.put(call, cached);
    }
    return cached.orElse(null);
  }

  /**
   * The call begins a lazy transaction (see {@link Effect#LAZY}): a catalogued lazy begin, or a
   * helper that begins one on an argument of a type that the catalog's lazy begins act on (a {@code
   * TxUtil.begin(conn)} that calls {@code conn.setAutoCommit(false)}).
   */
  public boolean beginsLazily(Expression expr) {
    if (expr instanceof ObjectCreationExpr creation) {
      ConstructorDeclaration constructor = targets.constructor(creation);
      return constructor != null && summaries.summaryOf(constructor).lazyBegins();
    }
    MethodCallExpr call = (MethodCallExpr) expr;
    List<ApiMethod> apis = types.catalogMatches(call);
    if (!apis.isEmpty()) {
      return apis.stream().anyMatch(api -> api.has(Effect.LAZY));
    }
    MethodSummary summary = summaryOf(call);
    return summary.lazyBegins() || summary.returned().contains(Effect.LAZY);
  }

  /**
   * The methods of the sources a call on an interface or abstract type may run (see {@link
   * CallTargets#implementations}); empty for other calls.
   */
  public List<MethodDeclaration> implementations(MethodCallExpr call) {
    return target(call) == null ? targets.implementations(call) : List.of();
  }

  /** The method of this object a reference such as {@code this::save} names, or null. */
  public MethodDeclaration referenced(MethodReferenceExpr reference) {
    return targets.referenced(reference);
  }

  /**
   * A getter or setter of a type of the sources that only reads or sets a field: written so, or
   * generated by Lombok. It cannot fail.
   */
  public boolean isAccessor(MethodCallExpr call) {
    MethodDeclaration declared = declaration(call);
    if (declared != null) {
      return declared.getBody().isPresent() && TypeFacts.isAccessor(declared);
    }
    String owner = types.receiverType(call);
    TypeInfo info = owner == null ? null : types.index().sourceType(owner);
    return info != null
        && info.accessors().contains(call.getNameAsString() + "/" + call.getArguments().size());
  }

  /** The project method a call invokes, with or without a body; null when not in the sources. */
  public MethodDeclaration declaration(MethodCallExpr call) {
    return targets.declaration(call);
  }

  /** What the sources' methods do when they run without a transaction of their own. */
  public UnitsOfWork unitsOfWork() {
    return summaries.units();
  }

  /**
   * The methods of the sources that run for a call of a method of the sources: itself when it has a
   * body, else its implementations among all the sources, skipped files too (see {@link #runKeys});
   * empty when there are none.
   */
  public List<MethodDeclaration> implementations(MethodDeclaration declared) {
    return declared.getBody().isPresent()
        ? List.of(declared)
        : summaries.implementationsOf(declared);
  }

  /**
   * By position, what runs for a call of a method of the sources: the method itself when it has a
   * body, else its implementations among all the sources, files the prefilter skipped too (a
   * validator interface whose one implementation mentions no transaction word).
   */
  List<NodeKey> runKeys(MethodDeclaration declared) {
    return declared.getBody().isPresent()
        ? List.of(NodeKey.of(declared))
        : summaries.implementationKeys(declared);
  }

  /**
   * What a call on a receiver of a type outside the analysed files runs, when analysed types
   * implement it (an unread DAO interface and its read implementation); empty otherwise.
   */
  public List<MethodDeclaration> implementationsOnUnreadType(MethodCallExpr call) {
    if (call.getScope().isEmpty() || declaration(call) != null) {
      return List.of();
    }
    String type = types.typeOf(call.getScope().get());
    if (type == null || types.index().type(type) != null) {
      return List.of();
    }
    return CallTargets.implementations(
        type, call.getNameAsString(), call.getArguments().size(), types);
  }

  /** The method of the sources that a type declares or inherits by name and arity, or null. */
  MethodDeclaration member(String type, String name, int arity) {
    return targets.member(type, name, arity);
  }

  /** Whether a method of the sources does data work, itself or through what it calls. */
  boolean doesWork(MethodDeclaration method) {
    return summaries.doesWork(method);
  }

  /** Remembered answers of {@link CheckedThrows}; shared by all files. */
  Memo<CheckedThrows.Question, Boolean> thrownAfterWork() {
    return summaries.thrownAfterWork();
  }

  /** Which exceptions code may throw, by type; shared by all files. */
  public ThrownTypes thrownTypes() {
    return summaries.thrownTypes();
  }

  /** The callers of the sources' methods, across all files. */
  public CallerIndex callers() {
    return summaries.callers();
  }

  public TypeResolver types() {
    return types;
  }

  public CallFacts classify(MethodCallExpr call) {
    CallFacts cached = cache.get(call);
    if (cached == null) {
      cached = compute(call);
      cache.put(call, cached);
    }
    return cached;
  }

  private CallFacts compute(MethodCallExpr call) {
    List<ApiMethod> apis = withoutPatternsForOwnCode(call, types.catalogMatches(call));
    List<TxEvent> events = new ArrayList<>();
    boolean data = false;
    boolean proxy = false;
    boolean callback = false;
    boolean loop = false;
    boolean inline = false;
    boolean write = false;
    boolean autocommit = false;
    for (ApiMethod api : apis) {
      if (NestedConnections.isNested(call, api, types)) {
        continue; // the calling SQL statement's own connection: nothing is opened
      }
      for (Effect effect : api.effects()) {
        switch (effect) {
          case BEGIN,
                  COMMIT,
                  ROLLBACK,
                  ROLLBACK_ONLY,
                  CLOSE,
                  CLOSE_ROLLBACK,
                  OPEN,
                  POISONS,
                  USES_SESSION,
                  KEEPS_CONTEXT,
                  CLEARS,
                  NEEDS_ACTIVE,
                  SAVEPOINT,
                  END_SAVEPOINT ->
              handles
                  .handleAt(call, api.handle())
                  .ifPresent(
                      h -> {
                        boolean literal = api.matchesArgsLiterally(call.getArguments());
                        events.add(new TxEvent(effect, h, literal, !literal));
                      });
          case DATA -> data = true;
          case PROXY -> proxy = true;
          case CALLBACK -> callback = true;
          case LOOP -> loop = true;
          case INLINE -> inline = true;
          case WRITE -> write = true;
          case AUTOCOMMIT -> autocommit = true;
          case HANDLE, RETURNS, REMOTE, LAZY, LOCAL, RUNS_IN_TRANSACTION, MAY_WRITE -> {}
        }
      }
    }
    if (events.stream().anyMatch(TxEvent::computed)) {
      // setAutoCommit(previous) may commit the old transaction, then may begin a new one.
      events.sort(Comparator.comparing(e -> !(e.computed() && e.effect().ends())));
    }
    boolean alwaysThrows = false;
    if (!apis.isEmpty() && !write && data && writeAnnotated(call)) {
      write = true; // a repository query method marked @Modifying, a mapper's @Update method
      autocommit = true;
    }
    if (apis.isEmpty()) {
      MethodSummary summary = summaryOf(call);
      if (summary != MethodSummary.NONE) {
        summary
            .parameterEffects()
            .forEach(
                (index, effects) -> {
                  Set<Effect> certain = summary.certainEffects().getOrDefault(index, Set.of());
                  for (int at : summary.argumentsOf(index, call.getArguments().size())) {
                    HandleKey handle = handles.handleOf(call.getArgument(at));
                    effects.forEach(
                        effect ->
                            events.add(new TxEvent(effect, handle, certain.contains(effect))));
                  }
                });
        if (summary.undoesAmbient()) {
          events.add(new TxEvent(Effect.ROLLBACK_ONLY, AMBIENT, false));
        }
        addReturned(call, summary, events);
        addFieldEffects(call, summary, events);
        data = summary.data();
        write = summary.writes();
        alwaysThrows = summary.alwaysThrows();
      }
      BeanKind bean = beanKind(call);
      data |= bean != BeanKind.NONE;
      // Only a data call's proxy matters: what a catch takes from its try is data work.
      proxy |=
          (bean == BeanKind.TRANSACTIONAL && !runsApart(call)) || (data && joinsThroughProxy(call));
      if (bean != BeanKind.NONE && target(call) == null && !write && writeAnnotated(call)) {
        // A MyBatis mapper method declared @Insert, @Update or @Delete: outside a Spring
        // transaction, MyBatis-Spring commits each statement at once.
        write = true;
        autocommit = true;
      }
    }
    if (loop || inline) {
      // It runs its lambdas here, in the caller's thread and transaction: their data work is the
      // call's (items.forEach(i -> repo.save(i)), findById(id).orElseGet(() -> repo.save(..))).
      // Any other call may keep a lambda for later or another thread (an executor, a listener).
      for (Expression argument : call.getArguments()) {
        if (argument instanceof LambdaExpr lambda) {
          for (MethodCallExpr inner : Bodies.callsIn(lambda)) {
            CallFacts innerFacts = classify(inner);
            data |= innerFacts.data();
            write |= innerFacts.write();
          }
        }
      }
    }
    if (events.isEmpty() && !data && !proxy && !callback && !loop && !alwaysThrows && !write) {
      return CallFacts.NONE;
    }
    // Opening or closing a connection, or setting a savepoint, is no data work of a transaction.
    boolean onTransaction =
        events.stream().anyMatch(e -> e.effect().onTransaction() && e.effect() != Effect.CLOSE);
    return new CallFacts(
        List.copyOf(events),
        data || onTransaction || write,
        proxy,
        callback,
        loop,
        alwaysThrows,
        write,
        autocommit && write);
  }

  /**
   * The method of the sources with a body that a call runs: its target, or the only implementation
   * of the interface or abstract method it names; null when neither is known.
   */
  public MethodDeclaration runs(MethodCallExpr call) {
    MethodDeclaration direct = runsDirectly(call);
    if (direct != null) {
      return direct;
    }
    MethodDeclaration declared = declaration(call);
    return declared == null ? null : summaries.onlyImplementation(declared);
  }

  /**
   * The method with a body that the call names: its target, or a method of a file the prefilter
   * skipped (a client class that mentions no transaction); null for an interface or abstract
   * method, or a method outside the sources.
   */
  private MethodDeclaration runsDirectly(MethodCallExpr call) {
    MethodDeclaration target = target(call);
    if (target != null) {
      return target;
    }
    MethodDeclaration declared = declaration(call);
    return declared != null && declared.getBody().isPresent() ? declared : null;
  }

  /**
   * What the method a call runs does: a method of the sources, else a library method read from the
   * classpath's class files; {@link MethodSummary#NONE} when neither knows it.
   */
  MethodSummary summaryOf(MethodCallExpr call) {
    MethodDeclaration direct = runsDirectly(call);
    if (direct != null) {
      return summaries.summaryOf(direct);
    }
    MethodDeclaration declared = declaration(call);
    if (declared != null) {
      return summaries.ofImplementations(declared);
    }
    if (types.index().classpath() == Classpath.NONE) {
      return MethodSummary.NONE;
    }
    String owner = types.receiverType(call);
    return owner == null
        ? MethodSummary.NONE
        : summaries.libraryOf(owner, call.getNameAsString(), call.getArguments().size());
  }

  /**
   * The catalog lines that match a call, without those that match by a name pattern ({@code
   * IService#update*}, {@code Repository#*}) when the call runs code of the sources that writes
   * nothing: {@code updateClusterForRemoteMode()} of a service extending MyBatis-Plus's {@code
   * ServiceImpl} only sets fields, {@code removeProductCacheByProdId()} only evicts a cache. A
   * declaration without code in the sources (a Spring Data derived query, a mapper method whose SQL
   * is in XML) is the library's, as is code that does write (its writes then commit as the pattern
   * says: on their own).
   */
  private List<ApiMethod> withoutPatternsForOwnCode(MethodCallExpr call, List<ApiMethod> apis) {
    if (apis.stream().noneMatch(CallClassifier::byPattern)) {
      return apis;
    }
    MethodDeclaration declared = declaration(call);
    if (declared == null) {
      return apis;
    }
    List<MethodDeclaration> runs = implementations(declared);
    if (runs.isEmpty() || runs.stream().anyMatch(m -> summaries.summaryOf(m).writes())) {
      return apis;
    }
    return apis.stream().filter(api -> !byPattern(api)).toList();
  }

  private static boolean byPattern(ApiMethod api) {
    return api.isPrefix() || api.name().equals(ApiMethod.ANY);
  }

  /** A factory's result: the caller owns the resource it opened and the transaction it began. */
  private void addReturned(MethodCallExpr call, MethodSummary summary, List<TxEvent> events) {
    if (summary.returned().isEmpty()) {
      return;
    }
    HandleKey result = handles.handleAt(call, HandleSite.RESULT).orElseThrow();
    for (Effect effect : List.of(Effect.OPEN, Effect.BEGIN)) {
      if (summary.returned().contains(effect)) {
        events.add(new TxEvent(effect, result));
      }
    }
  }

  /**
   * What the callee does to the fields of its receiver: on a call of the same object, to those
   * fields; on another object ({@code unitOfWork.commit()}), to that object, which then stands for
   * the transaction it keeps.
   */
  private void addFieldEffects(MethodCallExpr call, MethodSummary summary, List<TxEvent> events) {
    if (summary.fieldEffects().isEmpty()) {
      return;
    }
    Optional<Expression> scope = call.getScope();
    boolean self =
        scope.isEmpty() || scope.get() instanceof ThisExpr || scope.get() instanceof SuperExpr;
    if (self) {
      summary
          .fieldEffects()
          .forEach(
              (field, effects) -> {
                HandleKey handle =
                    new HandleKey(field, field.substring(field.lastIndexOf('.') + 1));
                Set<Effect> certain = summary.certainFieldEffects().getOrDefault(field, Set.of());
                effects.forEach(e -> events.add(new TxEvent(e, handle, certain.contains(e))));
              });
      return;
    }
    HandleKey receiver = handles.handleOf(scope.get());
    Set<Effect> all = EnumSet.noneOf(Effect.class);
    Set<Effect> certain = EnumSet.noneOf(Effect.class);
    summary.fieldEffects().values().forEach(all::addAll);
    summary.certainFieldEffects().values().forEach(certain::addAll);
    // The object stands for the transaction or resource it keeps, not for a session it uses: a
    // service whose EntityManager field fails is no session to discard.
    all.removeIf(e -> !e.onTransaction() && e != Effect.OPEN);
    if (!isLocalVariable(scope.get())) {
      // An object this body did not make (a parameter, a field) is not its to close because one of
      // its methods opened a connection into it; a local one (tx = factory.get(); tx.begin()) is.
      all.remove(Effect.OPEN);
    }
    all.forEach(e -> events.add(new TxEvent(e, receiver, certain.contains(e))));
  }

  private boolean isLocalVariable(Expression expr) {
    return Bodies.withoutParensAndCasts(expr) instanceof NameExpr name
        && types.variable(name).map(v -> v.kind() == Variable.Kind.LOCAL).orElse(false);
  }

  /** The call's target is declared in the sources with a write annotation ({@code @Modifying}). */
  private boolean writeAnnotated(MethodCallExpr call) {
    Set<String> writeAnnotations = types.catalog().writeAnnotations();
    MethodDeclaration declared = targets.declaration(call);
    if (declared == null || writeAnnotations.isEmpty()) {
      return false;
    }
    return declared.getAnnotations().stream()
        .anyMatch(a -> writeAnnotations.contains(resolveIn(declared, a.getNameAsString())));
  }

  private String resolveIn(MethodDeclaration declared, String written) {
    return declared
        .findCompilationUnit()
        .map(cu -> types.index().names(cu).resolve(written))
        .orElse(written);
  }

  private enum BeanKind {
    NONE,
    PLAIN,
    TRANSACTIONAL
  }

  /**
   * A call on another object of a method that declares a transaction joining the caller's ({@code
   * REQUIRED}, {@code SUPPORTS}, {@code MANDATORY}): when it fails, its proxy marks the shared
   * transaction rollback-only, whatever the caller then does with the exception.
   */
  private boolean joinsThroughProxy(MethodCallExpr call) {
    return throughProxy(call).map(TxAttributes::joinsCaller).orElse(false);
  }

  /**
   * The declared transaction of the method a call on another object runs, which its proxy applies;
   * empty for a call on the object itself ({@code this}, {@code super}), which bypasses the proxy.
   */
  Optional<TxAttributes> throughProxy(MethodCallExpr call) {
    if (Writes.isSelfCall(call) || call.getScope().get() instanceof SuperExpr) {
      return Optional.empty();
    }
    MethodDeclaration method = runs(call);
    return method == null ? Optional.empty() : new DeclarativeTx(this).effective(method);
  }

  /**
   * A call of a method that declares a transaction of its own or none ({@code REQUIRES_NEW}, {@code
   * NOT_SUPPORTED}, {@code NEVER}) on another bean: its failure rolls back its own transaction, and
   * the caller's stays usable, whatever its class declares.
   */
  boolean runsApart(MethodCallExpr call) {
    return throughProxy(call).map(tx -> !tx.joinsCaller()).orElse(false);
  }

  /** Calls on another bean of the application, which may do data work behind its own proxy. */
  private BeanKind beanKind(MethodCallExpr call) {
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty() || scope.get() instanceof ThisExpr || scope.get() instanceof SuperExpr) {
      return BeanKind.NONE;
    }
    String type = types.typeOf(scope.get());
    if (type == null) {
      return BeanKind.NONE;
    }
    TypeInfo info = types.index().type(type);
    if (info == null) {
      return DATA_BEAN_NAME.matcher(TypeNames.simple(type)).matches()
              && TypeNames.sameOrganisation(type, packageOf(call))
          ? BeanKind.PLAIN
          : BeanKind.NONE;
    }
    boolean transactional = false;
    boolean bean = false;
    for (String annotation : info.annotations()) {
      String simple = TypeNames.simple(annotation);
      bean |= BEAN_ANNOTATIONS.contains(simple);
      transactional |=
          simple.equals("Transactional"); // @Repository alone only translates exceptions
    }
    if (!bean
        && DATA_BEAN_NAME.matcher(TypeNames.simple(type)).matches()
        && info.declaration().isClassOrInterfaceDeclaration()
        && info.declaration().asClassOrInterfaceDeclaration().isInterface()) {
      bean = true; // an interface such as OrderDao or a MyBatis mapper
    }
    return transactional ? BeanKind.TRANSACTIONAL : bean ? BeanKind.PLAIN : BeanKind.NONE;
  }

  /**
   * The package of the file a call is written in. A type outside the sources that is named like a
   * DAO is taken for another module's of the same project only when its package starts as the
   * caller's: Jackson's {@code ObjectMapper} or a JAX-RS {@code ExceptionMapper} is a library's.
   */
  private static String packageOf(Node node) {
    return node.findCompilationUnit()
        .flatMap(CompilationUnit::getPackageDeclaration)
        .map(p -> p.getNameAsString())
        .orElse("");
  }

  /** What a node of the graph does to handles: a call's, a creation's or a resource close's. */
  public List<TxEvent> eventsOf(CfgNode node) {
    return switch (node.kind()) {
      case CALL -> classify((MethodCallExpr) node.ast()).events();
      case NEW -> creationEvents((ObjectCreationExpr) node.ast());
      case RESOURCE_CLOSE -> closeEvents((Expression) node.ast());
      default -> List.of();
    };
  }

  /** What a method call or an object creation does to handles. */
  public List<TxEvent> eventsOfCall(Expression call) {
    return call instanceof MethodCallExpr method
        ? classify(method).events()
        : creationEvents((ObjectCreationExpr) call);
  }

  /**
   * What creating an object of the sources does: its constructor's effects on its arguments, and
   * its effects on the new object's fields fall on the object itself ({@code new
   * RequestContext(ds)} that opens a connection into a field is an open, to be closed through the
   * object).
   */
  List<TxEvent> creationEvents(ObjectCreationExpr creation) {
    List<TxEvent> cached = creations.get(creation);
    if (cached != null) {
      return cached;
    }
    List<TxEvent> events = new ArrayList<>();
    ConstructorDeclaration constructor = targets.constructor(creation);
    if (constructor != null) {
      MethodSummary summary = summaries.summaryOf(constructor);
      summary
          .parameterEffects()
          .forEach(
              (index, effects) -> {
                for (int at : summary.argumentsOf(index, creation.getArguments().size())) {
                  HandleKey handle = handles.handleOf(creation.getArgument(at));
                  effects.forEach(effect -> events.add(new TxEvent(effect, handle, false)));
                }
              });
      HandleKey created = handles.resultHandle(creation);
      Set<Effect> onFields = EnumSet.noneOf(Effect.class);
      summary.fieldEffects().values().forEach(onFields::addAll);
      onFields.forEach(effect -> events.add(new TxEvent(effect, created)));
    }
    List<TxEvent> result = List.copyOf(events);
    creations.put(creation, result);
    return result;
  }

  /** What closing a try-with-resources resource does to its transaction. */
  private List<TxEvent> closeEvents(Expression resource) {
    String type = null;
    HandleKey handle;
    if (resource instanceof VariableDeclarationExpr declaration) {
      VariableDeclarator declarator = declaration.getVariable(0);
      type = TypeNames.of(declarator.getType(), types.names());
      if (type == null) {
        type = declarator.getInitializer().map(types::typeOf).orElse(null);
      }
      handle = handles.variableHandle(declarator);
    } else {
      type = types.typeOf(resource);
      handle = handles.handleOf(resource);
    }
    if (type == null) {
      return List.of();
    }
    List<TxEvent> events = new ArrayList<>();
    for (ApiMethod api : types.catalog().candidates("close")) {
      if (!api.anyOwner()
          && api.matchesArgs(List.of())
          && types.index().isSubtype(type, api.owner())) {
        for (Effect effect : api.effects()) {
          if (effect == Effect.CLOSE || effect == Effect.CLOSE_ROLLBACK) {
            events.add(new TxEvent(effect, handle));
          }
        }
      }
    }
    return events;
  }
}
