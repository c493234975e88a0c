package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a catch clause takes from its try block, by the types of the exceptions (see {@link
 * ThrownTypes}), and whether taking it can lose data work: a failed data call, a failure after work
 * of the try completed, a failed commit.
 */
public final class CaughtFailures {
  /** A node of the try block whose exceptions the clause may take, with the parts it takes. */
  public record Taken(Node thrower, List<ThrownTypes.Thrown> parts) {}

  private final CatchClause clause;
  private final TryStmt tryStmt;
  private final CallClassifier calls;
  private final List<Taken> taken = new ArrayList<>();
  private final Map<MethodCallExpr, Boolean> work = new IdentityHashMap<>();

  public CaughtFailures(CatchClause clause, CallClassifier calls) {
    this.clause = clause;
    this.tryStmt = (TryStmt) clause.getParentNode().orElseThrow();
    this.calls = calls;
    ThrownTypes thrown = calls.thrownTypes();
    for (Node thrower : ThrownTypes.throwersIn(tryStmt.getTryBlock())) {
      List<ThrownTypes.Thrown> parts = thrown.takenBy(clause, thrower, calls);
      if (!parts.isEmpty()) {
        taken.add(new Taken(thrower, parts));
      }
    }
  }

  public List<Taken> taken() {
    return taken;
  }

  /** True when the clause may take an exception that {@code call} throws. */
  public boolean takesFrom(Node call) {
    return taken.stream().anyMatch(t -> t.thrower() == call);
  }

  /**
   * The data calls of the try whose failure the clause may take, in source order. A harmless
   * failure ({@code NoResultException}, {@code EmptyResultDataAccessException}, a DAO's own
   * not-found exception) of a call that is no transactional proxy does not count: it leaves the
   * transaction usable and nothing half done.
   */
  public List<MethodCallExpr> dataFailures() {
    List<MethodCallExpr> result = new ArrayList<>();
    ThrownTypes thrown = calls.thrownTypes();
    for (Taken t : taken) {
      if (!(t.thrower() instanceof MethodCallExpr call)) {
        continue;
      }
      CallFacts facts = calls.classify(call);
      if (!facts.data() || calls.runsApart(call)) {
        continue; // a REQUIRES_NEW method of another bean rolled its own work back
      }
      if (facts.proxy() || !t.parts().stream().allMatch(thrown::isHarmless)) {
        result.add(call);
      }
    }
    return result;
  }

  /**
   * Whether there are data calls whose failure the clause takes, and every one works on one of
   * these handles: a call on it, or on a statement or result set it made (a connection the body
   * opened).
   */
  public boolean failuresOnlyOn(Predicate<HandleKey> handles) {
    List<MethodCallExpr> failures = dataFailures();
    return !failures.isEmpty()
        && failures.stream()
            .allMatch(
                call ->
                    call.getScope()
                        .map(s -> calls.makersOf(s).stream().anyMatch(handles))
                        .orElse(false));
  }

  /**
   * The commits of the try (catalogued calls, not helpers that commit inside) whose failure the
   * clause takes, after data work of the body completed on some path: work that the failed commit
   * lost. Not judged: a commit with no work before it in the body (a reset of auto-commit before a
   * connection goes back to its pool, a commit after reads), a commit in a finally or catch block
   * (cleanup), and a clause that catches only a narrower exception than a commit fails with (a
   * {@code BatchUpdateException}, meant for the batch before it).
   */
  public List<MethodCallExpr> failedCommits(Cfg cfg) {
    List<MethodCallExpr> result = new ArrayList<>();
    for (Taken t : taken) {
      if (t.thrower() instanceof MethodCallExpr call
          && calls.types().catalogMatches(call).stream().anyMatch(a -> a.has(Effect.COMMIT))
          && !inCleanup(call)
          && takesWhole(t, call)
          && (Paths.completedBefore(cfg.nodesFor(call), this::isWork, node -> true)
              || endsCallersTransaction(cfg, call))) {
        result.add(call);
      }
    }
    return result;
  }

