package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.ExceptionTypes;
import dev.txcheck.types.Members;
import dev.txcheck.types.Memo;
import dev.txcheck.types.NameResolver;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which exceptions code may throw, by type, so that a catch clause can be told to take a failure or
 * not. {@code throw new X(..)} throws exactly X; a catalogued call the exceptions of its {@code
 * fails} lines, or their subtypes; a call of a method of the sources whatever leaves its body (an
 * interface method: its implementations in the sources); a call of a library method outside the
 * catalog any exception but the analysed sources' own, which a library cannot know; what cannot be
 * told (a lambda argument, a receiver of unknown type, a recursion), anything. The summaries of the
 * sources' methods are shared by all workers.
 */
public final class ThrownTypes {
  private static final String THROWABLE = "java.lang.Throwable";
  private static final String EXCEPTION = "java.lang.Exception";

  /**
   * One kind of exception that code may throw.
   *
   * @param kind how {@code type} is meant
   * @param type the exception type, or null for {@link Kind#LIBRARY} and {@link Kind#ANY}
   * @param except types (with their subtypes) known not to be among them: a catch clause on the way
   *     took them ({@code catch (ApiException e) { throw new ApiException(e); }} lets no subtype of
   *     {@code ApiException} out, whatever the try threw)
   */
  public record Thrown(Kind kind, String type, Set<String> except) {
    /** How {@link #type} is meant. */
    public enum Kind {
      /** exactly this type: {@code throw new X(..)} */
      EXACT,
      /** this type or a subtype */
      FAMILY,
      /** any exception that is not a type of the analysed sources */
      LIBRARY,
      /** anything */
      ANY
    }

    static final Thrown ANY = new Thrown(Kind.ANY, null, Set.of());
    static final Thrown LIBRARY = new Thrown(Kind.LIBRARY, null, Set.of());

    public Thrown {
      except = Set.copyOf(except);
    }

    static Thrown exact(String type) {
      return new Thrown(Kind.EXACT, type, Set.of());
    }

    static Thrown family(String type) {
      return new Thrown(Kind.FAMILY, type, Set.of());
    }

    Thrown without(String caught) {
      Set<String> more = new java.util.TreeSet<>(except);
      more.add(caught);
      return new Thrown(kind, type, more);
    }
  }

  /**
   * What code throws, read from its tree into values that outlive it: what it throws itself, the
   * methods of the sources it runs (their summaries are joined in when asked), and code inside
   * catch clauses, which let part of it out. A method's summary is asked again at other depths of a
   * deep chain; from its parts that costs no tree.
   */
  private sealed interface Part {}

  /** Thrown by the code itself. */
  private record Local(Thrown thrown) implements Part {}

  /** Whatever leaves that method or constructor of the sources. */
  private record Runs(NodeKey callable) implements Part {}

  /**
   * What leaves {@code parts} past catch clauses, innermost first, each caught type in turn: the
   * throwers of a body, or of a lambda that a call runs.
   */
  private record Inside(List<Part> parts, List<String> caught) implements Part {}

  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final HelperSummaries summaries;
  private final ExceptionTypes exceptions;

  /** By file and position: the trees come and go, the answers stay (with what they read). */
  private final Memo<NodeKey, Set<Thrown>> cache = new Memo<>();

  /**
   * What each method or constructor throws before its summaries are joined in: read once from its
   * tree, then answered without it at any depth (see {@link Part}).
   */
  private final Memo<NodeKey, List<Part>> shapes = new Memo<>();

  private volatile Set<String> dataAccessFailures;

  /** See {@link #throwingDeclarers}, built on first use. */
  private volatile Map<String, List<String>> throwingDeclarers;

  /**
   * How many methods of the sources a call on a receiver of unknown type may run before it is taken
   * to throw anything: reading each costs its file's tree.
   */
  private static final int UNKNOWN_RECEIVER_CANDIDATES = 8;

  /**
   * The largest recursion whose summaries are solved, and the rounds they may take; a larger one
   * (hibernate-core's thousands of methods calling each other through interfaces) throws anything.
   */
  private static final int MAX_SOLVED_COMPONENT = 64;

  private static final int MAX_ROUNDS = 16;

