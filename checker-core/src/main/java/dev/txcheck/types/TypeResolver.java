package dev.txcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.ApiMethod;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static types of expressions in one file, without a classpath. One instance per file and thread:
 * it caches.
 */
public final class TypeResolver {
  private final CompilationUnit unit;
  private final NameResolver names;
  private final ProjectIndex index;
  private final ApiCatalog catalog;
  private final Map<NameExpr, Optional<Variable>> variables = new IdentityHashMap<>();
  private final Map<MethodCallExpr, List<ApiMethod>> matches = new IdentityHashMap<>();
  private int depth;

  public TypeResolver(CompilationUnit cu, ProjectIndex index, ApiCatalog catalog) {
    this.unit = cu;
    this.names = index.names(cu);
    this.index = index;
    this.catalog = catalog;
  }

  /** The file whose names this resolver resolves. */
  public CompilationUnit unit() {
    return unit;
  }

  public NameResolver names() {
    return names;
  }

  public ProjectIndex index() {
    return index;
  }

  public ApiCatalog catalog() {
    return catalog;
  }

  /** The catalog lines this call matches, by receiver type (or static owner) and arguments. */
  public List<ApiMethod> catalogMatches(MethodCallExpr call) {
    List<ApiMethod> cached = matches.get(call);
    if (cached != null) {
      return cached;
    }
    List<ApiMethod> candidates = catalog.candidates(call.getNameAsString());
    List<ApiMethod> result = List.of();
    if (!candidates.isEmpty()) {
      String receiver = receiverType(call);
      result = new ArrayList<>();
      for (ApiMethod api : candidates) {
        boolean ownerMatches =
            api.anyOwner()
                || (receiver != null
                    && (api.annotatedOwner()
                        ? index.isAnnotated(receiver, api.ownerName())
                        : index.isSubtype(receiver, api.owner())));
        if (ownerMatches && api.matchesArgs(call.getArguments())) {
          result.add(api);
        }
      }
      result = List.copyOf(result);
    }
    matches.put(call, result);
    return result;
  }