  /**
   * A commit of a transaction the method received through a parameter, not yet ended on the way to
   * it: the method ends its callers' transaction ({@code closeTransaction(con, abort)}), so the
   * work a failed commit loses is theirs. Not after the method ended it already, and not a reset of
   * auto-commit ({@code setAutoCommit(true)} commits too), which helpers do when a connection goes
   * back to its pool, after its transaction ended.
   */
  private boolean endsCallersTransaction(Cfg cfg, MethodCallExpr commit) {
    if (!(Bodies.bodyOf(commit) instanceof CallableDeclaration<?> method)
        || resetsAutoCommit(commit)) {
      return false;
    }
    Set<HandleKey> received = new HashSet<>();
    for (Parameter parameter : method.getParameters()) {
      received.add(calls.parameterKey(parameter));
    }
    Set<HandleKey> committed = new HashSet<>();
    for (TxEvent event : calls.classify(commit).events()) {
      if (event.effect() == Effect.COMMIT && received.contains(event.handle())) {
        committed.add(event.handle());
      }
    }
    Predicate<CfgNode> endsFirst =
        node ->
            node.kind() == NodeKind.CALL
                && calls.classify((MethodCallExpr) node.ast()).events().stream()
                    .anyMatch(e -> e.effect().ends() && committed.contains(e.handle()));
    return !committed.isEmpty()
        && !Paths.completedBefore(cfg.nodesFor(commit), endsFirst, node -> true);
  }

  /**
   * A catalogued commit whose failure the clause takes as a whole (as the catalog's {@code fails}
   * lines name it), or as what a failed commit throws ({@code commit-failure}: a JPA {@code
   * RollbackException}).
   */
  private boolean takesWhole(Taken t, MethodCallExpr call) {
    Set<String> failures = new HashSet<>(calls.types().catalog().commitFailures());
    for (ApiMethod api : calls.types().catalogMatches(call)) {
      if (api.has(Effect.COMMIT) && !api.anyOwner()) {
        failures.addAll(calls.types().catalog().failuresOf(api.ownerName()));
      }
    }
    return t.parts().stream()
        .anyMatch(
            part ->
                part.kind() == ThrownTypes.Thrown.Kind.FAMILY && failures.contains(part.type()));
  }

  /** True when every call of the block is a library's (a logger, {@code printStackTrace()}). */
  private boolean onlyLibraryCalls(Node block) {
    for (MethodCallExpr call : Bodies.callsIn(block)) {
      if (call.getScope().isEmpty() || calls.declaration(call) != null) {
        return false;
      }
      String receiver = calls.types().typeOf(call.getScope().get());
      if (receiver == null) {
        receiver = calls.types().staticType(call.getScope().get());
      }
      if (receiver == null || calls.types().index().type(receiver) != null) {
        return false;
      }
    }
    return true;
  }

