package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.txcheck.types.Members;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The calls and method references of the sources that may invoke a given method, found by the
 * resolved type of their receiver, never by name and arity alone: a call on an interface reaches
 * the implementations of the sources, a call on a subclass reaches the method it inherits, a call
 * whose receiver cannot be resolved reaches nothing. Calls in test code are left out: they do not
 * say how the application runs the method. Not thread-safe: {@link CallerIndex} guards it.
 */
final class CallSites {
  /** Skipped files read at most for the callers of one method name. */
  private static final int MAX_SKIPPED_FILES = 300;

  private final ProjectIndex index;
  private final Function<CompilationUnit, CallClassifier> classifiers;

  /** Each file's sites by name, kept with its tree while the analysis holds it. */
  private final Object sitesKey = new Object();

  /** The parsed files whose text calls or references a name, in a stable order. */
  private Map<String, List<String>> parsed;

  CallSites(ProjectIndex index, Function<CompilationUnit, CallClassifier> classifiers) {
    this.index = index;
    this.classifiers = classifiers;
  }

  /**
   * The sites that may invoke {@code method}, in a stable order; null when too many files the
   * prefilter skipped would have to be read to tell.
   */
  List<Node> of(MethodDeclaration method) {
    String owner = ownerName(method);
    if (owner == null) {
      return List.of(); // a method of an anonymous or local class: no receiver type names it
    }
    String name = method.getNameAsString();
    Optional<List<CompilationUnit>> skipped = index.onDemand().calling(name, MAX_SKIPPED_FILES);
    if (skipped.isEmpty()) {
      return null;
    }
    List<Node> result = new ArrayList<>();
    Reads.called(name);
    for (String path : parsedFiles().getOrDefault(name, List.of())) {
      CompilationUnit unit = index.units().scan(path);
      if (unit != null) {
        result.addAll(sitesReaching(unit, name, method, owner));
      }
    }
    for (CompilationUnit unit : skipped.get()) {
      result.addAll(sitesReaching(unit, name, method, owner));
    }
    return result;
  }

  /**
   * The sites of a file that may invoke the method. The file was only scanned: when it has such
   * sites, its tree is pinned (the caller will look at them), read again if it was let go
   * meanwhile.
   */
  private List<Node> sitesReaching(
      CompilationUnit scanned, String name, MethodDeclaration method, String owner) {
    List<Node> found = reachingIn(scanned, name, method, owner);
    String path = SourceUnits.pathOf(scanned);
    if (found.isEmpty() || path == null) {
      return found;
    }
    CompilationUnit pinned = index.units().unit(path);
    return pinned == scanned || pinned == null ? found : reachingIn(pinned, name, method, owner);
  }

  private List<Node> reachingIn(
      CompilationUnit unit, String name, MethodDeclaration method, String owner) {
    List<Node> result = new ArrayList<>();
    for (Node site : sitesIn(unit).getOrDefault(name, List.of())) {
      if (!TestCode.isTestCode(site)
          && (!method.isPrivate() || sameTopLevelType(site, method))
          && reaches(site, method, owner)) {
        result.add(site);
      }
    }
    return result;
  }

  private boolean reaches(Node site, MethodDeclaration method, String owner) {
    CompilationUnit unit = site.findCompilationUnit().orElse(null);
    if (unit == null) {
      return false;
    }
    CallClassifier calls = classifiers.apply(unit);
    if (site instanceof MethodCallExpr call) {
      if (!arityFits(call.getArguments().size(), method)) {
        return false;
      }
      if (call.getScope().orElse(null) instanceof SuperExpr) {
        String enclosing = calls.types().enclosingTypeName(call);
        return enclosing != null && !enclosing.equals(owner) && index.isSubtype(enclosing, owner);
      }
      String receiver = receiverType(call, call.getScope().orElse(null), owner, calls);
      return receiver != null
          && dispatchesTo(receiver, owner, method)
          && rightOverload(call, method, calls.types());
    }
    MethodReferenceExpr reference = (MethodReferenceExpr) site;
    Expression scope = reference.getScope();
    String receiver =
        scope instanceof TypeExpr type
            ? referencedType(reference, type, calls.types())
            : receiverType(reference, scope, owner, calls);
    return receiver != null && dispatchesTo(receiver, owner, method);
  }

  /**
   * The type a call is made on: the scope's type, or for a call without one the enclosing class (or
   * anonymous class) that inherits or declares the method.
   */
  private String receiverType(Node site, Expression scope, String owner, CallClassifier calls) {
    TypeResolver types = calls.types();
    if (scope == null || scope instanceof ThisExpr) {
      for (Node n = site.getParentNode().orElse(null);
          n != null;
          n = n.getParentNode().orElse(null)) {
        String type = enclosingTypeOf(n, types);
        if (type != null
            && (type.equals(owner)
                || index.isSubtype(type, owner)
                || index.isSubtype(owner, type))) {
          return type;
        }
      }
      return scope == null && site instanceof MethodCallExpr call
          ? types.names().staticImportOwner(call.getNameAsString())
          : null;
    }
    if (scope instanceof SuperExpr) {
      return null;
    }
    String type = types.typeOf(scope);
    if (type == null) {
      type = types.staticType(scope);
    }
    if (type == null && scope instanceof MethodCallExpr chained) {
      type = returnType(chained, calls);
    }
    return type;
  }

