package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;
import java.util.Map;
import java.util.Set;

/**
 * What a method of the analysed sources does, seen from its call sites.
 *
 * @param parameterEffects for each parameter index, the effects the method has on that parameter's
 *     transaction on some path
 * @param certainEffects the subset it has on every path that returns normally (not under a
 *     condition, loop or catch)
 * @param undoesAmbient the method rolls back or marks rollback-only a transaction it does not
 *     receive (the current Spring transaction, a field's transaction)
 * @param alwaysThrows the method never returns normally
 * @param data the method reads or writes the database
 * @param writes the method writes to the database on some path, itself or through its helpers
 */
record MethodSummary(
    Map<Integer, Set<Effect>> parameterEffects,
    Map<Integer, Set<Effect>> certainEffects,
    boolean undoesAmbient,
    boolean alwaysThrows,
    boolean data,
    boolean writes) {
  static final MethodSummary NONE =
      new MethodSummary(Map.of(), Map.of(), false, false, false, false);
}