  /**
   * The methods of {@code java.lang.Object} that code overrides everywhere: on a receiver of
   * unknown type ({@code CONSTANT.equals(param)}) they are taken to compute in memory, as their
   * contract asks, not to run any override of the sources.
   */
  private static final Set<String> OBJECT_METHODS = Set.of("equals/1", "hashCode/0", "toString/0");

  ThrownTypes(ApiCatalog catalog, ProjectIndex index, HelperSummaries summaries) {
    this.catalog = catalog;
    this.index = index;
    this.summaries = summaries;
    this.exceptions = new ExceptionTypes(index);
  }

  public ExceptionTypes exceptions() {
    return exceptions;
  }

  /** What a call, a {@code throw} or an object creation may throw. */
  public Set<Thrown> thrownBy(Node thrower, CallClassifier calls) {
    return resolve(partsOf(thrower, calls), Map.of());
  }

  private List<Part> partsOf(Node thrower, CallClassifier calls) {
    if (thrower instanceof MethodCallExpr call) {
      return byCall(call, calls);
    }
    if (thrower instanceof ThrowStmt stmt) {
      return locals(byThrow(stmt, calls));
    }
    if (thrower instanceof ObjectCreationExpr creation) {
      return byCreation(creation, calls);
    }
    return List.of();
  }

  private static List<Part> locals(Set<Thrown> thrown) {
    List<Part> parts = new ArrayList<>(thrown.size());
    thrown.forEach(t -> parts.add(new Local(t)));
    return parts;
  }

  private static final List<Part> ANYTHING = List.of(new Local(Thrown.ANY));
  private static final List<Part> LIBRARY_ONLY = List.of(new Local(Thrown.LIBRARY));

