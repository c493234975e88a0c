package dev.txcheck.flow;

import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import java.util.Set;

/**
 * What the graph builder needs to know about exception types, kept out of {@code flow} so that the
 * builder stays free of type resolution. Exceptions are coarse: {@link EdgeKind#CHECKED_EXCEPTION}
 * stands for "the exceptions a specific catch clause expects" and {@link
 * EdgeKind#UNCHECKED_EXCEPTION} for runtime exceptions and errors.
 */
public interface ExceptionModel {
  /** The exceptional edge kinds a {@code throw} statement can raise (one or both). */
  Set<EdgeKind> thrownBy(ThrowStmt stmt);

  /** The exceptional edge kinds this catch clause catches (none, one or both). */
  Set<EdgeKind> caughtBy(CatchClause clause);

  /**
   * Whether the clause catches every exception of that kind: a catch of {@code
   * IllegalArgumentException} takes part of the unchecked ones, and the rest go on.
   */
  default boolean catchesEvery(CatchClause clause, EdgeKind kind) {
    return caughtBy(clause).contains(kind);
  }
}
