package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txapi.HandleSite;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.Optional;

/**
 * Which transaction handle an expression denotes within one file: a variable or field (an accessor
 * result such as {@code tx = em.getTransaction()} stands for its owner {@code em}), or, for other
 * expressions, their text.
 */
final class Handles {
  private static final int MAX_ALIAS_DEPTH = 16;

  private final TypeResolver types;
  private int depth;

  Handles(TypeResolver types) {
    this.types = types;
  }

  /** The handle a catalog line's call acts on. */
  Optional<HandleKey> handleAt(MethodCallExpr call, HandleSite site) {
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

  /** The handle that holds a call's or a creation's result: the variable it is assigned to. */
  HandleKey resultHandle(Expression call) {
    Node parent = Bodies.userOf(call);
    if (parent instanceof VariableDeclarator declarator) {
      return variableHandle(declarator);
    }
    if (parent instanceof AssignExpr assign) {
      return handleOf(assign.getTarget());
    }
    return new HandleKey("expr:" + call, call.toString());
  }

  HandleKey variableHandle(VariableDeclarator declarator) {
    String name = declarator.getNameAsString();
    if (declarator.getParentNode().orElse(null) instanceof FieldDeclaration) {
      return new HandleKey(
          new Variable(
                  name, Variable.Kind.FIELD, null, declarator, types.enclosingTypeName(declarator))
              .key(),
          name);
    }
    return new HandleKey(Variable.keyOf(declarator, name), name);
  }

  /** The handle a parameter stands for inside its method. */
  HandleKey parameterKey(Parameter parameter) {
    Variable variable =
        new Variable(parameter.getNameAsString(), Variable.Kind.PARAMETER, null, parameter, null);
    return new HandleKey(variable.key(), parameter.getNameAsString());
  }

  /**
   * The handle an expression denotes: a variable or field, the owner of an accessor such as {@code
   * em.getTransaction()}, or the expression's text.
   */
  HandleKey handleOf(Expression expr) {
    if (depth > MAX_ALIAS_DEPTH) {
      return new HandleKey(
          "expr:" + expr, expr.toString()); // x = x.getTransaction(): an alias of itself
    }
    depth++;
    try {
      return resolve(expr);
    } finally {
      depth--;
    }
  }

  private HandleKey resolve(Expression expr) {
    expr = Bodies.withoutParensAndCasts(expr);
    if (expr instanceof NameExpr name) {
      Optional<Variable> variable = types.variable(name);
      if (variable.isEmpty()) {
        return new HandleKey("name:" + name.getNameAsString(), name.getNameAsString());
      }
      Expression aliased = aliasSource(variable.get());
      if (aliased != null) {
        return handleOf(aliased);
      }
      NameExpr arguments = varargsIterated(variable.get());
      if (arguments != null) {
        return handleOf(arguments);
      }
      return new HandleKey(variable.get().key(), name.getNameAsString());
    }
    if (expr instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
      String owner = types.enclosingTypeName(access);
      return new HandleKey(
          "field:" + owner + "." + access.getNameAsString(), access.getNameAsString());
    }
    if (expr instanceof MethodCallExpr call && isHandleAccessor(call)) {
      return receiverHandle(call);
    }
    return new HandleKey("expr:" + expr, expr.toString());
  }

  /**
   * The receiver's handle of the call that initialised the local variable {@code expr} names, if it
   * holds nothing else: {@code conn} for {@code ps = conn.prepareStatement(sql)}.
   */
  Optional<HandleKey> madeBy(Expression expr) {
    return maker(expr).map(this::handleOf);
  }

  /**
   * The expression whose call made the value a local variable holds: {@code conn} for {@code ps =
   * conn.prepareStatement(sql)}.
   */
  Optional<Expression> maker(Expression expr) {
    expr = Bodies.withoutParensAndCasts(expr);
    if (!(expr instanceof NameExpr name)) {
      return Optional.empty();
    }
    Optional<Variable> variable = types.variable(name);
    if (variable.isEmpty()
        || variable.get().kind() != Variable.Kind.LOCAL
        || !(variable.get().declaration() instanceof VariableDeclarator decl)
        || !(decl.getInitializer().map(Bodies::withoutParensAndCasts).orElse(null)
            instanceof MethodCallExpr init)
        || init.getScope().isEmpty()) {
      return Optional.empty();
    }
    return init.getScope();
  }

  private boolean isHandleAccessor(MethodCallExpr call) {
    return types.catalogMatches(call).stream().anyMatch(api -> api.has(Effect.HANDLE));
  }

  /**
   * For a local variable that only ever holds a transaction accessor's result ({@code tx =
   * em.getTransaction()}, possibly assigned after a {@code null} initializer), the accessor call;
   * otherwise null.
   */
  private Expression aliasSource(Variable variable) {
    if (variable.kind() != Variable.Kind.LOCAL
        || !(variable.declaration() instanceof VariableDeclarator decl)) {
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

  /**
   * For the variable of {@code for (Object o : objs)} over a varargs parameter, that parameter:
   * each element is an argument of the call, so what the body does to {@code o} it does to every
   * argument ({@code closeAll(rs, stmt, conn)}). Null for any other variable, and for a loop
   * variable the body assigns.
   */
  private NameExpr varargsIterated(Variable variable) {
    if (variable.kind() != Variable.Kind.LOCAL
        || !(variable.declaration() instanceof VariableDeclarator decl)
        || !(decl.getParentNode().orElse(null) instanceof VariableDeclarationExpr declaration)
        || !(declaration.getParentNode().orElse(null) instanceof ForEachStmt loop)
        || !(Bodies.withoutParensAndCasts(loop.getIterable()) instanceof NameExpr iterable)) {
      return null;
    }
    Optional<Variable> iterated = types.variable(iterable);
    boolean varargs =
        iterated.isPresent()
            && iterated.get().kind() == Variable.Kind.PARAMETER
            && iterated.get().declaration() instanceof Parameter parameter
            && parameter.isVarArgs();
    boolean assigned = !Bodies.valuesAssigned(loop.getBody(), variable.name()).isEmpty();
    return varargs && !assigned ? iterable : null;
  }

  private static Node enclosingBody(Node node) {
    for (Node n = node.getParentNode().orElse(null);
        n != null;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof CallableDeclaration<?> || n instanceof LambdaExpr) {
        return n;
      }
    }
    return null;
  }
}