  private boolean inCleanup(Node node) {
    Node body = Bodies.bodyOf(node);
    for (Node n = node.getParentNode().orElse(null);
        n != null && n != body;
        n = n.getParentNode().orElse(null)) {
      if (n instanceof CatchClause
          || (n.getParentNode().orElse(null) instanceof TryStmt t
              && t.getFinallyBlock().orElse(null) == n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a failure of {@code commit} that the clause takes can be swallowed: the clause only
   * logs it (it hands it to no code of the sources, which might record the failure or tell the
   * caller), and a path from the clause completes the body normally without rethrowing it, rolling
   * back (also under a guard such as {@code if (tx.isActive())} or {@code if (!committed)}), or
   * committing again (a retry).
   */
  public boolean swallowsFailedCommit(Cfg cfg, MethodCallExpr commit) {
    if (!onlyLibraryCalls(clause.getBody())) {
      return false;
    }
    Set<HandleKey> handles = new HashSet<>();
    calls.classify(commit).events().stream()
        .filter(e -> e.effect() == Effect.COMMIT)
        .forEach(e -> handles.add(e.handle()));
    Predicate<CfgNode> rethrown = rethrowsCollected(type -> true);
    Predicate<CfgNode> handled =
        node -> {
          if (node.kind() == NodeKind.CALL) {
            MethodCallExpr call = (MethodCallExpr) node.ast();
            CallFacts facts = calls.classify(call);
            return facts.alwaysThrows()
                || facts.undoes()
                || (facts.has(Effect.COMMIT) && !resetsAutoCommit(call));
          }
          return rethrown.test(node)
              || handles.stream()
                  .anyMatch(h -> Guards.endedBranch(node, h, calls, Effect::undoes).isPresent());
        };
    for (CfgNode entry : cfg.nodesFor(clause)) {
      if (entry.kind() == NodeKind.CATCH
          && Paths.reachNormally(cfg, entry, n -> n == cfg.normalExit(), handled).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code setAutoCommit(true)}: JDBC commits the pending work when auto-commit is switched on, but
   * code calls it to give a connection back to its pool after its transaction ended; after a failed
   * commit, which the database has rolled back, it saves nothing.
   */
  private static boolean resetsAutoCommit(MethodCallExpr call) {
    return call.getNameAsString().equals("setAutoCommit");
  }

  /**
   * A node whose exception the clause may take after data work of the same run of the try block
   * completed: the try stopped half way.
   */
  public Optional<Node> failureAfterWork(Cfg cfg) {
    Predicate<CfgNode> inTry = node -> inside(node, tryStmt.getTryBlock());
    for (Taken t : taken) {
      if (Paths.completedBefore(cfg.nodesFor(t.thrower()), this::isWork, inTry)) {
        return Optional.of(t.thrower());
      }
    }
    return Optional.empty();
  }

  /**
   * True when the clause takes failed reads that nothing depends on: every data call whose failure
   * it takes only reads (no write, no unit of work, no transactional proxy, which would have marked
   * the transaction rollback-only), no work completed before them, and none can follow the catch. A
   * variable the failed read was to fill stays null, so code under {@code if (x != null)} does not
   * run after the catch.
   */
  public boolean onlyLoneReadsFail(Cfg cfg) {
    List<MethodCallExpr> failures = dataFailures();
    if (failures.isEmpty()) {
      return false;
    }
    for (MethodCallExpr call : failures) {
      if (!isPlainRead(call)) {
        return false;
      }
      if (Paths.completedBefore(cfg.nodesFor(call), this::isWork, node -> true)) {
        return false;
      }
    }
    Set<String> nullAfterFailure = nullAfterFailure(failures);
    Predicate<CfgEdge> passable =
        edge ->
            nullAfterFailure.stream()
                .noneMatch(v -> Guards.nonNullEdge(edge.from(), v).orElse(null) == edge.kind());
    for (CfgNode entry : cfg.nodesFor(clause)) {
      if (entry.kind() == NodeKind.CATCH
          && Paths.reachNormally(cfg, entry, this::isWork, node -> false, passable).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the clause takes failed reads that the database never saw: every data call whose
   * failure it takes only reads, goes through no transactional proxy, fails (as far as the clause
   * takes it) only with exceptions raised in code ({@code IllegalArgumentException} of a search
   * that rejects its condition, the application's own), and is followed by no work in the try. The
   * transaction stays usable, the work before the try is whole, and the failure skips no write.
   */
  public boolean onlyReadsFailInCode(Cfg cfg) {
    List<MethodCallExpr> failures = dataFailures();
    if (failures.isEmpty()) {
      return false;
    }
    ThrownTypes thrown = calls.thrownTypes();
    Predicate<CfgNode> outsideTry = node -> !inside(node, tryStmt.getTryBlock());
    for (Taken t : taken) {
      if (!(t.thrower() instanceof MethodCallExpr call) || !failures.contains(call)) {
        continue;
      }
      if (!isPlainRead(call) || t.parts().stream().anyMatch(thrown::mayComeFromDatabase)) {
        return false;
      }
      for (CfgNode node : cfg.nodesFor(call)) {
        if (Paths.reachNormally(cfg, node, this::isWork, outsideTry).isPresent()) {
          return false; // the failure skips a write of the try
        }
      }
    }
    return true;
  }

  /**
   * Local variables that the try assigns from a failed call and nothing else assigns: {@code User
   * user = null; try { user = dao.find(login); } catch (...)}. They are null after the catch.
   */
  private Set<String> nullAfterFailure(List<MethodCallExpr> failures) {
    Set<String> result = new HashSet<>();
    Node body = Bodies.bodyOf(clause);
    if (body == null) {
      return result;
    }
    for (AssignExpr assign : Bodies.nodesIn(tryStmt.getTryBlock(), AssignExpr.class)) {
      if (assign.getOperator() != AssignExpr.Operator.ASSIGN
          || !(assign.getTarget() instanceof NameExpr target)
          || failures.stream().noneMatch(f -> Bodies.isWithin(f, assign.getValue()))) {
        continue;
      }
      Optional<Variable> variable = calls.types().variable(target);
      if (variable.isEmpty()
          || variable.get().kind() != Variable.Kind.LOCAL
          || !(variable.get().declaration() instanceof VariableDeclarator declarator)
          || !declarator.getInitializer().map(i -> i instanceof NullLiteralExpr).orElse(false)) {
        continue;
      }
      boolean assignedElsewhere =
          Bodies.nodesIn(body, AssignExpr.class).stream()
              .anyMatch(
                  other ->
                      other != assign
                          && other.getTarget() instanceof NameExpr name
                          && name.getNameAsString().equals(target.getNameAsString()));
      if (!assignedElsewhere) {
        result.add(target.getNameAsString());
      }
    }
    return result;
  }

  /**
   * Branch nodes after which the caught failure is thrown after all: the catch keeps the exception
   * in a local variable ({@code errors.add(e)}, {@code failure = e}) or records it in a status
   * variable ({@code httpCode = SC_BAD_REQUEST}, see {@link FailureFlags}), and an {@code if} that
   * finds the variable filled (or set) throws an exception that {@code rollsBack} accepts (by its
   * qualified type). Code that collects failures and throws them together at the end has postponed
   * them, not swallowed them.
   */
  public Predicate<CfgNode> rethrowsCollected(Predicate<String> rollsBack) {
    Set<String> collectors = collectors();
    FailureFlags flags = new FailureFlags(clause, calls);
    if (collectors.isEmpty() && flags.isEmpty()) {
      return node -> false;
    }
    return node -> {
      if (node.kind() != NodeKind.CONDITION
          || !(node.ast().getParentNode().orElse(null) instanceof IfStmt ifStmt)
          || ifStmt.getCondition() != node.ast()
          || (collectors.stream().noneMatch(v -> testsFilled(ifStmt.getCondition(), v))
              && !flags.testsFailure(ifStmt.getCondition()))) {
        return false;
      }
      Statement then = ifStmt.getThenStmt();
      if (then instanceof BlockStmt block && !block.getStatements().isEmpty()) {
        then = block.getStatements().getLast().orElseThrow();
      }
      if (!(then instanceof ThrowStmt thrown)) {
        return false;
      }
      for (ThrownTypes.Thrown t : calls.thrownTypes().thrownBy(thrown, calls)) {
        if (t.type() != null && !rollsBack.test(t.type())) {
          return false;
        }
      }
      return true;
    };
  }

  /** Local variables the catch block stores its exception in. */
  private Set<String> collectors() {
    String exception = clause.getParameter().getNameAsString();
    Set<String> result = new HashSet<>();
    for (MethodCallExpr call : Bodies.callsIn(clause.getBody())) {
      if (call.getScope().orElse(null) instanceof NameExpr scope
          && call.getArguments().stream().anyMatch(a -> mentions(a, exception))
          && isLocalOutside(scope)) {
        result.add(scope.getNameAsString());
      }
    }
    for (AssignExpr assign : Bodies.nodesIn(clause.getBody(), AssignExpr.class)) {
      if (assign.getTarget() instanceof NameExpr target
          && mentions(assign.getValue(), exception)
          && isLocalOutside(target)) {
        result.add(target.getNameAsString());
      }
    }
    return result;
  }

  private boolean isLocalOutside(NameExpr name) {
    return calls
        .types()
        .variable(name)
        .filter(v -> v.kind() == Variable.Kind.LOCAL && v.declaration() != null)
        .filter(v -> !Bodies.isWithin(v.declaration(), clause))
        .isPresent();
  }

  private static boolean mentions(Node node, String name) {
    return node instanceof NameExpr n && n.getNameAsString().equals(name)
        || node.findFirst(NameExpr.class, n -> n.getNameAsString().equals(name)).isPresent();
  }

  /**
   * A condition that holds when the collector has content: {@code !errors.isEmpty()}, {@code
   * errors.size() > 0}, {@code failure != null}, or a conjunction with one of them.
   */
  private static boolean testsFilled(Expression condition, String variable) {
    Expression core = Bodies.withoutParens(condition);
    if (core instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
        && unary.getExpression() instanceof MethodCallExpr call
        && call.getNameAsString().equals("isEmpty")) {
      return call.getScope().map(s -> isName(s, variable)).orElse(false)
          || call.getArguments().stream().anyMatch(a -> isName(a, variable));
    }
    if (core instanceof MethodCallExpr call && call.getNameAsString().equals("isNotEmpty")) {
      return call.getArguments().stream().anyMatch(a -> isName(a, variable));
    }
    if (!(core instanceof BinaryExpr binary)) {
      return false;
    }
    return switch (binary.getOperator()) {
      case AND ->
          testsFilled(binary.getLeft(), variable) || testsFilled(binary.getRight(), variable);
      case NOT_EQUALS ->
          (isName(binary.getLeft(), variable) && binary.getRight() instanceof NullLiteralExpr)
              || (isName(binary.getRight(), variable)
                  && binary.getLeft() instanceof NullLiteralExpr)
              || (isSize(binary.getLeft(), variable) && isZero(binary.getRight()));
      case GREATER -> isSize(binary.getLeft(), variable) && isZero(binary.getRight());
      case LESS -> isZero(binary.getLeft()) && isSize(binary.getRight(), variable);
      default -> false;
    };
  }

  private static boolean isName(Expression expr, String variable) {
    return expr instanceof NameExpr name && name.getNameAsString().equals(variable);
  }

  private static boolean isSize(Expression expr, String variable) {
    return expr instanceof MethodCallExpr call
        && call.getNameAsString().equals("size")
        && call.getScope().map(s -> isName(s, variable)).orElse(false);
  }

  private static boolean isZero(Expression expr) {
    return expr instanceof IntegerLiteralExpr literal && literal.getValue().equals("0");
  }

  /** A data call that only reads, through no transactional proxy (which marks rollback-only). */
  private boolean isPlainRead(MethodCallExpr call) {
    return !calls.classify(call).proxy() && !isWork(call);
  }

  private boolean isWork(CfgNode node) {
    return node.kind() == NodeKind.CALL && isWork((MethodCallExpr) node.ast());
  }

  private boolean isWork(MethodCallExpr call) {
    return work.computeIfAbsent(call, c -> Work.doesWork(c, calls));
  }

  private static boolean inside(CfgNode node, Node container) {
    return node.ast() != null && Bodies.isWithin(node.ast(), container);
  }
}
