package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txapi.HandleSite;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Says what each call of one file does to transactions. One instance per file and thread. */
public final class CallClassifier {
  /** Names of unresolved types that are data-access beans by convention. */
  private static final Pattern DATA_BEAN_NAME = Pattern.compile(".*(Repository|Dao|DAO|Mapper|Service)");

  private static final Set<String> BEAN_ANNOTATIONS =
      Set.of("Repository", "Service", "Component", "Transactional");

  /** The transaction a helper undoes without receiving it: the current Spring transaction, a field's. */
  static final HandleKey AMBIENT = new HandleKey("ambient", "the current transaction");

  private final TypeResolver types;
  private final HelperSummaries summaries;
  private final Map<MethodCallExpr, CallFacts> cache = new IdentityHashMap<>();

  public CallClassifier(TypeResolver types, HelperSummaries summaries) {
    this.types = types;
    this.summaries = summaries;
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
    List<ApiMethod> apis = types.catalogMatches(call);
    List<TxEvent> events = new ArrayList<>();
    boolean data = false;
    boolean proxy = false;
    boolean callback = false;
    boolean loop = false;
    for (ApiMethod api : apis) {
      for (Effect effect : api.effects()) {
        switch (effect) {
          case BEGIN, COMMIT, ROLLBACK, ROLLBACK_ONLY, CLOSE, CLOSE_ROLLBACK ->
              handleAt(call, api.handle()).ifPresent(h -> events.add(new TxEvent(effect, h)));
          case DATA -> data = true;
          case PROXY -> proxy = true;
          case CALLBACK -> callback = true;
          case LOOP -> loop = true;
          case HANDLE, RETURNS -> {}
        }
      }
    }
    boolean alwaysThrows = false;
    if (apis.isEmpty()) {
      MethodDeclaration target = target(call);
      if (target != null) {
        MethodSummary summary = summaries.summaryOf(target);
        summary.parameterEffects().forEach(
            (index, effects) -> {
              if (index < call.getArguments().size()) {
                HandleKey handle = handleOf(call.getArgument(index));
                Set<Effect> certain = summary.certainEffects().getOrDefault(index, Set.of());
                effects.forEach(effect -> events.add(new TxEvent(effect, handle, certain.contains(effect))));
              }
            });
        if (summary.undoesAmbient()) {
          events.add(new TxEvent(Effect.ROLLBACK_ONLY, AMBIENT, false));
        }
        data = summary.data();
        alwaysThrows = summary.alwaysThrows();
      }
      BeanKind bean = beanKind(call);
      data |= bean != BeanKind.NONE;
      proxy |= bean == BeanKind.TRANSACTIONAL;
    }
    if (events.isEmpty() && !data && !proxy && !callback && !loop && !alwaysThrows) {
      return CallFacts.NONE;
    }
    return new CallFacts(List.copyOf(events), data || !events.isEmpty(), proxy, callback, loop, alwaysThrows);
  }

