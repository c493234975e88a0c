package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.types.ExceptionTypes;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The exceptional edges of code that can fail with a database error: a call of the catalog that
 * does data work, a call on a tracked handle (the connection itself) unless the catalog says it
 * works in memory only ({@code local}: a session's flush mode), a method of the analysed sources
 * that declares checked exceptions, an explicit throw. A call of an unknown library method (a
 * logger, {@code Thread.currentThread()}) is taken not to throw: javac lets any call in a method
 * that declares {@code throws SQLException} throw one, but judging such paths would flag nearly
 * every method. Exceptions of cleanup code (catch and finally blocks, resource closes) are not
 * followed either (see {@link ExceptionalEdges}).
 */
final class FailingCode {
  private final CallClassifier calls;
  private final ExceptionalEdges edges;
  private final Predicate<HandleKey> tracked;

  /**
   * Whether a failing rollback, commit or mode switch of a tracked handle in cleanup code counts.
   */
  private final boolean cleanupOfTracked;

  private final Map<CfgNode, Boolean> ownUnchecked = new IdentityHashMap<>();
  private final Node body;

  FailingCode(
      Cfg cfg, CallClassifier calls, ExceptionModel exceptions, Predicate<HandleKey> tracked) {
    this(cfg, calls, exceptions, tracked, false);
  }

  /**
   * @param cleanupOfTracked also follow the failure of a rollback, commit or auto-commit switch of
   *     a tracked handle in a catch or finally block: it skips the close that follows it, the way
   *     connections leak when the database is gone
   */
  FailingCode(
      Cfg cfg,
      CallClassifier calls,
      ExceptionModel exceptions,
      Predicate<HandleKey> tracked,
      boolean cleanupOfTracked) {
    this.calls = calls;
    this.edges = new ExceptionalEdges(cfg, exceptions);
    this.body = cfg.body();
    this.tracked = tracked;
    this.cleanupOfTracked = cleanupOfTracked;
  }

  /**
   * Handles that the body ends (by an effect matching {@code ends}) inside a catch block. Such code
   * handles the failures it expects ({@code catch (SQLException e)}) and is judged on those: an
   * unchecked exception of a JDBC call is a driver bug, not a path the code forgot. Unless the
   * clause catches some unchecked exceptions but not all ({@code catch (ParseException |
   * IllegalArgumentException e)}): then the code knows that such failures happen there, and the
   * ones it does not name are a path it forgot.
   */
  static Set<HandleKey> endedInCatch(
      Node body, CallClassifier calls, ExceptionModel exceptions, Predicate<Effect> ends) {
    Set<HandleKey> ended = new HashSet<>();
    for (CatchClause clause : Bodies.nodesIn(body, CatchClause.class)) {
      if (exceptions.caughtBy(clause).contains(EdgeKind.UNCHECKED_EXCEPTION)
          && !exceptions.catchesEvery(clause, EdgeKind.UNCHECKED_EXCEPTION)) {
        continue;
      }
      for (MethodCallExpr call : Bodies.callsIn(clause)) {
        for (TxEvent event : calls.classify(call).events()) {
          if (ends.test(event.effect())) {
            ended.add(event.handle());
          }
        }
      }
    }
    return ended;
  }

  boolean follows(CfgEdge edge) {
    return follows(edge, false);
  }

  /**
   * A checked failure of a rollback, commit or auto-commit switch of a tracked handle in cleanup
   * code ({@code finally { conn.rollback(); conn.close(); }}).
   */
  private boolean failingCleanup(CfgEdge edge) {
    CfgNode from = edge.from();
    if (edge.kind() != EdgeKind.CHECKED_EXCEPTION
        || from.kind() != NodeKind.CALL
        || !edges.isCleanup(from)
        || edges.checkedImpossible(from)) {
      return false;
    }
    MethodCallExpr call = (MethodCallExpr) from.ast();
    if (calls.types().catalogMatches(call).isEmpty()) {
      // A helper fails only with what it declares: a quiet rollback helper catches its own.
      MethodDeclaration helper = calls.target(call);
      if (helper == null || helper.getThrownExceptions().isEmpty()) {
        return false;
      }
    }
    for (TxEvent event : calls.classify(call).events()) {
      Effect effect = event.effect();
      boolean endsOrSwitches =
          effect == Effect.ROLLBACK || effect == Effect.COMMIT || effect == Effect.BEGIN;
      if (endsOrSwitches && tracked.test(event.handle())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the node throws an unchecked exception that the sources throw themselves, past the
   * catch clauses around it: a {@code throw new IllegalStateException(..)} here, or, from a method
   * of the sources it calls, an unchecked exception that no catalogued API fails with (a helper
   * that wraps its SQLException in a RuntimeException, a script reader that fails with its own
   * IoException). Code that rolls back only on checked exceptions is judged on these too: they are
   * expected, unlike an unchecked exception that any call might in principle throw.
   */
  boolean throwsOwnUnchecked(CfgNode node) {
    if (node.kind() != NodeKind.THROW && node.kind() != NodeKind.CALL) {
      return false;
    }
    // Asked for every unchecked edge on every round of the dataflow: answered once per node.
    return ownUnchecked.computeIfAbsent(node, this::computeOwnUnchecked);
  }

  private boolean computeOwnUnchecked(CfgNode node) {
    ThrownTypes thrown = calls.thrownTypes();
    boolean isThrow = node.kind() == NodeKind.THROW;
    MethodCallExpr call = node.ast() instanceof MethodCallExpr c ? c : null;
    boolean ofSources = call != null && !thrown.sourceMethods(call, calls).isEmpty();
    boolean ofCatalog = call != null && !calls.types().catalogMatches(call).isEmpty();
    if (!isThrow && !ofSources && !ofCatalog) {
      return false;
    }
    // Only what gets past the catch clauses: a catch of PersistenceException takes what em.merge()
    // throws, whichever way the graph's unchecked edge goes.
    Set<ThrownTypes.Thrown> leaving =
        thrown.leaving(node.ast(), thrown.thrownBy(node.ast(), calls), body, calls);
    if ((isThrow || ofSources)
        && leaving.stream()
            .anyMatch(t -> isUnchecked(t) && (isThrow || !thrown.isApiFailure(t.type())))) {
      return true;
    }
    return leaving.stream().anyMatch(t -> missedByNarrowCatch(t, node.ast(), thrown));
  }

  /**
   * True for a data-access failure that leaves past a catch of only part of its family: {@code
   * catch (HibernateException e)} around {@code session.flush()}, which fails with a JPA {@code
   * PersistenceException} too. The code expects that API's failures and handles some of them.
   */
  private boolean missedByNarrowCatch(ThrownTypes.Thrown t, Node thrower, ThrownTypes thrown) {
    if (!isUnchecked(t) || !thrown.isDataAccessFailure(t.type())) {
      return false;
    }
    ExceptionTypes types = thrown.exceptions();
    return ThrownTypes.caughtBetween(thrower, body, calls).stream()
        .anyMatch(caught -> !caught.equals(t.type()) && types.isSubtype(caught, t.type()));
  }

  private boolean isUnchecked(ThrownTypes.Thrown thrown) {
    if (thrown.type() == null
        || (thrown.kind() != ThrownTypes.Thrown.Kind.EXACT
            && thrown.kind() != ThrownTypes.Thrown.Kind.FAMILY)) {
      return false;
    }
    ExceptionTypes types = calls.thrownTypes().exceptions();
    return types.isChecked(thrown.type()).equals(Optional.of(false))
        && !types.isSubtype(thrown.type(), "java.lang.Error");
  }

  /** A call of cleanup code: in a catch or finally block, or a resource's close. */
  boolean isCleanup(CfgNode node) {
    return edges.isCleanup(node);
  }

  /** Whether the node lies in a finally block; see {@link ExceptionalEdges#inFinally}. */
  boolean inFinally(Node node) {
    return edges.inFinally(node);
  }

  /**
   * @param checkedOnly follow only checked exceptions: unchecked ones are taken not to happen
   */
  boolean follows(CfgEdge edge, boolean checkedOnly) {
    if (!edge.kind().isExceptional()) {
      return true;
    }
    if (cleanupOfTracked && failingCleanup(edge)) {
      return true;
    }
    if (checkedOnly
        && edge.kind() == EdgeKind.UNCHECKED_EXCEPTION
        && throwsOwnUnchecked(edge.from())) {
      return !edges.isCleanup(edge.from());
    }
    if (!edges.follows(edge, checkedOnly)) {
      return false;
    }
    CfgNode from = edge.from();
    if (from.kind() == NodeKind.THROW) {
      return true;
    }
    if (from.kind() != NodeKind.CALL) {
      return false;
    }
    MethodCallExpr call = (MethodCallExpr) from.ast();
    if (calls.types().catalogMatches(call).stream().anyMatch(api -> api.has(Effect.LOCAL))) {
      return false;
    }
    if (calls.classify(call).data()) {
      return true; // database work
    }
    if (call.getScope().map(scope -> tracked.test(calls.handleOf(scope))).orElse(false)) {
      // A call on the tracked connection or session, or on a wrapper of the sources that keeps
      // one, unless it is a getter or setter of the wrapper (factory.getJdbcUrl()).
      return !calls.isAccessor(call);
    }
    MethodDeclaration target = calls.target(call);
    if (target == null) {
      if (call.getArguments().stream().anyMatch(a -> tracked.test(calls.handleOf(a)))) {
        return true; // code nobody can read (a callback, a library method) works with it
      }
      // An abstract or interface method of the sources (a callback, a command) fails with what it
      // declares; so does a Callable.
      MethodDeclaration declared = calls.declaration(call);
      return edge.kind() == EdgeKind.CHECKED_EXCEPTION
          && ((declared != null && !declared.getThrownExceptions().isEmpty())
              || Callbacks.declaresException(call, calls.types()));
    }
    // A helper of the sources that throws on some path (a validation) fails with what it throws.
    return Bodies.contains(target, ThrowStmt.class)
        || (edge.kind() == EdgeKind.CHECKED_EXCEPTION && !target.getThrownExceptions().isEmpty());
  }
}
