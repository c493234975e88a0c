package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeResolver;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Summaries of the analysed sources' own methods, so that {@code rollbackQuietly(conn)} counts as a
 * rollback of {@code conn} at its call sites, in any file. Computed on first use and shared by all
 * workers.
 */
public final class HelperSummaries {
  private static final int MAX_DEPTH = 4;

  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final Map<MethodDeclaration, MethodSummary> cache =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final ThreadLocal<Map<MethodDeclaration, Boolean>> inProgress =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private final CallerIndex callers;
  private final ThrownTypes thrownTypes;

  private static final int MAX_WORK_DEPTH = 8;
  private final Map<MethodDeclaration, Boolean> work =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final ThreadLocal<Map<MethodDeclaration, Boolean>> workInProgress =
      ThreadLocal.withInitial(IdentityHashMap::new);
  private final ThreadLocal<int[]> workCuts = ThreadLocal.withInitial(() -> new int[1]);

  public HelperSummaries(ApiCatalog catalog, ProjectIndex index) {
    this.catalog = catalog;
    this.index = index;
    this.callers = new CallerIndex(catalog, index, this);
    this.thrownTypes = new ThrownTypes(catalog, index, this);
  }

  /**
   * Answers of {@link CheckedThrows}, by method and exception: a rule asks them for a method and
   * for its siblings in the class, from every worker.
   */
  private final Map<MethodDeclaration, Map<String, Optional<Node>>> thrownAfterWork =
      Collections.synchronizedMap(new IdentityHashMap<>());

  Map<MethodDeclaration, Map<String, Optional<Node>>> thrownAfterWork() {
    return thrownAfterWork;
  }

  /** Which exceptions the sources' code may throw; shared like the summaries. */
  ThrownTypes thrownTypes() {
    return thrownTypes;
  }

  /** Who calls the sources' methods; shared like the summaries. */
  CallerIndex callers() {
    return callers;
  }

  MethodSummary summaryOf(MethodDeclaration method) {
    MethodSummary cached = cache.get(method);
    if (cached != null) {
      return cached;
    }
    Map<MethodDeclaration, Boolean> active = inProgress.get();
    if (active.containsKey(method) || active.size() >= MAX_DEPTH || method.getBody().isEmpty()) {
      return MethodSummary.NONE; // recursion, or a chain too deep to matter
    }
    active.put(method, Boolean.TRUE);
    try {
      MethodSummary summary = compute(method);
      cache.put(method, summary);
      return summary;
    } finally {
      active.remove(method);
    }
  }

  private MethodSummary compute(MethodDeclaration method) {
    CompilationUnit cu = method.findCompilationUnit().orElse(null);
    if (cu == null) {
      return MethodSummary.NONE;
    }
    CallClassifier calls = new CallClassifier(new TypeResolver(cu, index, catalog), this);
    Map<String, Integer> parameterKeys = new HashMap<>();
    List<Parameter> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      parameterKeys.put(calls.parameterKey(parameters.get(i)).id(), i);
    }
    Map<Integer, Set<Effect>> effects = new HashMap<>();
    Map<Integer, Set<Effect>> certain = new HashMap<>();
    boolean data = false;
    boolean writes = false;
    boolean undoesAmbient = false;
    for (MethodCallExpr call : Bodies.callsIn(method)) {
      CallFacts facts = calls.classify(call);
      data |= facts.data();
      writes |= facts.write();
      for (TxEvent event : facts.events()) {
        Integer index = parameterKeys.get(event.handle().id());
        undoesAmbient |= index == null && event.effect().undoes();
        if (index != null) {
          effects.computeIfAbsent(index, k -> EnumSet.noneOf(Effect.class)).add(event.effect());
          if (event.certain() && isUnconditional(call, method)) {
            certain.computeIfAbsent(index, k -> EnumSet.noneOf(Effect.class)).add(event.effect());
          }
        }
      }
    }
    return new MethodSummary(
        Map.copyOf(effects),
        Map.copyOf(certain),
        undoesAmbient,
        alwaysThrows(method, calls),
        data,
        writes);
  }

  /**
   * True when the method does data work that a commit makes permanent ({@link Work#doesWork} for
   * one of its calls), itself or through the methods it calls. Kept apart from {@link #summaryOf},
   * whose answers other rules read: following implementations of interfaces here must not change
   * which summaries are computed how deep.
   */
  boolean doesWork(MethodDeclaration method) {
    Boolean cached = work.get(method);
    if (cached != null) {
      return cached;
    }
    Map<MethodDeclaration, Boolean> active = workInProgress.get();
    if (active.containsKey(method)) {
      return false; // a recursion: the method that runs it looks at the rest of its body
    }
    if (active.size() >= MAX_WORK_DEPTH) {
      workCuts.get()[0]++;
      return true; // too deep to follow: taken as work
    }
    CompilationUnit cu = method.findCompilationUnit().orElse(null);
    if (cu == null || method.getBody().isEmpty()) {
      return false;
    }
    active.put(method, Boolean.TRUE);
    int cutsBefore = workCuts.get()[0];
    try {
      CallClassifier calls = new CallClassifier(new TypeResolver(cu, index, catalog), this);
      boolean result = false;
      for (MethodCallExpr call : Bodies.callsIn(method)) {
        if (Work.doesWork(call, calls)) {
          result = true;
          break;
        }
      }
      if (workCuts.get()[0] == cutsBefore) {
        work.put(method, result); // an answer under a depth cut depends on who asked first
      }
      return result;
    } finally {
      active.remove(method);
    }
  }

  /**
   * A call that runs whenever the method returns normally: not under a condition, a loop or a
   * catch.
   */
  private static boolean isUnconditional(MethodCallExpr call, MethodDeclaration method) {
    Node child = call;
    for (Node parent = call.getParentNode().orElse(null);
        parent != null && parent != method;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      boolean branch =
          (parent instanceof IfStmt ifStmt && ifStmt.getCondition() != child)
              || parent instanceof ConditionalExpr
              || parent instanceof SwitchEntry
              || parent instanceof CatchClause
              || parent instanceof LambdaExpr
              || parent instanceof BinaryExpr
              || parent instanceof ForStmt
              || parent instanceof ForEachStmt
              || parent instanceof WhileStmt
              || parent instanceof DoStmt;
      if (branch) {
        return false;
      }
    }
    return true;
  }

  /** A method whose body ends in a throw (or a call that always throws) and has no return. */
  private static boolean alwaysThrows(MethodDeclaration method, CallClassifier calls) {
    BlockStmt body = method.getBody().orElseThrow();
    if (body.getStatements().isEmpty() || Bodies.contains(body, ReturnStmt.class)) {
      return false;
    }
    Statement last = body.getStatements().getLast().orElseThrow();
    if (last instanceof ThrowStmt) {
      return true;
    }
    if (last instanceof ExpressionStmt expr
        && expr.getExpression() instanceof MethodCallExpr call) {
      return calls.classify(call).alwaysThrows();
    }
    return false;
  }
}
