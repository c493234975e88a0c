package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a self-call loses by bypassing the proxy: the difference between what the callee declares
 * and the transaction it actually runs in, its caller's (or none). A self-call from a transactional
 * caller into a compatible {@code REQUIRED} callee loses nothing, nor does one into a callee that
 * only has its class's default attributes, when the caller runs in a transaction of the same.
 */
public final class SelfCallMismatch {
  private final CallClassifier calls;
  private final DeclarativeTx declarative;

  public SelfCallMismatch(CallClassifier calls, DeclarativeTx declarative) {
    this.calls = calls;
    this.declarative = declarative;
  }

  /**
   * What the developer expected and what happens, or empty when the difference does not matter.
   * What the callee does decides too: a getter or a map lookup loses nothing to a bypassed proxy,
   * and a single write that commits on its own is as atomic without a transaction as with one.
   *
   * @param caller the method the call runs in (for a lambda, the method that runs the lambda)
   * @param where how messages name the transaction the call runs in: {@code pay()}, or a callback
   *     such as {@code transactionTemplate.execute()}
   * @param callerTx the transaction the call runs in (as the proxy or callback gives it), or empty
   */
  public Optional<String> of(
      MethodDeclaration caller,
      String where,
      Optional<TxAttributes> callerTx,
      MethodDeclaration callee,
      TxAttributes calleeTx) {
    String name = callee.getNameAsString() + "()";
    UnitsOfWork.Work work = calls.unitsOfWork().of(callee);
    if (callerTx.isEmpty() || !callerTx.get().requiresTransaction()) {
      return withoutTransaction(caller, name, calleeTx, work);
    }
    TxAttributes outer = callerTx.get();
    String in = " inside the transaction of " + where;
    if (!work.data() && !calleeTx.propagation().equals("NEVER")) {
      return Optional.empty(); // no data work: which transaction it runs in changes nothing
    }
    if (isClassDefault(calleeTx, outer)) {
      return Optional.empty();
    }
    return switch (calleeTx.propagation()) {
        // A new transaction that writes nothing (read-only, or reads only) has nothing to commit
        // on its own.
      case "REQUIRES_NEW" ->
          calleeTx.readOnly() || !work.writes()
              ? Optional.empty()
              : Optional.of(
                  name
                      + " asks for a separate transaction (REQUIRES_NEW) that commits on its own, but it"
                      + " runs"
                      + in
                      + ", so its work rolls back with the caller's and commits only when the caller"
                      + " commits");
      case "NOT_SUPPORTED" ->
          Optional.of(
              name + " asks to run outside any transaction (NOT_SUPPORTED), but it runs" + in);
      case "NEVER" ->
          Optional.of(
              name
                  + " asks to fail when called in a transaction (NEVER), but it runs"
                  + in
                  + " without failing");
      case "NESTED" ->
          !work.writes()
              ? Optional.empty()
              : Optional.of(
                  name
                      + " asks for a savepoint (NESTED) so that its failure can be undone alone, but it"
                      + " runs"
                      + in
                      + " without one");
      default -> attributes(name, outer, calleeTx, in, work);
    };
  }

  /**
   * The callee asks for nothing of its own: its attributes are its class's default (a REST class
   * whose every endpoint is {@code REQUIRES_NEW}), and the caller already runs in a transaction of
   * those attributes. The class declares how calls from outside start; a self-call running in the
   * caller's transaction is what the class asks for.
   */
  private static boolean isClassDefault(TxAttributes callee, TxAttributes outer) {
    return !callee.onMethod()
        && callee.annotation() != null
        && callee.propagation().equals(outer.propagation())
        && callee.readOnly() == outer.readOnly()
        && Objects.equals(callee.isolation(), outer.isolation())
        && Objects.equals(callee.timeout(), outer.timeout());
  }

  /** REQUIRED, MANDATORY or SUPPORTS joins the caller's transaction: only attributes can differ. */
  private static Optional<String> attributes(
      String name, TxAttributes outer, TxAttributes callee, String in, UnitsOfWork.Work work) {
    if (outer.readOnly() && !callee.readOnly() && work.writes()) {
      return Optional.of(
          name
              + " asks for a read-write transaction, but it runs"
              + in
              + ", which is read-only: its writes are not flushed or are rejected");
    }
    if (callee.isolation() != null
        && !callee.isolation().equals("DEFAULT")
        && !callee.isolation().equals(outer.isolation())) {
      return Optional.of(
          name
              + " asks for isolation "
              + callee.isolation()
              + ", but it runs"
              + in
              + " at "
              + (outer.isolation() == null ? "the default isolation" : outer.isolation()));
    }
    if (callee.timeout() != null && !Objects.equals(callee.timeout(), outer.timeout())) {
      return Optional.of(
          name
              + " asks for a timeout of "
              + callee.timeout()
              + ", but it runs"
              + in
              + (outer.timeout() == null ? " without one" : " with " + outer.timeout()));
    }
    return Optional.empty();
  }

  /**
   * The caller has no transaction of its own: the callee runs without one unless every path into
   * the caller comes from transactional code, which the analysed sources can only rule out.
   */
  private Optional<String> withoutTransaction(
      MethodDeclaration caller, String name, TxAttributes callee, UnitsOfWork.Work work) {
    boolean mandatory = callee.propagation().equals("MANDATORY");
    // Without a transaction, reads see committed data as they would in one, and a single write
    // commits as one unit: only writes in several units (or that need a transaction) lose.
    if (!callee.requiresTransaction() || (!mandatory && !work.several())) {
      return Optional.empty();
    }
    Optional<CallerIndex.Reach> without = pathWithoutTransaction(caller);
    if (without.isEmpty()) {
      return Optional.empty();
    }
    String none =
        caller.getNameAsString()
            + "() has none ("
            + without.get().why()
            + "), so it runs without one";
    if (mandatory) {
      return Optional.of(
          name
              + " must be called in a transaction (MANDATORY) and fail otherwise, but "
              + none
              + " and without failing");
    }
    return Optional.of(
        name
            + " expects "
            + callee.source()
            + " to start a transaction, but "
            + none
            + ": its writes commit one by one and a failure rolls back none of them");
  }

  /**
   * How some path surely runs the caller without a transaction; empty when every caller brings one,
   * or may (its callers cannot be told).
   */
  private Optional<CallerIndex.Reach> pathWithoutTransaction(MethodDeclaration caller) {
    if (!caller.isPublic()
        && caller.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        && declarative.declaredOn(type).isPresent()) {
      return Optional.empty(); // Spring 6 class-based proxies apply the class annotation to it too
    }
    CallerIndex.Reach reach = calls.callers().reach(caller);
    return reach.withoutTransaction() ? Optional.of(reach) : Optional.empty();
  }
}
