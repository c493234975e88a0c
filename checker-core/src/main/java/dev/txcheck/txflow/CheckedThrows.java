package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgBuilder;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.types.ExceptionTypes;
import dev.txcheck.types.Memo;
import dev.txcheck.types.NameResolver;
import dev.txcheck.types.Reads;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a checked exception that a transactional method declares can leave it after data work of
 * its transaction was done: only then does the commit that a checked exception brings about make
 * partial work permanent. A {@code throws} clause alone is no evidence (many copy their
 * interface's), nor is a throw before the first write.
 *
 * <p>Checked exceptions come from {@code throw} statements, from calls whose declaration says so
 * (the sources' methods; the JDK's, by reflection; the catalog's {@code fails} lines), and, for a
 * specific JDK exception such as {@code IOException}, from any library call outside the catalog.
 * Work is a call that {@link Work#doesWork} accepts, in this method or, for a call that throws the
 * exception, inside the called method before it throws (a few calls deep). Work that runs in
 * another thread (a lambda handed to an executor) is no work of this method.
 */
public final class CheckedThrows {
  private static final int MAX_DEPTH = 3;
  private static final Set<String> TOP = Set.of("java.lang.Exception", "java.lang.Throwable");

  private final CallClassifier calls;
  private final ExceptionModel model;
  private final ThrownTypes thrownTypes;
  private final ExceptionTypes exceptions;

  public CheckedThrows(CallClassifier calls, ExceptionModel model) {
    this.calls = calls;
    this.model = model;
    this.thrownTypes = calls.thrownTypes();
    this.exceptions = thrownTypes.exceptions();
  }

  /**
   * True when {@code exception} (qualified) can leave {@code method} after work was done; a method
   * without a body (an interface method) is judged by its declaration. Remembered by file and
   * position, shared by all files.
   */
  public boolean throwsAfterWork(MethodDeclaration method, String exception) {
    Memo<Question, Boolean> known = calls.thrownAfterWork();
    Question question = new Question(NodeKey.of(method).read(), exception);
    Boolean answer = known.get(question);
    if (answer == null) {
      try (Reads.Frame frame = Reads.open()) {
        answer = afterWork(method, exception, calls.forFileOf(method), 0).isPresent();
        // For a method of the checked file, the check's own classifier answers: what the check
        // read so far counts too.
        known.put(question, answer, frame == null ? null : Reads.enclosing());
      }
    }
    return answer;
  }

  /** A method by file and position, and a qualified exception type. */
  record Question(NodeKey method, String exception) {}

  /**
   * The methods of the method's class that declare the same exception with the same consequence
   * ({@code committing} tells, for each, whether its transaction commits on it), in source order,
   * the method among them: one cause, a class-wide annotation or a {@code throws} clause that a
   * whole service interface shares, is reported once.
   */
  public List<MethodDeclaration> sameCause(
      MethodDeclaration method, String exception, Predicate<MethodDeclaration> committing) {
    if (!(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
      return List.of(method);
    }
    List<MethodDeclaration> result = new ArrayList<>();
    for (MethodDeclaration sibling : type.getMethods()) {
      if (sibling == method
          || (declares(sibling, exception)
              && committing.test(sibling)
              && throwsAfterWork(sibling, exception))) {
        result.add(sibling);
      }
    }
    return result;
  }

  private boolean declares(MethodDeclaration method, String exception) {
    return declared(method.getThrownExceptions(), method).contains(exception);
  }

  private Optional<Node> afterWork(
      MethodDeclaration method, String exception, CallClassifier local, int depth) {
    if (method.getBody().isEmpty()) {
      return Optional.of(method);
    }
    List<Node> throwers = new ArrayList<>();
    for (Node thrower : ThrownTypes.throwersIn(method)) {
      Set<String> related = relatedThrown(thrower, exception, local, depth);
      if (!related.isEmpty()
          && escapes(thrower, related, method, local)
          && !rollsBackOnItsWay(thrower, related, local)) {
        throwers.add(thrower);
      }
    }
    // A library call is only guessed to throw (an IOException, say); when code that surely throws
    // the exception explains the throws clause (a stream read before the save), guesses add
    // nothing.
    boolean explained = throwers.stream().anyMatch(t -> !isGuess(t, local));
    Cfg cfg = null;
    for (Node thrower : throwers) {
      if (explained && isGuess(thrower, local)) {
        continue;
      }
      if (cfg == null) {
        cfg = CfgBuilder.build(method, model);
      }
      for (Node origin : origins(thrower, exception, local, depth)) {
        if (Paths.completedBefore(cfg.nodesFor(origin), n -> isWork(n, local), n -> true)) {
          return Optional.of(thrower);
        }
        if (depth < MAX_DEPTH
            && origin instanceof MethodCallExpr call
            && throwsAfterItsWork(call, exception, local, depth)) {
          return Optional.of(thrower);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A call of another bean's method that joins the caller's transaction and rolls back on every one
   * of these exceptions ({@code @Transactional(rollbackFor = PricingException.class)}): its proxy
   * marks the shared transaction rollback-only as the exception passes, so the caller's commit
   * rolls back.
   */
  private boolean rollsBackOnItsWay(Node thrower, Set<String> thrown, CallClassifier local) {
    if (!(thrower instanceof MethodCallExpr call)) {
      return false;
    }
    Optional<TxAttributes> tx = local.throughProxy(call).filter(TxAttributes::joinsCaller);
    if (tx.isEmpty()) {
      return false;
    }
    RollbackRules rules = new RollbackRules(local.types().index());
    return thrown.stream().noneMatch(type -> rules.commitsOn(tx.get(), type));
  }

  /**
   * Where the exception a node throws was raised: the node itself, or, for a precise rethrow, the
   * nodes of its try block that throw it (the work done before them is what the rethrow commits).
   */
  private List<Node> origins(Node thrower, String exception, CallClassifier local, int depth) {
    Optional<CatchClause> rethrown =
        thrower instanceof ThrowStmt stmt ? rethrownFrom(stmt, local) : Optional.empty();
    if (rethrown.isEmpty()) {
      return List.of(thrower);
    }
    List<Node> result = new ArrayList<>();
    for (Node inner : ThrownTypes.throwersIn(tryOf(rethrown.get()))) {
      Set<String> related = relatedThrown(inner, exception, local, depth);
      if (!takenBy(rethrown.get(), related, local).isEmpty()) {
        result.addAll(origins(inner, exception, local, depth));
      }
    }
    return result;
  }

  /** The called method (or an implementation) throws the exception after work of its own. */
  private boolean throwsAfterItsWork(
      MethodCallExpr call, String exception, CallClassifier local, int depth) {
    for (MethodDeclaration target : thrownTypes.sourceMethods(call, local)) {
      for (MethodDeclaration implementation : local.implementations(target)) {
        if (afterWork(implementation, exception, local.forFileOf(implementation), depth + 1)
            .filter(n -> n != implementation)
            .isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Some of the checked exceptions related to {@code exception} get out of the method. */
  private boolean escapes(Node thrower, Set<String> related, Node method, CallClassifier local) {
    Set<ThrownTypes.Thrown> thrown = new LinkedHashSet<>();
    related.forEach(t -> thrown.add(ThrownTypes.Thrown.family(t)));
    return !thrownTypes.leaving(thrower, thrown, method, local).isEmpty();
  }

  private boolean isWork(CfgNode node, CallClassifier local) {
    return node.kind() == NodeKind.CALL && Work.doesWork((MethodCallExpr) node.ast(), local);
  }

  /**
   * The checked exceptions a node may throw that are {@code exception}, a subtype or a supertype of
   * it (a {@code throw e} of a variable typed {@code Exception} may be it).
   */
  private Set<String> relatedThrown(
      Node thrower, String exception, CallClassifier local, int depth) {
    Set<String> result = new LinkedHashSet<>();
    for (String type : checkedThrown(thrower, exception, local, depth)) {
      if (!exceptions.isChecked(type).equals(Optional.of(false))
          && (exceptions.isSubtype(type, exception) || exceptions.isSubtype(exception, type))) {
        result.add(type);
      }
    }
    return result;
  }

  /** What a node is known (or, for a library call, likely) to throw among checked exceptions. */
  private Set<String> checkedThrown(
      Node thrower, String exception, CallClassifier local, int depth) {
    if (thrower instanceof ThrowStmt stmt) {
      Optional<CatchClause> rethrown = rethrownFrom(stmt, local);
      if (rethrown.isPresent()) {
        return takenBy(
            rethrown.get(), thrownIn(tryOf(rethrown.get()), exception, local, depth), local);
      }
      Set<String> result = new LinkedHashSet<>();
      for (ThrownTypes.Thrown t : thrownTypes.thrownBy(stmt, local)) {
        result.add(t.type() == null ? exception : t.type());
      }
      return result;
    }
    if (thrower instanceof MethodCallExpr call) {
      return byCall(call, exception, local, depth);
    }
    if (thrower instanceof ObjectCreationExpr creation) {
      return byCreation(creation, exception, local);
    }
    return Set.of();
  }

  private Set<String> byCall(
      MethodCallExpr call, String exception, CallClassifier local, int depth) {
    String receiver =
        call.getScope().map(scope -> thrownTypes.receiverType(scope, local)).orElse(null);
    if (receiver != null) {
      Set<String> jdk =
          ExceptionTypes.jdkDeclaredExceptions(
              receiver, call.getNameAsString(), call.getArguments().size());
      if (jdk != null) {
        return jdk;
      }
    }
    List<ApiMethod> apis = local.types().catalogMatches(call);
    if (!apis.isEmpty()) {
      Set<String> result = new LinkedHashSet<>();
      for (ApiMethod api : apis) {
        if (!api.anyOwner()) {
          result.addAll(local.types().catalog().failuresOf(api.ownerName()));
        }
      }
      return result;
    }
    List<MethodDeclaration> methods = thrownTypes.sourceMethods(call, local);
    if (!methods.isEmpty()) {
      Set<String> result = new LinkedHashSet<>();
      for (MethodDeclaration method : methods) {
        for (MethodDeclaration implementation : bodiesOf(method, local)) {
          CallClassifier there = local.forFileOf(implementation);
          result.addAll(
              implementation.getBody().isEmpty()
                      || depth >= MAX_DEPTH
                      || callsUnknownCode(implementation, there)
                  ? declared(implementation.getThrownExceptions(), implementation)
                  : declaredAndThrown(implementation, exception, there, depth + 1));
        }
      }
      return result;
    }
    return fromLibrary(exception);
  }

  /**
   * The code that runs for a method: its own body, or, for an abstract method, the implementations
   * of the sources (the method itself when there are none).
   */
  private static List<MethodDeclaration> bodiesOf(MethodDeclaration method, CallClassifier local) {
    if (method.getBody().isPresent()) {
      return List.of(method);
    }
    List<MethodDeclaration> implementations = local.implementations(method);
    return implementations.isEmpty() ? List.of(method) : implementations;
  }

  /**
   * The checked exceptions a method declares that its body can throw: javac lets nothing else out,
   * so what a guess finds in its body ({@code IOException} from a library call) counts only when
   * the method declares it.
   */
  private Set<String> declaredAndThrown(
      MethodDeclaration method, String exception, CallClassifier local, int depth) {
    Set<String> result = new LinkedHashSet<>();
    for (String declared : declared(method.getThrownExceptions(), method)) {
      // Asked about what it declares, as narrowly as the question allows: a library call in
      // mkdir(..) throws IOException may throw an IOException, whatever the caller asked about.
      String asked =
          exceptions.isSubtype(declared, exception)
              ? declared
              : exceptions.isSubtype(exception, declared) ? exception : null;
      if (asked == null) {
        continue;
      }
      result.addAll(narrowedTo(List.of(declared), thrownIn(method, asked, local, depth)));
    }
    return result;
  }

  /**
   * What of the {@code thrown} types can pass as one of the {@code bounds}: a thrown subtype of a
   * bound, or the bound itself where a supertype of it was thrown.
   */
  private Set<String> narrowedTo(List<String> bounds, Set<String> thrown) {
    Set<String> result = new LinkedHashSet<>();
    for (String bound : bounds) {
      for (String type : thrown) {
        if (exceptions.isSubtype(type, bound)) {
          result.add(type);
        } else if (exceptions.isSubtype(bound, type)) {
          result.add(bound);
        }
      }
    }
    return result;
  }

  /**
   * True when the method calls something whose receiver's type cannot be told ({@code
   * Context.getService().serialize(..)}): it may be a method of the sources that throws any of the
   * method's checked exceptions, so its {@code throws} clause is all that is known.
   */
  private boolean callsUnknownCode(MethodDeclaration method, CallClassifier local) {
    for (MethodCallExpr call : Bodies.callsIn(method)) {
      if (call.getScope().isPresent()
          && thrownTypes.receiverType(call.getScope().get(), local) == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The checked exceptions related to {@code exception} that can leave {@code code} (a method body
   * or a try block): what its throwers throw and no catch inside stops. A {@code throws} clause is
   * no evidence: {@code throws Exception} over setters and a save throws nothing checked.
   */
  private Set<String> thrownIn(Node code, String exception, CallClassifier local, int depth) {
    Set<String> result = new LinkedHashSet<>();
    for (Node thrower : ThrownTypes.throwersIn(code)) {
      Set<String> related = relatedThrown(thrower, exception, local, depth);
      if (!related.isEmpty()
          && escapes(thrower, related, code, local)
          && !rollsBackOnItsWay(thrower, related, local)) {
        result.addAll(related);
      }
    }
    return result;
  }

  /**
   * The catch clause whose exception {@code throw e} throws again, when {@code e} is its parameter
   * and never assigned: Java's precise rethrow, which throws only the checked exceptions of the try
   * block that the clause takes, whatever the parameter's declared type.
   */
  private static Optional<CatchClause> rethrownFrom(ThrowStmt stmt, CallClassifier local) {
    if (!(stmt.getExpression() instanceof NameExpr name)) {
      return Optional.empty();
    }
    Optional<Variable> variable = local.types().variable(name);
    if (variable.isEmpty()
        || !(variable.get().declaration() instanceof Parameter parameter)
        || !(parameter.getParentNode().orElse(null) instanceof CatchClause clause)
        || !Bodies.valuesAssigned(clause.getBody(), name.getNameAsString()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(clause);
  }

  private static Node tryOf(CatchClause clause) {
    return ((TryStmt) clause.getParentNode().orElseThrow()).getTryBlock();
  }

  /**
   * What of the {@code thrown} types the clause takes: a subtype of a type it names, or the type it
   * names where a supertype was thrown ({@code catch (WebApplicationException e) { throw e; }} lets
   * no checked {@code Exception} of its try out).
   */
  private Set<String> takenBy(CatchClause clause, Set<String> thrown, CallClassifier local) {
    return narrowedTo(ThrownTypes.caughtTypes(clause, local), thrown);
  }

  /**
   * True when what the node throws is only guessed: a library call or creation whose declaration
   * cannot be seen (the last resort of {@link #byCall} and {@link #byCreation}).
   */
  private boolean isGuess(Node thrower, CallClassifier local) {
    if (thrower instanceof MethodCallExpr call) {
      String receiver =
          call.getScope().map(scope -> thrownTypes.receiverType(scope, local)).orElse(null);
      return (receiver == null
              || ExceptionTypes.jdkDeclaredExceptions(
                      receiver, call.getNameAsString(), call.getArguments().size())
                  == null)
          && local.types().catalogMatches(call).isEmpty()
          && thrownTypes.sourceMethods(call, local).isEmpty();
    }
    if (thrower instanceof ObjectCreationExpr creation) {
      String type = local.types().names().resolve(creation.getType().getNameWithScope());
      return ExceptionTypes.jdkDeclaredExceptions(type, "<init>", creation.getArguments().size())
              == null
          && local.types().index().type(type) == null;
    }
    return false;
  }

  private Set<String> byCreation(
      ObjectCreationExpr creation, String exception, CallClassifier local) {
    String type = local.types().names().resolve(creation.getType().getNameWithScope());
    Set<String> jdk =
        ExceptionTypes.jdkDeclaredExceptions(type, "<init>", creation.getArguments().size());
    if (jdk != null) {
      return jdk;
    }
    TypeInfo info = local.types().index().type(type);
    if (info == null) {
      return fromLibrary(exception);
    }
    Set<String> result = new LinkedHashSet<>();
    for (ConstructorDeclaration constructor : info.declaration().getConstructors()) {
      if (constructor.getParameters().size() == creation.getArguments().size()) {
        result.addAll(declared(constructor.getThrownExceptions(), constructor));
      }
    }
    return result;
  }

  /**
   * A library method outside the catalog: a specific JDK exception ({@code IOException}, {@code
   * ParseException}) is commonly declared by library methods, so it may throw one; nothing else is
   * assumed ({@code throws Exception} copied from an interface needs a real thrower).
   */
  private static Set<String> fromLibrary(String exception) {
    boolean jdk = exception.startsWith("java.") || exception.startsWith("javax.");
    return jdk && !TOP.contains(exception) ? Set.of(exception) : Set.of();
  }

  private Set<String> declared(List<ReferenceType> thrown, Node declaration) {
    NameResolver names =
        declaration
            .findCompilationUnit()
            .map(cu -> calls.types().index().names(cu))
            .orElse(calls.types().names());
    Set<String> result = new LinkedHashSet<>();
    for (ReferenceType type : thrown) {
      result.add(
          type instanceof ClassOrInterfaceType written
              ? names.resolve(written.getNameWithScope())
              : type.asString());
    }
    return result;
  }
}