  /**
   * The type the call is made on: the receiver's type, the static owner, or the enclosing class.
   */
  public String receiverType(MethodCallExpr call) {
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty()) {
      String owner = names.staticImportOwner(call.getNameAsString());
      return owner != null ? owner : enclosingTypeName(call);
    }
    String type = typeOf(scope.get());
    return type != null ? type : staticType(scope.get());
  }

  /**
   * The qualified type named by an expression used as a static qualifier ({@code DbUtils} in a
   * call), or null.
   */
  public String staticType(Expression expr) {
    if (expr instanceof NameExpr name && variable(name).isEmpty()) {
      return knownType(names.resolve(name.getNameAsString()));
    }
    if (expr instanceof FieldAccessExpr access && isQualifiedName(access)) {
      return knownType(names.resolve(access.toString()));
    }
    return null;
  }

  /**
   * A resolved name (qualified, or a type of the default package that the index knows), else null.
   */
  private String knownType(String resolved) {
    return resolved.contains(".") || index.knows(resolved) ? resolved : null;
  }

  private static boolean isQualifiedName(Expression expr) {
    while (expr instanceof FieldAccessExpr access) {
      expr = access.getScope();
    }
    return expr instanceof NameExpr;
  }

  /** The static type of an expression, qualified where possible; null when unknown. */
  public String typeOf(Expression expr) {
    if (depth > 50) {
      return null; // pathological chains; an unknown type is always a safe answer
    }
    depth++;
    try {
      return computeType(expr);
    } finally {
      depth--;
    }
  }

  private String computeType(Expression expr) {
    if (expr instanceof EnclosedExpr enclosed) {
      return typeOf(enclosed.getInner());
    }
    if (expr instanceof CastExpr cast) {
      return TypeNames.of(cast.getType(), names);
    }
    if (expr instanceof ConditionalExpr conditional) {
      String then = typeOf(conditional.getThenExpr());
      return then != null ? then : typeOf(conditional.getElseExpr());
    }
    if (expr instanceof ObjectCreationExpr creation) {
      return TypeNames.of(creation.getType(), names);
    }
    if (expr instanceof ThisExpr) {
      return enclosingTypeName(expr);
    }
    if (expr instanceof NameExpr name) {
      return variable(name).map(Variable::type).orElse(null);
    }
    if (expr instanceof FieldAccessExpr access) {
      return fieldAccessType(access);
    }
    if (expr instanceof MethodCallExpr call) {
      // The line of the most specific owner wins, as an override does: a header(..) of a body spec
      // returns the body spec, not the plain spec its supertype's line names.
      ApiMethod best = null;
      for (ApiMethod api : catalogMatches(call)) {
        if (api.returnType() != null
            && (best == null || (!api.anyOwner() && index.isSubtype(api.owner(), best.owner())))) {
          best = api;
        }
      }
      return best != null ? best.returnType() : declaredReturnType(call);
    }
    return null;
  }

  /**
   * The return type a method of the parsed sources declares ({@code getEntityManager().persist(e)},
   * {@code getRepository().save(e)}), found by name and arity on the receiver's type and its
   * supertypes; null for a type variable, a primitive, or an unknown or ambiguous method.
   */
  private String declaredReturnType(MethodCallExpr call) {
    String owner =
        call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr
            ? enclosingTypeName(call)
            : typeOf(call.getScope().get());
    if (owner == null) {
      return null;
    }
    return index.declaredReturnType(owner, call.getNameAsString(), call.getArguments().size());
  }

  private String fieldAccessType(FieldAccessExpr access) {
    String owner =
        access.getScope() instanceof ThisExpr
            ? enclosingTypeName(access)
            : typeOf(access.getScope());
    if (owner == null) {
      return staticFieldType(access);
    }
    String type = index.fieldType(owner, access.getNameAsString());
    if (type == null && access.getScope() instanceof ThisExpr) {
      return declaredFieldType(access, access.getNameAsString()).map(Variable::type).orElse(null);
    }
    return type;
  }

  /**
   * {@code Status.OK} or {@code Limits.MAX}: a constant of an enum of the sources has the enum's
   * type, a static field of a type of the sources its declared type; null otherwise.
   */
  private String staticFieldType(FieldAccessExpr access) {
    String owner = staticType(access.getScope());
    TypeInfo info = owner == null ? null : index.type(owner);
    if (info == null) {
      return null;
    }
    String name = access.getNameAsString();
    if (info.declaration() instanceof EnumDeclaration enumeration
        && enumeration.getEntries().stream().anyMatch(e -> e.getNameAsString().equals(name))) {
      return owner;
    }
    return index.fieldType(owner, name);
  }

  /**
   * The qualified name of the innermost named type around a node, or null (inside an anonymous
   * class too).
   */
  public String enclosingTypeName(Node node) {
    return node.findAncestor(TypeDeclaration.class)
        .flatMap(t -> ((TypeDeclaration<?>) t).getFullyQualifiedName())
        .orElse(null);
  }

  /** The variable a name refers to, looking outward through blocks, parameters and fields. */
  public Optional<Variable> variable(NameExpr name) {
    Optional<Variable> cached = variables.get(name);
    if (cached == null) {
      cached = lookUp(name, name.getNameAsString());
      variables.put(name, cached);
    }
    return cached;
  }

  /**
   * The variable a name written at {@code from} refers to: for the scope of a method reference such
   * as {@code archive::close}, which the parser cannot tell from a type name.
   */
  public Optional<Variable> variableAt(Node from, String name) {
    return lookUp(from, name);
  }

  private Optional<Variable> lookUp(Node from, String name) {
    Node child = from;
    for (Node parent = from.getParentNode().orElse(null);
        parent != null;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      Optional<Variable> found = declaredIn(parent, child, name);
      if (found.isPresent()) {
        return found;
      }
      if (parent instanceof TypeDeclaration<?> type) {
        String owner = type.getFullyQualifiedName().orElse(null);
        String inherited = owner == null ? null : index.inheritedFieldType(owner, name);
        if (inherited == null && name.equals("log")) {
          inherited = LombokMembers.loggerType(type);
        }
        if (inherited != null) {
          return Optional.of(new Variable(name, Variable.Kind.FIELD, inherited, null, owner));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Variable> declaredIn(Node scope, Node child, String name) {
    if (scope instanceof NodeWithStatements<?> block) {
      return inStatements(block.getStatements(), child, name);
    }
    if (scope instanceof ForStmt loop) {
      for (Expression init : loop.getInitialization()) {
        Optional<Variable> found = inDeclaration(init, name, Variable.Kind.LOCAL);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (scope instanceof ForEachStmt loop && child != loop.getIterable()) {
      return inDeclaration(loop.getVariable(), name, Variable.Kind.LOCAL);
    } else if (scope instanceof TryStmt tryStmt) {
      for (Expression resource : tryStmt.getResources()) {
        Optional<Variable> found = inDeclaration(resource, name, Variable.Kind.LOCAL);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (scope instanceof CatchClause clause) {
      return parameter(clause.getParameter(), name);
    } else if (scope instanceof LambdaExpr lambda) {
      return parameters(lambda.getParameters(), name);
    } else if (scope instanceof CallableDeclaration<?> callable) {
      return parameters(callable.getParameters(), name);
    } else if (scope instanceof TypeDeclaration<?> type) {
      return declaredFieldIn(type, name);
    } else if (scope instanceof ObjectCreationExpr creation
        && creation.getAnonymousClassBody().isPresent()) {
      for (var member : creation.getAnonymousClassBody().get()) {
        if (member instanceof FieldDeclaration field) {
          Optional<Variable> found = field(field, name, null);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Variable> declaredFieldType(Node from, String name) {
    return from.findAncestor(TypeDeclaration.class)
        .flatMap(t -> declaredFieldIn((TypeDeclaration<?>) t, name));
  }

  private Optional<Variable> declaredFieldIn(TypeDeclaration<?> type, String name) {
    String owner = type.getFullyQualifiedName().orElse(null);
    for (FieldDeclaration field : type.getFields()) {
      Optional<Variable> found = field(field, name, owner);
      if (found.isPresent()) {
        return found;
      }
    }
    if (type instanceof RecordDeclaration record) {
      for (Parameter component : record.getParameters()) {
        if (component.getNameAsString().equals(name)) {
          return Optional.of(
              new Variable(
                  name,
                  Variable.Kind.FIELD,
                  TypeNames.of(component.getType(), names),
                  component,
                  owner));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Variable> field(FieldDeclaration field, String name, String owner) {
    for (VariableDeclarator v : field.getVariables()) {
      if (v.getNameAsString().equals(name)) {
        String type = declaredType(v);
        return Optional.of(
            new Variable(name, Variable.Kind.FIELD, type, v, owner == null ? "anonymous" : owner));
      }
    }
    return Optional.empty();
  }

  private Optional<Variable> inStatements(NodeList<Statement> statements, Node child, String name) {
    for (Statement statement : statements) {
      if (statement == child) {
        break; // only declarations before the use are in scope
      }
      if (statement.isExpressionStmt()) {
        Optional<Variable> found =
            inDeclaration(statement.asExpressionStmt().getExpression(), name, Variable.Kind.LOCAL);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Variable> inDeclaration(Expression expr, String name, Variable.Kind kind) {
    if (expr instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator v : declaration.getVariables()) {
        if (v.getNameAsString().equals(name)) {
          return Optional.of(new Variable(name, kind, declaredType(v), v, null));
        }
      }
    }
    return Optional.empty();
  }

  private String declaredType(VariableDeclarator v) {
    String type = TypeNames.of(v.getType(), names);
    if (type == null && v.getInitializer().isPresent()) {
      return typeOf(v.getInitializer().get()); // var x = ...
    }
    return type;
  }

  private Optional<Variable> parameters(NodeList<Parameter> parameters, String name) {
    for (Parameter p : parameters) {
      Optional<Variable> found = parameter(p, name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Variable> parameter(Parameter p, String name) {
    if (!p.getNameAsString().equals(name)) {
      return Optional.empty();
    }
    String type = TypeNames.of(p.getType(), names);
    if (type == null) {
      type = lambdaParameterType(p);
    }
    return Optional.of(new Variable(name, Variable.Kind.PARAMETER, type, p, null));
  }

  /**
   * {@code jdbi.useTransaction(handle -> ...)}: the catalog says what the lambda's first parameter
   * is.
   */
  private String lambdaParameterType(Parameter p) {
    if (!(p.getParentNode().orElse(null) instanceof LambdaExpr lambda)
        || lambda.getParameters().get(0) != p
        || !(lambda.getParentNode().orElse(null) instanceof MethodCallExpr call)
        || call.getArguments().stream().noneMatch(a -> a == lambda)) {
      return null;
    }
    for (ApiMethod api : catalogMatches(call)) {
      if (api.lambdaType() != null) {
        return api.lambdaType();
      }
    }
    return null;
  }
}