  /**
   * What the parts let out, the summaries of the methods they run joined in; a method of {@code
   * cycle} (the recursion being summarised) throws what it is found to throw so far.
   */
  private Set<Thrown> resolve(List<Part> parts, Map<NodeKey, Set<Thrown>> cycle) {
    Set<Thrown> result = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Local local) {
        result.add(local.thrown());
      } else if (part instanceof Runs runs) {
        Set<Thrown> sofar = cycle.get(runs.callable());
        result.addAll(sofar != null ? sofar : ofKey(runs.callable(), null));
      } else if (part instanceof Inside inside) {
        result.addAll(past(resolve(inside.parts(), cycle), inside.caught()));
      }
    }
    return result;
  }

  /** The methods the parts run, each once, in order. */
  private static Set<NodeKey> runIn(List<Part> parts, Set<NodeKey> into) {
    for (Part part : parts) {
      if (part instanceof Runs runs) {
        into.add(runs.callable());
      } else if (part instanceof Inside inside) {
        runIn(inside.parts(), into);
      }
    }
    return into;
  }

  /** The nodes of a body (or of a block of it) that may throw: calls, throws, object creations. */
  public static List<Node> throwersIn(Node node) {
    List<Node> throwers = new ArrayList<>();
    throwers.addAll(Bodies.nodesIn(node, MethodCallExpr.class));
    throwers.addAll(Bodies.nodesIn(node, ThrowStmt.class));
    throwers.addAll(Bodies.nodesIn(node, ObjectCreationExpr.class));
    throwers.sort(Bodies::bySourcePosition);
    return throwers;
  }

  /**
   * What of {@code thrown}, thrown at {@code thrower}, gets past the catch clauses of the try
   * statements around it, up to (not including) {@code stop}: the body, or the try block of an
   * outer statement whose catch clauses are asked separately.
   */
  public Set<Thrown> leaving(Node thrower, Set<Thrown> thrown, Node stop, CallClassifier calls) {
    return past(thrown, caughtBetween(thrower, stop, calls));
  }

  /** The types caught around {@code thrower} up to {@code stop}, innermost first. */
  public static List<String> caughtBetween(Node thrower, Node stop, CallClassifier calls) {
    List<String> caught = new ArrayList<>();
    Node child = thrower;
    for (Node parent = thrower.getParentNode().orElse(null);
        parent != null && child != stop;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof TryStmt tryStmt && inTryPart(tryStmt, child)) {
        for (CatchClause clause : tryStmt.getCatchClauses()) {
          caught.addAll(caughtTypes(clause, calls));
        }
      }
    }
    return caught;
  }

  private Set<Thrown> past(Set<Thrown> thrown, List<String> caught) {
    Set<Thrown> remaining = new LinkedHashSet<>(thrown);
    for (int i = 0; i < caught.size() && !remaining.isEmpty(); i++) {
      remaining = pastCatch(remaining, caught.get(i));
    }
    return remaining;
  }

  /**
   * The parts of what {@code thrower} may throw that reach {@code clause}: past the catch clauses
   * of inner try statements and of the clauses before it. Each part is typed as narrowly as known
   * (a catch of {@code EmptyResultDataAccessException} takes that part of a {@code
   * DataAccessException}).
   */
  public List<Thrown> takenBy(CatchClause clause, Node thrower, CallClassifier calls) {
    TryStmt tryStmt = (TryStmt) clause.getParentNode().orElseThrow();
    Set<Thrown> arriving = leaving(thrower, thrownBy(thrower, calls), tryStmt.getTryBlock(), calls);
    for (CatchClause earlier : tryStmt.getCatchClauses()) {
      if (earlier == clause) {
        break;
      }
      for (String caught : caughtTypes(earlier, calls)) {
        arriving = pastCatch(arriving, caught);
      }
    }
    List<Thrown> taken = new ArrayList<>();
    for (String caught : caughtTypes(clause, calls)) {
      for (Thrown t : arriving) {
        portion(t, caught).ifPresent(taken::add);
      }
    }
    return taken;
  }

  /**
   * True when every exception of the part is one after which a transaction stays usable (the
   * catalog's {@code harmless} exceptions and their subtypes).
   */
  public boolean isHarmless(Thrown part) {
    if (part.type() == null || part.kind() == Thrown.Kind.LIBRARY) {
      return false;
    }
    for (String harmless : catalog.harmlessExceptions()) {
      if (exceptions.isSubtype(part.type(), harmless)) {
        return true;
      }
    }
    return false;
  }

  /** The qualified types a catch clause names (the alternatives of a multi-catch). */
  public static List<String> caughtTypes(CatchClause clause, CallClassifier calls) {
    NameResolver names = namesOf(clause, calls);
    Type type = clause.getParameter().getType();
    List<? extends Type> alternatives =
        type instanceof UnionType union ? union.getElements() : List.of(type);
    List<String> result = new ArrayList<>();
    for (Type alternative : alternatives) {
      result.add(resolve(alternative, names));
    }
    return result;
  }

  private static boolean inTryPart(TryStmt tryStmt, Node child) {
    return tryStmt.getTryBlock() == child
        || tryStmt.getResources().stream().anyMatch(resource -> resource == child);
  }

  /** What of {@code thrown} a catch of {@code caught} lets pass. */
  private Set<Thrown> pastCatch(Set<Thrown> thrown, String caught) {
    Set<Thrown> result = new LinkedHashSet<>();
    for (Thrown t : thrown) {
      if (fullyCaught(t, caught)) {
        continue;
      }
      boolean partly =
          t.kind() == Thrown.Kind.ANY
              || (t.kind() == Thrown.Kind.LIBRARY && index.type(caught) == null)
              || (t.kind() == Thrown.Kind.FAMILY && exceptions.isSubtype(caught, t.type()));
      result.add(partly ? t.without(caught) : t);
    }
    return result;
  }

  /** True when a catch of {@code caught} takes every exception of {@code t}. */
  private boolean fullyCaught(Thrown t, String caught) {
    if (caught.equals(THROWABLE) || caught.equals(EXCEPTION)) {
      return true; // Errors aside, which no code here means to handle
    }
    return switch (t.kind()) {
      case EXACT, FAMILY -> exceptions.isSubtype(t.type(), caught);
      case LIBRARY, ANY -> false;
    };
  }

  /** The part of {@code t} that a catch of {@code caught} may take, if any. */
  private Optional<Thrown> portion(Thrown t, String caught) {
    if (t.except().stream().anyMatch(e -> exceptions.isSubtype(caught, e))) {
      return Optional.empty(); // an earlier catch took all of these
    }
    return switch (t.kind()) {
      case ANY -> Optional.of(Thrown.family(caught));
      case LIBRARY ->
          index.type(caught) != null || isDataAccessFailure(caught)
              ? Optional.empty()
              : Optional.of(Thrown.family(caught));
      case EXACT ->
          exceptions.isSubtype(t.type(), caught) || !exceptions.isKnown(t.type())
              ? Optional.of(t)
              : Optional.empty();
      case FAMILY -> familyPortion(t.type(), caught);
    };
  }

  /**
   * An exception that a catalogued API fails with ({@code PersistenceException}, {@code
   * SQLException}, and the {@code IllegalStateException} of a JPA call), or a subtype of one.
   */
  public boolean isApiFailure(String type) {
    return catalog.failureTypes().stream().anyMatch(f -> exceptions.isSubtype(type, f));
  }

  /**
   * True when the part may be an error the database raised: a failure the catalog lists ({@code
   * SQLException}, {@code DataAccessException}, {@code PersistenceException}), a supertype or
   * subtype of one, or a type whose ancestry is unknown. Not the {@code java.lang} exceptions that
   * the catalog also lists for API misuse ({@code IllegalArgumentException} of a JPA query), nor
   * the application's own exceptions: those are raised in code, and the transaction never saw them.
   */
  public boolean mayComeFromDatabase(Thrown part) {
    if (part.kind() == Thrown.Kind.ANY || part.kind() == Thrown.Kind.LIBRARY) {
      return true;
    }
    if (!exceptions.isKnown(part.type())) {
      return true;
    }
    for (String failure : catalog.failureTypes()) {
      if (failure.startsWith("java.lang.")) {
        continue;
      }
      if (exceptions.isSubtype(part.type(), failure)
          || (part.kind() == Thrown.Kind.FAMILY && exceptions.isSubtype(failure, part.type()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * An exception of a data-access API of the catalog ({@code PersistenceException}, {@code
   * DataAccessException}, not the JDK's {@code SQLException}): a library method outside the catalog
   * does no data work, so it does not throw one.
   */
  boolean isDataAccessFailure(String type) {
    Set<String> dataAccess = dataAccessFailures;
    if (dataAccess == null) {
      Set<String> built = new java.util.HashSet<>();
      for (String failure : catalog.failureTypes()) {
        if (!ExceptionTypes.isJdk(failure)) {
          built.add(failure);
        }
      }
      dataAccess = Set.copyOf(built);
      dataAccessFailures = dataAccess;
    }
    return dataAccess.stream().anyMatch(f -> exceptions.isSubtype(type, f));
  }

  private Optional<Thrown> familyPortion(String type, String caught) {
    if (exceptions.isSubtype(type, caught)) {
      return Optional.of(Thrown.family(type));
    }
    if (exceptions.isSubtype(caught, type)) {
      return Optional.of(Thrown.family(caught));
    }
    if (exceptions.isKnown(type) && exceptions.isKnown(caught)) {
      return Optional.empty(); // both chains are known and neither holds the other
    }
    // One chain is unknown: a subtype relation cannot be ruled out.
    return Optional.of(Thrown.family(exceptions.isKnown(caught) ? type : caught));
  }

  private List<Part> byCall(MethodCallExpr call, CallClassifier calls) {
    List<Part> result = new ArrayList<>();
    for (Expression argument : call.getArguments()) {
      if (argument instanceof LambdaExpr lambda) {
        result.addAll(insideOf(lambda, calls)); // the lambda may run inside the call
      } else if (argument instanceof MethodReferenceExpr reference) {
        result.addAll(byReference(reference, calls));
      }
    }
    List<ApiMethod> apis = calls.types().catalogMatches(call);
    if (!apis.isEmpty()) {
      for (ApiMethod api : apis) {
        if (!api.anyOwner()) {
          catalog.failuresOf(api.ownerName()).forEach(f -> result.add(new Local(Thrown.family(f))));
        }
      }
      // Work in memory (a logger) has no failure worth a catch; other catalogued calls without
      // fails lines fail with any library exception.
      if (result.isEmpty() && apis.stream().noneMatch(api -> api.has(Effect.LOCAL))) {
        result.add(new Local(Thrown.LIBRARY));
      }
      return result;
    }
    List<MethodDeclaration> methods = sourceMethods(call, calls);
    List<NodeKey> runs = new ArrayList<>();
    methods.forEach(m -> runs.addAll(calls.runKeys(m)));
    if (methods.isEmpty()) {
      calls.implementationsOnUnreadType(call).forEach(m -> runs.add(NodeKey.of(m)));
    }
    if (!methods.isEmpty() || !runs.isEmpty()) {
      if (runs.isEmpty()) {
        return ANYTHING;
      }
      runs.forEach(key -> result.add(new Runs(key)));
      return result;
    }
    if (call.getScope().isPresent()
        && receiverType(call.getScope().get(), calls) == null
        && !onForeignResult(call.getScope().get(), calls)
        && !OBJECT_METHODS.contains(nameAndArity(call))) {
      // It may run any method of the sources of that name and arity, or a library's.
      List<String> declarers = throwingDeclarers().getOrDefault(nameAndArity(call), List.of());
      if (declarers.size() > UNKNOWN_RECEIVER_CANDIDATES) {
        return ANYTHING;
      }
      for (MethodDeclaration candidate : declaredIn(declarers, call)) {
        result.add(new Runs(NodeKey.of(candidate)));
      }
    }
    if (calls.classify(call).data()) {
      // A data-access bean whose code is not read (an OrderDao of another module): it may throw
      // the application's own exceptions as well as any data-access exception.
      return ANYTHING;
    }
    result.add(new Local(Thrown.LIBRARY)); // inherited from a library type, or a library's own
    return result;
  }

  /**
   * The method of the sources a call invokes (with or without a body), or null; among overloads of
   * the same arity the one the argument types pick (null when they do not tell, see {@link
   * #sourceMethods}).
   */
  public MethodDeclaration sourceMethod(MethodCallExpr call, CallClassifier calls) {
    List<MethodDeclaration> candidates = sourceMethods(call, calls);
    return candidates.size() == 1 ? candidates.get(0) : null;
  }

  /**
   * The methods of the sources a call may invoke: one, or every overload of the same arity when the
   * argument types do not tell them apart; empty when none is in the sources.
   */
  public List<MethodDeclaration> sourceMethods(MethodCallExpr call, CallClassifier calls) {
    MethodDeclaration found = calls.declaration(call);
    if (found == null && call.getScope().isPresent()) {
      String receiver = receiverType(call.getScope().get(), calls);
      found =
          receiver == null || index.type(receiver) == null
              ? null
              : calls.member(receiver, call.getNameAsString(), call.getArguments().size());
    }
    if (found == null) {
      return List.of();
    }
    MethodDeclaration picked = Overloads.pick(call, found, calls.types());
    if (picked != null) {
      return List.of(picked);
    }
    return found.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        ? Members.methodsNamed(type, found.getNameAsString()).stream()
            .filter(m -> m.getParameters().size() == call.getArguments().size())
            .toList()
        : List.of(found);
  }

  /**
   * The type of a receiver, also along chains of calls whose return type the sources declare
   * ({@code codes.find(name).getId()}) or reflection tells for the JDK's ({@code
   * name.trim().toLowerCase()}). Remembered per expression, for as long as the classifier of its
   * file lives: builder chains are long.
   */
  public String receiverType(Expression scope, CallClassifier calls) {
    Map<Expression, String> known = calls.receiverTypes();
    if (known.containsKey(scope)) {
      return known.get(scope);
    }
    String type = computeReceiverType(scope, calls);
    known.put(scope, type);
    return type;
  }

  private String computeReceiverType(Expression scope, CallClassifier calls) {
    TypeResolver types = calls.types();
    String type = types.typeOf(scope);
    if (type == null) {
      type = types.staticType(scope);
    }
    if (type != null || !(scope instanceof MethodCallExpr call)) {
      return type;
    }
    MethodDeclaration method = sourceMethod(call, calls);
    if (method != null) {
      NameResolver names = method.findCompilationUnit().map(index::names).orElse(null);
      String returned = names == null ? null : TypeNames.of(method.getType(), names);
      return returned != null && (returned.contains(".") || index.knows(returned))
          ? returned
          : null;
    }
    if (call.getScope().isEmpty()) {
      return null;
    }
    String owner = receiverType(call.getScope().get(), calls);
    return owner == null ? null : ExceptionTypes.jdkReturnType(owner, call);
  }

  /**
   * True for a chain that starts on a type outside the analysed sources and the JDK ({@code
   * codes.retrieve(name).getId()} with {@code codes} of a type the analysis does not see): code the
   * analysis does not see is taken as a library's, and so is what its results are asked.
   */
  private boolean onForeignResult(Expression scope, CallClassifier calls) {
    Expression root = scope;
    while (root instanceof MethodCallExpr call && call.getScope().isPresent()) {
      String type = receiverType(call.getScope().get(), calls);
      if (type != null) {
        return index.type(type) == null && !ExceptionTypes.isJdk(type);
      }
      root = call.getScope().get();
    }
    return false;
  }

  /** What the method a method reference names may throw when it runs. */
  private List<Part> byReference(MethodReferenceExpr reference, CallClassifier calls) {
    Expression scope = reference.getScope();
    String type =
        scope instanceof TypeExpr typeExpr
            ? calls.types().names().resolve(typeExpr.getType().asString())
            : receiverType(scope, calls);
    String name = reference.getIdentifier();
    if (type == null) {
      return throwingDeclarers().containsKey(name) ? ANYTHING : LIBRARY_ONLY;
    }
    TypeInfo info = index.type(type);
    if (info == null) {
      return LIBRARY_ONLY;
    }
    List<Part> result = new ArrayList<>();
    for (MethodDeclaration method : Members.methodsNamed(info.declaration(), name)) {
      List<NodeKey> runs = calls.runKeys(method);
      if (runs.isEmpty()) {
        return ANYTHING;
      }
      runs.forEach(key -> result.add(new Runs(key)));
    }
    if (result.isEmpty()) {
      result.add(new Local(Thrown.LIBRARY)); // inherited, perhaps from a library type
    }
    return result;
  }

  /** What leaves the body of a lambda. */
  /** Each thrower of a body or lambda with the catches between it and the body. */
  private List<Part> insideOf(Node body, CallClassifier calls) {
    List<Part> result = new ArrayList<>();
    for (Node thrower : throwersIn(body)) {
      result.add(
          new Inside(
              List.copyOf(partsOf(thrower, calls)),
              List.copyOf(caughtBetween(thrower, body, calls))));
    }
    return result;
  }

  /** True when a method of the analysed sources has the call's name and number of arguments. */
  private static String nameAndArity(MethodCallExpr call) {
    return call.getNameAsString() + "/" + call.getArguments().size();
  }

  /** The methods of that name and arity with a body, other than accessors, of these types. */
  private List<MethodDeclaration> declaredIn(List<String> types, MethodCallExpr call) {
    List<MethodDeclaration> found = new ArrayList<>();
    for (String type : types) {
      found.addAll(
          Members.withBody(
              index.type(type).declaration(), call.getNameAsString(), call.getArguments().size()));
    }
    return found;
  }

  /**
   * By "name/arity", and by name alone, the types of the sources that declare a method of it that
   * may throw: every method but the plain getters and setters, so that {@code item.getName()} on a
   * receiver of unknown type costs the reading of the few {@code getName()} that compute something,
   * not "anything".
   */
  private Map<String, List<String>> throwingDeclarers() {
    Map<String, List<String>> declarers = throwingDeclarers;
    if (declarers == null) {
      Map<String, List<String>> built = new HashMap<>();
      // From the index's facts: reading every declaration would fetch every tree.
      for (TypeInfo type : index.types()) {
        for (String method : new LinkedHashSet<>(type.methods())) {
          if (!type.accessors().contains(method)) {
            built.computeIfAbsent(method, k -> new ArrayList<>()).add(type.name());
            built
                .computeIfAbsent(
                    method.substring(0, method.lastIndexOf('/')), k -> new ArrayList<>())
                .add(type.name());
          }
        }
      }
      built.replaceAll((k, v) -> List.copyOf(new java.util.TreeSet<>(v)));
      declarers = Map.copyOf(built);
      throwingDeclarers = declarers;
    }
    return declarers;
  }

  private List<Part> byCreation(ObjectCreationExpr creation, CallClassifier calls) {
    String type = calls.types().names().resolve(creation.getType().getNameWithScope());
    if (exceptions.isSubtype(type, THROWABLE)) {
      return List.of(); // an exception being made: what it is made for is what counts
    }
    TypeInfo info = index.type(type);
    if (info == null) {
      return LIBRARY_ONLY;
    }
    int arity = creation.getArguments().size();
    List<Part> result = new ArrayList<>();
    for (ConstructorDeclaration constructor : info.declaration().getConstructors()) {
      if (constructor.getParameters().size() == arity) {
        result.add(new Runs(NodeKey.of(constructor)));
      }
    }
    return result.isEmpty() ? LIBRARY_ONLY : result;
  }

  private Set<Thrown> byThrow(ThrowStmt stmt, CallClassifier calls) {
    Expression thrown = stmt.getExpression();
    while (thrown instanceof EnclosedExpr enclosed) {
      thrown = enclosed.getInner();
    }
    NameResolver names = calls.types().names();
    if (thrown instanceof ObjectCreationExpr creation) {
      String type = names.resolve(creation.getType().getNameWithScope());
      return Set.of(
          creation.getAnonymousClassBody().isPresent() ? Thrown.family(type) : Thrown.exact(type));
    }
    if (thrown instanceof CastExpr cast) {
      return Set.of(Thrown.family(resolve(cast.getType(), names)));
    }
    if (thrown instanceof NameExpr name) {
      Optional<CatchClause> clause = catchOf(name);
      if (clause.isPresent()) {
        Set<Thrown> result = new LinkedHashSet<>();
        caughtTypes(clause.get(), calls).forEach(t -> result.add(Thrown.family(t)));
        return result;
      }
    }
    // A variable, or what a method returns (throw mapper.map(e)): its declared type or a subtype.
    String type = receiverType(thrown, calls);
    return Set.of(type == null ? Thrown.ANY : Thrown.family(type));
  }

  /** The catch clause whose parameter a name refers to. */
  private static Optional<CatchClause> catchOf(NameExpr name) {
    for (Node n = name.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof CatchClause clause
          && clause.getParameter().getNameAsString().equals(name.getNameAsString())) {
        return Optional.of(clause);
      }
      if (Bodies.isBody(n)) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * @param known the declaration when the caller holds it; null to fetch it (once) from its file
   */
  private Set<Thrown> ofKey(NodeKey key, CallableDeclaration<?> known) {
    key.read();
    Set<Thrown> cached = cache.get(key);
    if (cached == null) {
      summarise(key, known);
      cached = cache.get(key);
    }
    return cached;
  }

  /** A method being summarised, with the methods it runs still to visit. */
  private static final class Visit {
    final NodeKey key;
    final Iterator<NodeKey> callees;
    int low;

    Visit(NodeKey key, Iterator<NodeKey> callees, int low) {
      this.key = key;
      this.callees = callees;
      this.low = low;
    }
  }

  /**
   * Summarises {@code root} and every method it runs that has no summary yet, callees first: the
   * strongly connected components of the call graph (Tarjan's algorithm, without recursion, since
   * chains of calls can be thousands deep), each once; a recursion's summaries are found together
   * (see {@link #answersOf}). So every summary is computed once, from its parts, whichever worker
   * asks first, and follows chains of any depth.
   */
  private void summarise(NodeKey root, CallableDeclaration<?> known) {
    Map<NodeKey, Integer> order = new HashMap<>();
    Set<NodeKey> open = new HashSet<>();
    Deque<NodeKey> stack = new ArrayDeque<>();
    Deque<Visit> visits = new ArrayDeque<>();
    visits.push(enter(root, known, order, open, stack));
    while (!visits.isEmpty()) {
      Visit visit = visits.peek();
      if (visit.callees.hasNext()) {
        NodeKey callee = visit.callees.next();
        if (cache.containsKey(callee)) {
          continue;
        }
        Integer seen = order.get(callee);
        if (seen == null) {
          visits.push(enter(callee, null, order, open, stack));
        } else if (open.contains(callee)) {
          visit.low = Math.min(visit.low, seen);
        }
        continue;
      }
      visits.pop();
      if (!visits.isEmpty()) {
        visits.peek().low = Math.min(visits.peek().low, visit.low);
      }
      if (visit.low == order.get(visit.key)) {
        Set<NodeKey> component = new LinkedHashSet<>();
        NodeKey member;
        do {
          member = stack.pop();
          open.remove(member);
          component.add(member);
        } while (!member.equals(visit.key));
        // One frame for the component: each member's answer depends on which methods are in it,
        // so on the parts of them all (see Reads).
        try (Reads.Frame frame = Reads.open()) {
          component.forEach(key -> shape(key, null));
          Map<NodeKey, Set<Thrown>> answers = answersOf(component);
          Set<String> reads = frame == null ? null : frame.reads();
          answers.forEach((key, answer) -> cache.putIfAbsent(key, answer, reads));
        }
      }
    }
  }

  /**
   * The summaries of one component: what its members throw, each the union of what its own parts
   * let out and what the members it runs throw. A recursion adds nothing of its own, so the answers
   * grow from nothing until they hold still (a few rounds: the types come from the members' parts).
   * A recursion too large to solve cheaply throws anything.
   */
  private Map<NodeKey, Set<Thrown>> answersOf(Set<NodeKey> component) {
    Map<NodeKey, Set<Thrown>> answers = new LinkedHashMap<>();
    NodeKey first = component.iterator().next();
    boolean recursive =
        component.size() > 1 || runIn(shape(first, null), new HashSet<>()).contains(first);
    if (!recursive) {
      answers.put(first, Set.copyOf(resolve(shape(first, null), Map.of())));
      return answers;
    }
    component.forEach(key -> answers.put(key, Set.of()));
    for (int round = 0; component.size() <= MAX_SOLVED_COMPONENT && round < MAX_ROUNDS; round++) {
      boolean changed = false;
      for (NodeKey key : component) {
        Set<Thrown> next = Set.copyOf(resolve(shape(key, null), answers));
        if (!next.equals(answers.get(key))) {
          answers.put(key, next);
          changed = true;
        }
      }
      if (!changed) {
        return answers;
      }
    }
    component.forEach(key -> answers.put(key, Set.of(Thrown.ANY))); // too big to solve: anything
    return answers;
  }

  private Visit enter(
      NodeKey key,
      CallableDeclaration<?> known,
      Map<NodeKey, Integer> order,
      Set<NodeKey> open,
      Deque<NodeKey> stack) {
    int number = order.size();
    order.put(key, number);
    open.add(key);
    stack.push(key);
    return new Visit(key, runIn(shape(key, known), new LinkedHashSet<>()).iterator(), number);
  }

  /**
   * The parts of a method or constructor, read from its tree the first time. The body tells more
   * than the throws clause, which often names unchecked exceptions that the code catches or wraps
   * before they could leave.
   */
  private List<Part> shape(NodeKey key, CallableDeclaration<?> known) {
    key.read();
    List<Part> shape = shapes.get(key);
    if (shape != null) {
      return shape;
    }
    try (Reads.Frame frame = Reads.open();
        SourceUnits.Lease lease = index.units().lease()) { // see HelperSummaries#summaryOf
      key.read();
      CallableDeclaration<?> callable = known != null ? known : key.callable(index.units());
      Node body =
          callable instanceof MethodDeclaration m
              ? m.getBody().orElse(null)
              : callable instanceof ConstructorDeclaration c ? c.getBody() : null;
      CompilationUnit cu = callable == null ? null : callable.findCompilationUnit().orElse(null);
      if (body == null || cu == null) {
        shape = ANYTHING;
      } else {
        CallClassifier calls = new CallClassifier(new TypeResolver(cu, index, catalog), summaries);
        shape = List.copyOf(insideOf(callable, calls));
      }
      return shapes.putIfAbsent(key, shape, frame);
    }
  }

  private static NameResolver namesOf(Node node, CallClassifier calls) {
    return node.findCompilationUnit()
        .filter(cu -> cu != calls.types().unit())
        .map(cu -> calls.types().index().names(cu))
        .orElse(calls.types().names());
  }

  private static String resolve(Type type, NameResolver names) {
    return type instanceof ClassOrInterfaceType c
        ? names.resolve(c.getNameWithScope())
        : type.asString();
  }
}
