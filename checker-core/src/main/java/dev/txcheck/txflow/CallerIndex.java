package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who calls a method of the analysed sources, and whether any caller runs it in a transaction.
 * Built on first use (few methods ever ask) and shared by all workers.
 */
public final class CallerIndex {
  private static final int MAX_DEPTH = 3;

  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final HelperSummaries summaries;
  private volatile Map<String, List<MethodCallExpr>> byName;
  private final Map<MethodDeclaration, Boolean> transactional =
      Collections.synchronizedMap(new IdentityHashMap<>());

  CallerIndex(ApiCatalog catalog, ProjectIndex index, HelperSummaries summaries) {
    this.catalog = catalog;
    this.index = index;
    this.summaries = summaries;
  }

  /**
   * True when some call of the sources may run the method inside a transaction: the calling body is
   * transactional, or is itself called so, a few levels up; a call whose receiver type is unknown
   * counts as a possible caller. False means every caller found runs without one.
   */
  public boolean mayRunInTransaction(MethodDeclaration method) {
    return mayRunInTransaction(method, 0);
  }

  /** True when the analysed sources call the method (or a same-named method of unknown type). */
  public boolean hasCallers(MethodDeclaration method) {
    return !callersOf(method).isEmpty();
  }

  private boolean mayRunInTransaction(MethodDeclaration method, int depth) {
    Boolean cached = transactional.get(method);
    if (cached != null) {
      return cached;
    }
    if (depth > MAX_DEPTH) {
      return true; // too far to tell: assume it may
    }
    transactional.put(method, Boolean.FALSE); // recursion: a cycle adds nothing
    boolean result = false;
    for (MethodCallExpr call : callersOf(method)) {
      Node body = Bodies.bodyOf(call);
      if (body == null) {
        continue;
      }
      CallClassifier calls = classifierFor(call);
      if (calls == null || new DeclarativeTx(calls).of(body).isPresent()) {
        result = true;
      } else if (body instanceof MethodDeclaration outer) {
        result = mayRunInTransaction(outer, depth + 1);
      } else {
        result = true; // a lambda or initializer: when it runs is unknown
      }
      if (result) {
        break;
      }
    }
    transactional.put(method, result);
    return result;
  }

  private List<MethodCallExpr> callersOf(MethodDeclaration method) {
    List<MethodCallExpr> result = new ArrayList<>();
    String key = method.getNameAsString() + "/" + method.getParameters().size();
    for (MethodCallExpr call : calls().getOrDefault(key, List.of())) {
      CallClassifier calls = classifierFor(call);
      if (calls == null) {
        continue;
      }
      MethodDeclaration target = calls.declaration(call);
      boolean unknownReceiver =
          target == null
              && call.getScope().isPresent()
              && calls.types().typeOf(call.getScope().get()) == null;
      if (target == method
          || unknownReceiver
          || overrides(method, target)
          || (target == null && throughLibrarySupertype(method, call, calls))) {
        result.add(call);
      }
    }
    return result;
  }

  /** A call on a receiver typed as a library supertype of the method's class. */
  private boolean throughLibrarySupertype(
      MethodDeclaration method, MethodCallExpr call, CallClassifier calls) {
    String own = ownerName(method);
    if (own == null || call.getScope().isEmpty()) {
      return false;
    }
    String receiver = calls.types().typeOf(call.getScope().get());
    return receiver != null && index.supertypes(own).contains(receiver);
  }

  /** A call through an interface or superclass method that {@code method} implements. */
  private boolean overrides(MethodDeclaration method, MethodDeclaration target) {
    if (target == null) {
      return false;
    }
    String own = ownerName(method);
    String declared = ownerName(target);
    return own != null && declared != null && index.supertypes(own).contains(declared);
  }

  private static String ownerName(MethodDeclaration method) {
    return method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        ? type.getFullyQualifiedName().orElse(null)
        : null;
  }

  private CallClassifier classifierFor(MethodCallExpr call) {
    CompilationUnit cu = call.findCompilationUnit().orElse(null);
    return cu == null ? null : new CallClassifier(new TypeResolver(cu, index, catalog), summaries);
  }

  private Map<String, List<MethodCallExpr>> calls() {
    Map<String, List<MethodCallExpr>> built = byName;
    if (built == null) {
      synchronized (this) {
        if (byName == null) {
          byName = build();
        }
        built = byName;
      }
    }
    return built;
  }

  private Map<String, List<MethodCallExpr>> build() {
    Set<CompilationUnit> units = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TypeInfo type : index.types()) {
      type.declaration().findCompilationUnit().ifPresent(units::add);
    }
    Map<String, List<MethodCallExpr>> result = new HashMap<>();
    for (CompilationUnit cu : units) {
      for (MethodCallExpr call : cu.findAll(MethodCallExpr.class)) {
        String key = call.getNameAsString() + "/" + call.getArguments().size();
        result.computeIfAbsent(key, k -> new ArrayList<>()).add(call);
      }
    }
    return result;
  }
}
