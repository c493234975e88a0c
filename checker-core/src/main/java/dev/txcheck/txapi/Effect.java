package dev.txcheck.txapi;

import java.util.Locale;

/** What a catalogued call does. */
public enum Effect {
  /** Starts a transaction on the handle. */
  BEGIN,
  COMMIT,
  ROLLBACK,
  /** Marks the transaction so that its end rolls back. */
  ROLLBACK_ONLY,
  /** Closes the handle without ending its transaction (JDBC leaves that to the driver or pool). */
  CLOSE,
  /**
   * Closes the handle and rolls back work that was not committed (MyBatis SqlSession, JDBI Handle).
   */
  CLOSE_ROLLBACK,
  /** The result is the receiver's transaction: {@code em.getTransaction()}. */
  HANDLE,
  /** Only declares the return type, so that chains resolve. */
  RETURNS,
  /** Runs its lambda argument inside a transaction that the library commits or rolls back. */
  CALLBACK,
  /** Runs its lambda argument once per element. */
  LOOP,
  /**
   * Runs its lambda argument in the caller's thread, at most once, before it returns ({@code
   * Optional#orElseGet}, {@code Map#computeIfAbsent}): the lambda's data work is the call's.
   */
  INLINE,
  /** Reads or writes the database. */
  DATA,
  /** Goes through a transactional proxy that joins the caller's transaction. */
  PROXY,
  /** Writes to the database: an insert, update or delete (a subset of {@link #DATA}). */
  WRITE,
  /**
   * Runs a statement that may change data but need not (JDBC {@code execute}, {@code
   * JdbcTemplate#execute}, a stored procedure call, the flush of pending changes): data work that a
   * commit makes permanent, where a rule asks whether work was done; not a {@link #WRITE}.
   */
  MAY_WRITE,
  /**
   * Outside a transaction, the call commits its own work at once: a Spring Data repository runs
   * behind its own transactional proxy, a {@code JdbcTemplate} update runs on an auto-commit
   * connection. Two such calls without a transaction around them are not atomic.
   */
  AUTOCOMMIT,
  /**
   * A slow or remote call (HTTP, messaging, sleeping) that should not run while a transaction holds
   * a connection and its locks.
   */
  REMOTE,
  /**
   * The call throws when the transaction is no longer active (JPA {@code rollback()} after a failed
   * commit), unless guarded by a state query such as {@code isActive()}.
   */
  NEEDS_ACTIVE,
  /**
   * Opens a resource the caller must close: a connection, an application-managed EntityManager, a
   * session, a handle.
   */
  OPEN,
  /**
   * A failure of this call leaves the session unusable (JPA, Hibernate): it must be rolled back and
   * discarded before anything else is done with it.
   */
  POISONS,
  /** Works on the session's persistence context, so it needs a healthy, open session. */
  USES_SESSION,
  /**
   * A failure of this call leaves the session unusable even after a rollback: the session (a
   * Hibernate native {@code Session}) keeps its persistence context across a rollback, so it must
   * also be cleared or closed. A JPA rollback detaches every entity, so a JPA call has no such
   * effect.
   */
  KEEPS_CONTEXT,
  /** Empties the session's persistence context, detaching every entity: {@code clear()}. */
  CLEARS,
  /** Sets a savepoint; the savepoint is the call's result. */
  SAVEPOINT,
  /** Releases a savepoint or rolls back to it. */
  END_SAVEPOINT,
  /**
   * On a begin: the transaction holds nothing until the first statement runs (JDBC's {@code
   * setAutoCommit(false)} only switches a mode), so a failure before any work loses nothing. Other
   * transactions (JPA, Hibernate, Spring, JTA) are objects or thread state that must be ended even
   * when empty.
   */
  LAZY,
  /**
   * Works in memory only (a session's flush mode, an EntityManager's transaction object): no
   * database work, and no failure worth a path of its own.
   */
  LOCAL,
  /**
   * Not an effect of a call: the framework runs every implementation of this method inside a
   * transaction it manages (Spring Batch runs a {@code Tasklet}'s {@code execute} and a chunk's
   * reader, processor and writer in the step's transaction).
   */
  RUNS_IN_TRANSACTION;

  /** True for effects on a transaction itself (the effects TX001 to TX003 reason about). */
  public boolean onTransaction() {
    return this == BEGIN
        || this == COMMIT
        || this == ROLLBACK
        || this == ROLLBACK_ONLY
        || this == CLOSE
        || this == CLOSE_ROLLBACK;
  }

  /** True when the handle is closed after this effect. */
  public boolean closes() {
    return this == CLOSE || this == CLOSE_ROLLBACK;
  }

  /** True when the transaction is over after this effect, whichever way. */
  public boolean ends() {
    return this == COMMIT || this == ROLLBACK || this == CLOSE_ROLLBACK;
  }

  /** True when the effect undoes the work: a rollback now or at the transaction's end. */
  public boolean undoes() {
    return this == ROLLBACK || this == CLOSE_ROLLBACK || this == ROLLBACK_ONLY;
  }

  static Effect parse(String word) {
    return Effect.valueOf(word.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
