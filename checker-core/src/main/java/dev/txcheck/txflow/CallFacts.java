package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;
import java.util.List;

/**
 * Everything the rules need to know about one call.
 *
 * @param events effects on transaction handles (from the catalog or a helper summary)
 * @param data the call reads or writes the database, directly or through a bean or helper
 * @param proxy the call goes through another transactional proxy (a Spring Data repository, a
 *     transactional bean)
 * @param callback the call runs its lambda argument in a transaction it manages
 * @param loop the call runs its lambda argument once per element
 * @param alwaysThrows the call never returns normally (a helper that always throws)
 * @param write the call writes to the database, directly or through a helper of the sources
 * @param autocommit outside a transaction, the call commits its own write at once (catalog effect
 *     {@code autocommit})
 */
public record CallFacts(
    List<TxEvent> events,
    boolean data,
    boolean proxy,
    boolean callback,
    boolean loop,
    boolean alwaysThrows,
    boolean write,
    boolean autocommit) {

  public static final CallFacts NONE =
      new CallFacts(List.of(), false, false, false, false, false, false, false);

  public CallFacts(
      List<TxEvent> events,
      boolean data,
      boolean proxy,
      boolean callback,
      boolean loop,
      boolean alwaysThrows) {
    this(events, data, proxy, callback, loop, alwaysThrows, false, false);
  }

  public boolean has(Effect effect) {
    return events.stream().anyMatch(e -> e.effect() == effect);
  }

  public boolean has(Effect effect, HandleKey handle) {
    return events.stream().anyMatch(e -> e.effect() == effect && e.handle().equals(handle));
  }

  /**
   * True when the call undoes the work of some transaction: rollback, rollback on close,
   * rollback-only.
   */
  public boolean undoes() {
    return events.stream().anyMatch(e -> e.effect().undoes());
  }
}