  /**
   * {@code Ticket::getId} names a type, {@code archive::close} a variable: the parser cannot tell
   * them apart, a variable in scope can.
   */
  private static String referencedType(
      MethodReferenceExpr reference, TypeExpr scope, TypeResolver types) {
    if (scope.getType() instanceof ClassOrInterfaceType written && written.getScope().isEmpty()) {
      Optional<Variable> variable = types.variableAt(reference, written.getNameAsString());
      if (variable.isPresent()) {
        return variable.get().type();
      }
    }
    return TypeNames.of(scope.getType(), types.names());
  }

  private static String enclosingTypeOf(Node node, TypeResolver types) {
    if (node instanceof TypeDeclaration<?> type) {
      return type.getFullyQualifiedName().orElse(null);
    }
    if (node instanceof ObjectCreationExpr creation
        && creation.getAnonymousClassBody().isPresent()) {
      return TypeNames.of(creation.getType(), types.names());
    }
    return null;
  }

  /**
   * The declared return type of a method of the sources, so that {@code service().save(x)}
   * resolves; null for type variables and methods outside the sources.
   */
  private String returnType(MethodCallExpr call, CallClassifier calls) {
    MethodDeclaration target = calls.declaration(call);
    if (target == null || !target.getType().isClassOrInterfaceType()) {
      return null;
    }
    CompilationUnit unit = target.findCompilationUnit().orElse(null);
    String type = unit == null ? null : TypeNames.of(target.getType(), index.names(unit));
    return type != null && type.contains(".") ? type : null;
  }

  /**
   * A call on {@code receiver} may run the method of {@code owner}: the same class; a supertype (an
   * interface the class implements, through it or a subclass of the sources); or a subclass that
   * inherits the method without overriding it.
   */
  private boolean dispatchesTo(String receiver, String owner, MethodDeclaration method) {
    if (receiver.equals(owner) || index.isSubtype(owner, receiver)) {
      return true;
    }
    if (index.isSubtype(receiver, owner)) {
      return !overriddenBelow(receiver, owner, method);
    }
    for (String subtype : index.subtypes(owner)) {
      if (index.isSubtype(subtype, receiver) && !overriddenBelow(subtype, owner, method)) {
        return true; // JpaRuleChainDao implements RuleChainDao and inherits save from its base
      }
    }
    return false;
  }

  /** A class between {@code type} (included) and {@code owner} declares the method again. */
  private boolean overriddenBelow(String type, String owner, MethodDeclaration method) {
    List<String> between = new ArrayList<>();
    between.add(type);
    for (String supertype : index.supertypes(type)) {
      if (!supertype.equals(owner) && index.isSubtype(supertype, owner)) {
        between.add(supertype);
      }
    }
    for (String candidate : between) {
      TypeInfo info = index.sourceType(candidate);
      if (info != null && declaresSame(info.declaration(), method)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresSame(TypeDeclaration<?> type, MethodDeclaration method) {
    return !Members.withBody(type, method.getNameAsString(), method.getParameters().size())
        .isEmpty();
  }

  private static boolean arityFits(int arguments, MethodDeclaration method) {
    List<Parameter> parameters = method.getParameters();
    boolean varargs = !parameters.isEmpty() && parameters.get(parameters.size() - 1).isVarArgs();
    return varargs ? arguments >= parameters.size() - 1 : arguments == parameters.size();
  }

  /** Overloads of the same arity: the argument types must not pick another one. */
  private static boolean rightOverload(
      MethodCallExpr call, MethodDeclaration method, TypeResolver types) {
    MethodDeclaration picked = Overloads.pick(call, method, types);
    return picked == null || picked == method;
  }

  /** Only code of the same top-level class can call a private method. */
  private static boolean sameTopLevelType(Node site, MethodDeclaration method) {
    return topLevelType(site) == topLevelType(method);
  }

  private static Node topLevelType(Node node) {
    Node top = null;
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?>) {
        top = n;
      }
    }
    return top;
  }

  static String ownerName(MethodDeclaration method) {
    return method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        ? type.getFullyQualifiedName().orElse(null)
        : null;
  }

  /**
   * Built on first use from the files' text, not their trees, which the analysis may have let go: a
   * superset, that {@link #sitesIn} narrows. Files in the order of their package and first type.
   */
  private Map<String, List<String>> parsedFiles() {
    if (parsed == null) {
      Map<String, List<String>> all = new HashMap<>();
      for (String path : index.parsedFiles()) {
        for (String name : index.units().calledNames(path)) {
          all.computeIfAbsent(name, k -> new ArrayList<>()).add(path);
        }
      }
      parsed = all;
    }
    return parsed;
  }

  private Map<String, List<Node>> sitesIn(CompilationUnit unit) {
    return index
        .units()
        .attached(
            unit,
            sitesKey,
            cu -> {
              Map<String, List<Node>> sites = new HashMap<>();
              for (MethodCallExpr call : cu.findAll(MethodCallExpr.class)) {
                sites.computeIfAbsent(call.getNameAsString(), k -> new ArrayList<>()).add(call);
              }
              for (MethodReferenceExpr reference : cu.findAll(MethodReferenceExpr.class)) {
                sites
                    .computeIfAbsent(reference.getIdentifier(), k -> new ArrayList<>())
                    .add(reference);
              }
              return sites;
            });
  }
}
