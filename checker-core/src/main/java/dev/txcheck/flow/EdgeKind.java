package dev.txcheck.flow;

/** How control moves along an edge. */
public enum EdgeKind {
  /** Ordinary sequencing, including jumps (break, continue, return, yield) and switch dispatch. */
  NORMAL,
  /** From a {@link NodeKind#CONDITION} node when the condition is true. */
  TRUE,
  /** From a {@link NodeKind#CONDITION} node when the condition is false. */
  FALSE,
  /** A checked exception (or any exception a specific catch clause expects) leaves the node. */
  CHECKED_EXCEPTION,
  /** An unchecked exception (RuntimeException, Error) leaves the node. */
  UNCHECKED_EXCEPTION;

  public boolean isExceptional() {
    return this == CHECKED_EXCEPTION || this == UNCHECKED_EXCEPTION;
  }
}
