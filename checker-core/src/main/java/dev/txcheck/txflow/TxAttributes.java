package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.AnnotationExpr;
import java.util.List;
import java.util.Set;

/**
 * The declarative transaction a body runs in.
 *
 * @param source how it was declared, for messages: {@code @Transactional}, {@code @TxService},
 *     {@code transactionTemplate.execute()}
 * @param readOnly {@code readOnly = true}
 * @param propagation the propagation or JTA {@code TxType} name, {@code REQUIRED} by default
 * @param isolation the isolation constant name, or null for the default
 * @param timeout the timeout as written, or null for the default
 * @param rollback exception types (qualified where resolvable) that roll back: {@code rollbackFor},
 *     {@code rollbackOn}
 * @param noRollback exception types that commit: {@code noRollbackFor}, {@code dontRollbackOn}
 * @param rollbackNames {@code rollbackForClassName} patterns
 * @param noRollbackNames {@code noRollbackForClassName} patterns
 * @param jta declared by {@code javax}/{@code jakarta.transaction.Transactional}, not Spring's
 * @param annotation the annotation as written (on the method, the class, or the meta-annotated
 *     use), or null for a callback
 * @param onMethod declared on the method itself, not inherited from its class
 * @param rolledBackByTest the transaction of a test method under Spring's test support, which rolls
 *     it back after the test (unless {@code @Commit} or {@code @Rollback(false)}): nothing commits
 */
public record TxAttributes(
    String source,
    boolean readOnly,
    String propagation,
    String isolation,
    String timeout,
    List<String> rollback,
    List<String> noRollback,
    List<String> rollbackNames,
    List<String> noRollbackNames,
    boolean jta,
    AnnotationExpr annotation,
    boolean onMethod,
    boolean rolledBackByTest) {
  private static final Set<String> WITHOUT_TRANSACTION =
      Set.of("NOT_SUPPORTED", "NEVER", "SUPPORTS");

  /**
   * True when the body surely runs in a transaction (a read-only one holds a connection too), not
   * {@code NOT_SUPPORTED}, {@code NEVER} or {@code SUPPORTS}.
   */
  public boolean runsInTransaction() {
    return !WITHOUT_TRANSACTION.contains(propagation);
  }

  /** Propagations whose method takes part in the caller's transaction when there is one. */
  private static final Set<String> JOINS_CALLER = Set.of("REQUIRED", "SUPPORTS", "MANDATORY");

  /**
   * True when the method runs in its caller's transaction, if any: a failure that its proxy rolls
   * back marks that shared transaction rollback-only.
   */
  public boolean joinsCaller() {
    return JOINS_CALLER.contains(propagation);
  }

  /** Propagations whose method starts (or requires) a transaction even when the caller has none. */
  private static final Set<String> STARTS_TRANSACTION =
      Set.of("REQUIRED", "REQUIRES_NEW", "NESTED", "MANDATORY");

  public TxAttributes {
    rollback = List.copyOf(rollback);
    noRollback = List.copyOf(noRollback);
    rollbackNames = List.copyOf(rollbackNames);
    noRollbackNames = List.copyOf(noRollbackNames);
  }

  /** A transaction with default attributes, such as the one of a callback. */
  public TxAttributes(String source, boolean readOnly, String propagation) {
    this(
        source,
        readOnly,
        propagation,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        false,
        null,
        true,
        false);
  }

  /**
   * A transaction its framework begins around a method and rolls back on any exception (Spring
   * Batch's step transaction), with default attributes otherwise.
   */
  public static TxAttributes rollingBackOnAnyException(String source) {
    return new TxAttributes(
        source,
        false,
        "REQUIRED",
        null,
        null,
        List.of("java.lang.Throwable"),
        List.of(),
        List.of(),
        List.of(),
        false,
        null,
        true,
        false);
  }

  /** The same attributes, seen as inherited from the class rather than written on the method. */
  TxAttributes fromClass() {
    return new TxAttributes(
        source,
        readOnly,
        propagation,
        isolation,
        timeout,
        rollback,
        noRollback,
        rollbackNames,
        noRollbackNames,
        jta,
        annotation,
        false,
        rolledBackByTest);
  }

  /** The same attributes, for a test method whose transaction the test framework rolls back. */
  TxAttributes inTestTransaction() {
    return new TxAttributes(
        source,
        readOnly,
        propagation,
        isolation,
        timeout,
        rollback,
        noRollback,
        rollbackNames,
        noRollbackNames,
        jta,
        annotation,
        onMethod,
        true);
  }

  /** True when the body surely runs in a transaction that commits its writes. */
  public boolean writesCommit() {
    return !readOnly && !rolledBackByTest && !WITHOUT_TRANSACTION.contains(propagation);
  }

  /** True when the method runs in a transaction even if its caller has none. */
  public boolean requiresTransaction() {
    return STARTS_TRANSACTION.contains(propagation);
  }

  /** {@code rollbackFor} for Spring, {@code rollbackOn} for JTA: how messages name the fix. */
  public String rollbackAttribute() {
    return jta ? "rollbackOn" : "rollbackFor";
  }
}
