package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a self-call loses by bypassing the proxy: the difference between what the callee declares
 * and the transaction it actually runs in, its caller's (or none). A self-call from a transactional
 * caller into a compatible {@code REQUIRED} callee loses nothing.
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
   *
   * @param callerTx the caller's own transaction (as the proxy gives it), or empty
   */
  public Optional<String> of(
      MethodDeclaration caller,
      Optional<TxAttributes> callerTx,
      MethodDeclaration callee,
      TxAttributes calleeTx) {
    String name = callee.getNameAsString() + "()";
    if (callerTx.isEmpty() || !callerTx.get().requiresTransaction()) {
      return withoutTransaction(caller, name, calleeTx);
    }
    TxAttributes outer = callerTx.get();
    String in = " inside the transaction of " + caller.getNameAsString() + "()";
    return switch (calleeTx.propagation()) {
        // A read-only new transaction has nothing to commit on its own.
      case "REQUIRES_NEW" ->
          calleeTx.readOnly()
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
          Optional.of(
              name
                  + " asks for a savepoint (NESTED) so that its failure can be undone alone, but it"
                  + " runs"
                  + in
                  + " without one");
      default -> attributes(name, outer, calleeTx, in);
    };
  }

  /** REQUIRED, MANDATORY or SUPPORTS joins the caller's transaction: only attributes can differ. */
  private static Optional<String> attributes(
      String name, TxAttributes outer, TxAttributes callee, String in) {
    if (outer.readOnly() && !callee.readOnly()) {
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
      MethodDeclaration caller, String name, TxAttributes callee) {
    if (!callee.requiresTransaction() || mayHaveTransaction(caller)) {
      return Optional.empty();
    }
    if (callee.propagation().equals("MANDATORY")) {
      return Optional.of(
          name
              + " must be called in a transaction (MANDATORY) and fail otherwise, but "
              + caller.getNameAsString()
              + "() has none, so it runs without one and without failing");
    }
    String consequence =
        callee.readOnly()
            ? "its reads share no transaction and lazy associations may fail to load"
            : "each write commits on its own and a failure rolls nothing back";
    return Optional.of(
        name
            + " expects "
            + callee.source()
            + " to start a transaction, but "
            + caller.getNameAsString()
            + "() has none, so it runs without one: "
            + consequence);
  }

  /**
   * False only when some path surely runs the caller without a transaction: a caller covered by
   * transactional callers, or one whose callers cannot be told, brings one or may.
   */
  private boolean mayHaveTransaction(MethodDeclaration caller) {
    if (!caller.isPublic()
        && caller.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        && declarative.declaredOn(type).isPresent()) {
      return true; // Spring 6 class-based proxies apply the class annotation to it too
    }
    return !calls.callers().reach(caller).withoutTransaction();
  }
}
