package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;

/**
 * A call's effect on one transaction handle.
 *
 * @param certain false when the effect comes from a helper method that has it only on some of its
 *     paths (a helper that commits only {@code if (!conn.getAutoCommit())}), or depends on a value
 *     computed at run time; rules that must not guess ask for certain effects
 * @param computed the effect depends on an argument computed at run time: {@code
 *     conn.setAutoCommit(previous)} may begin or commit
 */
public record TxEvent(Effect effect, HandleKey handle, boolean certain, boolean computed) {
  public TxEvent(Effect effect, HandleKey handle) {
    this(effect, handle, true, false);
  }

  public TxEvent(Effect effect, HandleKey handle, boolean certain) {
    this(effect, handle, certain, false);
  }
}
