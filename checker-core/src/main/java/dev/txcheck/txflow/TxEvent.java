package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;

/**
 * A call's effect on one transaction handle.
 *
 * @param certain false when the effect comes from a helper method that has it only on some of its
 *     paths (a helper that commits only {@code if (!conn.getAutoCommit())}); rules that must not
 *     guess ask for certain effects
 */
public record TxEvent(Effect effect, HandleKey handle, boolean certain) {
  public TxEvent(Effect effect, HandleKey handle) {
    this(effect, handle, true);
  }
}
