package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;
import java.util.Map;
import java.util.Set;

/**
 * What a method of the analysed sources does, seen from its call sites.
 *
 * @param parameterEffects for each parameter index, the effects the method has on that parameter's transaction
 * @param alwaysThrows the method never returns normally
 * @param data the method reads or writes the database
 */
record MethodSummary(Map<Integer, Set<Effect>> parameterEffects, boolean alwaysThrows, boolean data) {
  static final MethodSummary NONE = new MethodSummary(Map.of(), false, false);
}