  private enum BeanKind {
    NONE,
    PLAIN,
    TRANSACTIONAL
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
      return DATA_BEAN_NAME.matcher(TypeNames.simple(type)).matches() ? BeanKind.PLAIN : BeanKind.NONE;
    }
    boolean transactional = false;
    boolean bean = false;
    for (String annotation : info.annotations()) {
      String simple = TypeNames.simple(annotation);
      bean |= BEAN_ANNOTATIONS.contains(simple);
      transactional |= simple.equals("Transactional"); // @Repository alone only translates exceptions
    }
    if (!bean && DATA_BEAN_NAME.matcher(TypeNames.simple(type)).matches() && info.declaration().isClassOrInterfaceDeclaration()
        && info.declaration().asClassOrInterfaceDeclaration().isInterface()) {
      bean = true; // an interface such as OrderDao or a MyBatis mapper
    }
    return transactional ? BeanKind.TRANSACTIONAL : bean ? BeanKind.PLAIN : BeanKind.NONE;
  }

  /** The project method a call invokes, when it is declared in the analysed sources; null otherwise. */
  public MethodDeclaration target(MethodCallExpr call) {
    String name = call.getNameAsString();
    int arity = call.getArguments().size();
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty() || scope.get() instanceof ThisExpr) {
      for (Node n = call; n != null; n = n.getParentNode().orElse(null)) {
        if (n instanceof TypeDeclaration<?> type) {
          MethodDeclaration found = methodIn(type, name, arity);
          if (found != null) {
            return found;
          }
          String owner = type.getFullyQualifiedName().orElse(null);
          found = owner == null ? null : inherited(owner, name, arity);
          if (found != null) {
            return found;
          }
        }
      }
      String imported = types.names().staticImportOwner(name);
      return imported == null ? null : declaredOrInherited(imported, name, arity);
    }
    if (scope.get() instanceof SuperExpr) {
      String owner = types.enclosingTypeName(call);
      return owner == null ? null : inherited(owner, name, arity);
    }
    String type = types.typeOf(scope.get());
    if (type == null) {
      type = types.staticType(scope.get());
    }
    return type == null ? null : declaredOrInherited(type, name, arity);
  }

  private MethodDeclaration declaredOrInherited(String type, String name, int arity) {
    TypeInfo info = types.index().type(type);
    MethodDeclaration found = info == null ? null : methodIn(info.declaration(), name, arity);
    return found != null ? found : inherited(type, name, arity);
  }

  private MethodDeclaration inherited(String type, String name, int arity) {
    for (String supertype : types.index().supertypes(type)) {
      TypeInfo info = types.index().type(supertype);
      MethodDeclaration found = info == null ? null : methodIn(info.declaration(), name, arity);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static MethodDeclaration methodIn(TypeDeclaration<?> type, String name, int arity) {
    for (MethodDeclaration m : type.getMethodsByName(name)) {
      if (m.getParameters().size() == arity && m.getBody().isPresent()) {
        return m;
      }
    }
    return null;
  }

  /** The handle a catalog line's call acts on. */
  private Optional<HandleKey> handleAt(MethodCallExpr call, HandleSite site) {
    return switch (site.kind()) {
      case RECEIVER -> Optional.of(receiverHandle(call));
      case RESULT -> Optional.of(resultHandle(call));
      case ARGUMENT ->
          site.argIndex() < call.getArguments().size()
              ? Optional.of(handleOf(call.getArgument(site.argIndex())))
              : Optional.empty();
    };
  }

  private HandleKey receiverHandle(MethodCallExpr call) {
    return call.getScope().map(this::handleOf).orElse(new HandleKey("this", "this"));
  }

  private HandleKey resultHandle(MethodCallExpr call) {
    Node parent = call.getParentNode().orElse(null);
    while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
      parent = parent.getParentNode().orElse(null);
    }
    if (parent instanceof VariableDeclarator declarator) {
      return variableHandle(declarator);
    }
    if (parent instanceof AssignExpr assign) {
      return handleOf(assign.getTarget());
    }
    return new HandleKey("expr:" + call, call.toString());
  }

  private HandleKey variableHandle(VariableDeclarator declarator) {
    String name = declarator.getNameAsString();
    NameExpr probe = new NameExpr(name);
    // Resolve as if the name were used right after its declaration.
    Variable variable = new Variable(name, Variable.Kind.LOCAL, null, declarator, null);
    if (declarator.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.FieldDeclaration) {
      String owner = types.enclosingTypeName(declarator);
      variable = new Variable(name, Variable.Kind.FIELD, null, declarator, owner);
    }
    return new HandleKey(variable.key(), probe.getNameAsString());
  }

  /** The handle a parameter stands for inside its method. */
  HandleKey parameterKey(Parameter parameter) {
    Variable variable = new Variable(parameter.getNameAsString(), Variable.Kind.PARAMETER, null, parameter, null);
    return new HandleKey(variable.key(), parameter.getNameAsString());
  }

  /**
   * The handle an expression denotes: a variable or field, the owner of an accessor such as
   * {@code em.getTransaction()}, or the expression's text.
   */
  public HandleKey handleOf(Expression expr) {
    while (expr instanceof EnclosedExpr || expr instanceof CastExpr) {
      expr = expr instanceof EnclosedExpr e ? e.getInner() : ((CastExpr) expr).getExpression();
    }
    if (expr instanceof NameExpr name) {
      Optional<Variable> variable = types.variable(name);
      if (variable.isEmpty()) {
        return new HandleKey("name:" + name.getNameAsString(), name.getNameAsString());
      }
      Expression aliased = aliasSource(variable.get());
      if (aliased != null) {
        return handleOf(aliased);
      }
      return new HandleKey(variable.get().key(), name.getNameAsString());
    }
    if (expr instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
      String owner = types.enclosingTypeName(access);
      return new HandleKey("field:" + owner + "." + access.getNameAsString(), access.getNameAsString());
    }
    if (expr instanceof MethodCallExpr call && isHandleAccessor(call)) {
      return receiverHandle(call);
    }
    return new HandleKey("expr:" + expr, expr.toString());
  }

  private boolean isHandleAccessor(MethodCallExpr call) {
    return types.catalogMatches(call).stream().anyMatch(api -> api.has(Effect.HANDLE));
  }

  /**
   * For a local variable that only ever holds a transaction accessor's result ({@code tx = em.getTransaction()},
   * possibly assigned after a {@code null} initializer), the accessor call; otherwise null.
   */
  private Expression aliasSource(Variable variable) {
    if (variable.kind() != Variable.Kind.LOCAL || !(variable.declaration() instanceof VariableDeclarator decl)) {
      return null;
    }
    Optional<Expression> init = decl.getInitializer();
    if (init.isPresent() && !(init.get() instanceof NullLiteralExpr)) {
      return init.get() instanceof MethodCallExpr call && isHandleAccessor(call) ? call : null;
    }
    Node scope = enclosingBody(decl);
    if (scope == null) {
      return null;
    }
    Expression source = null;
    for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
      if (assign.getTarget() instanceof NameExpr target
          && target.getNameAsString().equals(variable.name())
          && !(assign.getValue() instanceof NullLiteralExpr)) {
        if (!(assign.getValue() instanceof MethodCallExpr call) || !isHandleAccessor(call)) {
          return null;
        }
        source = call;
      }
    }
    return source;
  }

  private static Node enclosingBody(Node node) {
    for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof CallableDeclaration<?> || n instanceof LambdaExpr) {
        return n;
      }
    }
    return null;
  }

  /** What closing a try-with-resources resource does to its transaction. */
  public List<TxEvent> closeEvents(Expression resource) {
    String type = null;
    HandleKey handle;
    if (resource instanceof VariableDeclarationExpr declaration) {
      VariableDeclarator declarator = declaration.getVariable(0);
      type = TypeNames.of(declarator.getType(), types.names());
      if (type == null) {
        type = declarator.getInitializer().map(types::typeOf).orElse(null);
      }
      handle = variableHandle(declarator);
    } else {
      type = types.typeOf(resource);
      handle = handleOf(resource);
    }
    if (type == null) {
      return List.of();
    }
    List<TxEvent> events = new ArrayList<>();
    for (ApiMethod api : types.catalog().candidates("close")) {
      if (!api.anyOwner() && api.matchesArgs(List.of()) && types.index().isSubtype(type, api.owner())) {
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
