package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

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
 * @param returned what the method's result is, when it is a resource the method opened ({@link
 *     Effect#OPEN}: the caller owns it and must close it) or a transaction it began and left open
 *     ({@link Effect#BEGIN}, with {@link Effect#LAZY} when the begin was a mode switch): a factory
 * @param fieldEffects for each field of the receiver (its handle key), the effects the method has
 *     on it on some path: a unit of work whose {@code commit()} commits its connection
 * @param certainFieldEffects the subset it has on every path that returns normally
 * @param kept parameters the method may keep beyond the call (stores, returns or hands to code
 *     nobody can read); a resource passed as another parameter is only borrowed. Known for library
 *     methods read from bytecode; for the sources, {@link Ownership} answers
 * @param oneStatement the method's database work is a single statement outside any loop: when it
 *     fails, it changed nothing
 * @param remote the method makes a remote or slow call (catalog effect {@code remote}), itself or
 *     through its helpers: calling it in a transaction holds the connection for as long
 * @param lazyBegins every transaction the method begins (on a parameter or a field) is lazy ({@link
 *     Effect#LAZY}): a {@code TxUtil.begin(conn)} that calls {@code conn.setAutoCommit(false)}
 * @param varargs the index of the method's varargs parameter, or -1: its effects fall on every
 *     argument from that position on ({@code closeAll(rs, stmt, conn)})
 */
record MethodSummary(
    Map<Integer, Set<Effect>> parameterEffects,
    Map<Integer, Set<Effect>> certainEffects,
    boolean undoesAmbient,
    boolean alwaysThrows,
    boolean data,
    boolean writes,
    Set<Effect> returned,
    Map<String, Set<Effect>> fieldEffects,
    Map<String, Set<Effect>> certainFieldEffects,
    boolean lazyBegins,
    Set<Integer> kept,
    boolean oneStatement,
    boolean remote,
    int varargs) {
  /**
   * What the method does to connections, sessions and transactions, and whether it makes a remote
   * call: not its data work or writes, which another implementation may not do.
   */
  MethodSummary throughInterface() {
    return new MethodSummary(
        parameterEffects,
        certainEffects,
        undoesAmbient,
        false,
        false,
        false,
        returned,
        fieldEffects,
        certainFieldEffects,
        lazyBegins,
        kept,
        false,
        remote,
        varargs);
  }

  /**
   * The positions of the arguments that parameter {@code index} receives in a call with {@code
   * count} arguments.
   */
  List<Integer> argumentsOf(int index, int count) {
    if (index == varargs) {
      return IntStream.range(index, count).boxed().toList();
    }
    return index < count ? List.of(index) : List.of();
  }

  /**
   * What a call may rely on when it runs one of several implementations: the resource and the
   * transaction they all hand back (two DAO factories that each wrap a fresh connection), and a
   * remote call they all make; nothing of what only some of them do.
   */
  static MethodSummary commonTo(List<MethodSummary> implementations) {
    if (implementations.isEmpty()) {
      return NONE;
    }
    Set<Effect> returned = new HashSet<>(implementations.get(0).returned());
    implementations.forEach(summary -> returned.retainAll(summary.returned()));
    boolean remote = implementations.stream().allMatch(MethodSummary::remote);
    return new MethodSummary(
        Map.of(),
        Map.of(),
        false,
        false,
        false,
        false,
        Set.copyOf(returned),
        Map.of(),
        Map.of(),
        false,
        Set.of(),
        false,
        remote,
        -1);
  }

  static final MethodSummary NONE =
      new MethodSummary(
          Map.of(), Map.of(), false, false, false, false, Set.of(), Map.of(), Map.of(), false,
          Set.of(), false, false, -1);
}
