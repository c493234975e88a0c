package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.txcheck.types.Members;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the method of the analysed sources that a call invokes, by name and arity. */
final class CallTargets {
  private static final int MAX_IMPLEMENTATIONS = 4;

  private final TypeResolver types;

  CallTargets(TypeResolver types) {
    this.types = types;
  }

  /**
   * The constructor of the sources a creation runs: the only one of that arity (or whose varargs
   * take the arguments); null when the class is not in the sources or the arity does not decide.
   */
  ConstructorDeclaration constructor(ObjectCreationExpr creation) {
    if (creation.getAnonymousClassBody().isPresent()) {
      return null;
    }
    String type = types.typeOf(creation);
    TypeInfo info = type == null ? null : types.index().type(type);
    if (info == null) {
      return null;
    }
    int arity = creation.getArguments().size();
    ConstructorDeclaration found = null;
    for (ConstructorDeclaration constructor : info.declaration().getConstructors()) {
      int params = constructor.getParameters().size();
      boolean fits =
          params == arity
              || (params > 0
                  && constructor.getParameter(params - 1).isVarArgs()
                  && arity >= params - 1);
      if (fits) {
        if (found != null) {
          return null;
        }
        found = constructor;
      }
    }
    return found;
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
   * The method of the sources a reference to a method of this object ({@code this::save}) names:
   * the only method of that name with a body in the nearest of the enclosing class and its
   * superclasses that declares one; null when there is none or several (overloads: the functional
   * interface would pick one).
   */
  MethodDeclaration referenced(MethodReferenceExpr reference) {
    if (!(reference.getScope() instanceof ThisExpr)) {
      return null;
    }
    String owner = types.enclosingTypeName(reference);
    if (owner == null) {
      return null;
    }
    List<String> lineage = new ArrayList<>();
    lineage.add(owner);
    lineage.addAll(types.index().supertypes(owner));
    for (String type : lineage) {
      TypeInfo info = types.index().type(type);
      List<MethodDeclaration> named =
          info == null
              ? List.of()
              : Members.methodsNamed(info.declaration(), reference.getIdentifier()).stream()
                  .filter(m -> m.getBody().isPresent())
                  .toList();
      if (!named.isEmpty()) {
        return named.size() == 1 ? named.get(0) : null; // the nearest class that declares it
      }
    }
    return null;
  }

  /**
   * The methods of the parsed sources that a call on an interface or abstract type of the sources
   * may run: the implementations its subclasses declare or inherit. Empty when the call has no
   * receiver of such a type, or when more than {@link #MAX_IMPLEMENTATIONS} classes implement it (a
   * generic interface says nothing about one call).
   */
  List<MethodDeclaration> implementations(MethodCallExpr call) {
    Optional<Expression> scope = call.getScope();
    if (scope.isEmpty() || scope.get() instanceof ThisExpr || scope.get() instanceof SuperExpr) {
      return List.of();
    }
    String receiver = types.typeOf(scope.get());
    if (receiver == null || types.index().sourceType(receiver) == null) {
      return List.of();
    }
    List<String> subtypes = types.index().subtypes(receiver);
    List<MethodDeclaration> found = new ArrayList<>();
    String name = call.getNameAsString();
    int arity = call.getArguments().size();
    for (String subtype : subtypes) {
      MethodDeclaration method = declaredOrInherited(subtype, name, arity, true);
      if (method != null && !Bodies.containsSame(found, method)) {
        found.add(method);
      }
    }
    return found.size() <= MAX_IMPLEMENTATIONS ? found : List.of();
  }

  /**
   * The methods with a body, named so and with that many parameters, of the analysed types that
   * extend {@code type}; also when {@code type} itself is not among the analysed files (an
   * interface that mentions no transaction word is not read, its implementations are).
   */
  static List<MethodDeclaration> implementations(
      String type, String name, int arity, TypeResolver types) {
    List<MethodDeclaration> result = new ArrayList<>();
    for (String subtypeName : types.index().subtypes(type)) {
      TypeInfo subtype = types.index().type(subtypeName);
      MethodDeclaration found =
          subtype == null ? null : methodIn(subtype.declaration(), name, arity, true);
      if (found != null) {
        result.add(found);
      }
    }
    return result;
  }

  private MethodDeclaration find(MethodCallExpr call, boolean withBody) {
    MethodDeclaration found = findByArity(call, withBody);
    return found == null ? null : Overloads.pick(call, found, types);
  }

  private MethodDeclaration findByArity(MethodCallExpr call, boolean withBody) {
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
    TypeInfo info = typeInfo(type, withBody);
    MethodDeclaration found =
        info == null ? null : methodIn(info.declaration(), name, arity, withBody);
    return found != null ? found : inherited(type, name, arity, withBody);
  }

  private MethodDeclaration inherited(String type, String name, int arity, boolean withBody) {
    for (String supertype : types.index().supertypes(type)) {
      TypeInfo info = typeInfo(supertype, withBody);
      MethodDeclaration found =
          info == null ? null : methodIn(info.declaration(), name, arity, withBody);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * A declaration without a body (a mapper's annotated query method) may sit in a file the
   * prefilter skipped; a method whose body rules summarise must be among the parsed files.
   */
  private TypeInfo typeInfo(String type, boolean withBody) {
    return withBody ? types.index().type(type) : types.index().sourceType(type);
  }

  /** The method of that name and arity, else one whose varargs parameter takes the arguments. */
  private static MethodDeclaration methodIn(
      TypeDeclaration<?> type, String name, int arity, boolean withBody) {
    MethodDeclaration varargs = null;
    for (MethodDeclaration m : Members.methodsNamed(type, name)) {
      if (m.getBody().isEmpty() && withBody) {
        continue;
      }
      int params = m.getParameters().size();
      if (params == arity) {
        return m;
      }
      if (params > 0 && m.getParameter(params - 1).isVarArgs() && arity >= params - 1) {
        varargs = varargs == null ? m : varargs;
      }
    }
    return varargs;
  }
}
