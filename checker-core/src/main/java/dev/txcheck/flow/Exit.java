package dev.txcheck.flow;

/**
 * A way of leaving the current statement other than falling through: an exception of one kind, a
 * return, or a jump to a target frame. Exits travel outward through the {@link Frame}s until one
 * stops them; a finally block or resource on the way is copied once per distinct exit, so equal
 * exits share one copy.
 */
record Exit(Kind kind, Frame target, EdgeKind exception) {
  enum Kind {
    EXCEPTION,
    RETURN,
    BREAK,
    CONTINUE,
    YIELD
  }

  static final Exit RETURN = new Exit(Kind.RETURN, null, null);
  static final Exit CHECKED = new Exit(Kind.EXCEPTION, null, EdgeKind.CHECKED_EXCEPTION);
  static final Exit UNCHECKED = new Exit(Kind.EXCEPTION, null, EdgeKind.UNCHECKED_EXCEPTION);

  static Exit exception(EdgeKind kind) {
    return kind == EdgeKind.CHECKED_EXCEPTION ? CHECKED : UNCHECKED;
  }

  static Exit to(Kind kind, Frame target) {
    return new Exit(kind, target, null);
  }
}
