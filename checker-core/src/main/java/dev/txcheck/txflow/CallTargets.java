package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the method of the analysed sources that a call invokes, by name and arity. */
final class CallTargets {
  private final TypeResolver types;

  CallTargets(TypeResolver types) {
    this.types = types;
  }

  /**
   * The project method a call invokes, when it is declared in the analysed sources; null otherwise.
   */
  MethodDeclaration target(MethodCallExpr call) {
    return find(call, true);
  }

  /**
   * The project method a call invokes, with or without a body (a repository interface's query
   * method); null when not declared in the analysed sources.
   */
  MethodDeclaration declaration(MethodCallExpr call) {
    return find(call, false);
  }

  /**
   * The methods with a body that implement or override an abstract method of the sources, in the
   * types of the sources that extend its type: what a call on an interface ({@code
   * orderDao.save(o)} with {@code OrderDao} an interface) runs. Empty when the sources hold none.
   */
  static List<MethodDeclaration> implementations(MethodDeclaration declared, TypeResolver types) {
    if (!(declared.getParentNode().orElse(null) instanceof TypeDeclaration<?> owner)) {
      return List.of();
    }
    String ownerName = owner.getFullyQualifiedName().orElse(null);
    if (ownerName == null) {
      return List.of();
    }
    return implementations(
        ownerName, declared.getNameAsString(), declared.getParameters().size(), types);
  }

  /**
   * The methods with a body, named so and with that many parameters, of the analysed types that
   * extend {@code type}; also when {@code type} itself is not among the analysed files (an
   * interface that mentions no transaction word is not read, its implementations are).
   */
  static List<MethodDeclaration> implementations(
      String type, String name, int arity, TypeResolver types) {
    List<MethodDeclaration> result = new ArrayList<>();
    for (TypeInfo subtype : types.index().subtypes(type)) {
      MethodDeclaration found = methodIn(subtype.declaration(), name, arity, true);
      if (found != null) {
        result.add(found);
      }
    }
    return result;
  }

  private MethodDeclaration find(MethodCallExpr call, boolean withBody) {
    String name = call.getNameAsString();
    int arity = call.getArguments().size();
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty() || scope.get() instanceof ThisExpr) {
      for (Node n = call; n != null; n = n.getParentNode().orElse(null)) {
        if (n instanceof TypeDeclaration<?> type) {
          MethodDeclaration found = methodIn(type, name, arity, withBody);
          if (found != null) {
            return found;
          }
          String owner = type.getFullyQualifiedName().orElse(null);
          found = owner == null ? null : inherited(owner, name, arity, withBody);
          if (found != null) {
            return found;
          }
        }
      }
      String imported = types.names().staticImportOwner(name);
      return imported == null ? null : declaredOrInherited(imported, name, arity, withBody);
    }
    if (scope.get() instanceof SuperExpr) {
      String owner = types.enclosingTypeName(call);
      return owner == null ? null : inherited(owner, name, arity, withBody);
    }
    String type = types.typeOf(scope.get());
    if (type == null) {
      type = types.staticType(scope.get());
    }
    return type == null ? null : declaredOrInherited(type, name, arity, withBody);
  }

  /**
   * The method of the sources named so, with that many parameters, that the type declares or
   * inherits (with or without a body); null when there is none in the sources.
   */
  MethodDeclaration member(String type, String name, int arity) {
    return declaredOrInherited(type, name, arity, false);
  }

  private MethodDeclaration declaredOrInherited(
      String type, String name, int arity, boolean withBody) {
    TypeInfo info = types.index().type(type);
    MethodDeclaration found =
        info == null ? null : methodIn(info.declaration(), name, arity, withBody);
    return found != null ? found : inherited(type, name, arity, withBody);
  }

  private MethodDeclaration inherited(String type, String name, int arity, boolean withBody) {
    for (String supertype : types.index().supertypes(type)) {
      TypeInfo info = types.index().type(supertype);
      MethodDeclaration found =
          info == null ? null : methodIn(info.declaration(), name, arity, withBody);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static MethodDeclaration methodIn(
      TypeDeclaration<?> type, String name, int arity, boolean withBody) {
    for (MethodDeclaration m : type.getMethodsByName(name)) {
      if (m.getParameters().size() == arity && (m.getBody().isPresent() || !withBody)) {
        return m;
      }
    }
    return null;
  }
}
