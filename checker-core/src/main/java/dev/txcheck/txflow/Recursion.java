package dev.txcheck.txflow;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers remembered across a recursion, the same whichever member of a cycle is asked first. A
 * method asked again while its answer is being computed gives the answer it has so far (at first
 * the {@code none} value); an answer that used such an unfinished answer is provisional: it is kept
 * only until the method where the cycle closes (the first member asked) is done, which computes its
 * own answer again until it holds still (the least fixpoint). Only final answers go to the caller's
 * memo: a memo of provisional ones would depend on the order of the files. One per thread.
 *
 * @param <K> the method, by identity
 * @param <V> the answer
 */
final class Recursion<K, V> {
  /** Rounds of a recursion's answer at most. */
  private static final int MAX_ROUNDS = 8;

  private final Map<K, Integer> indexes = new IdentityHashMap<>();
  private final Map<K, V> sofar = new IdentityHashMap<>();

  /** Provisional answers of methods done in the current round, with what they depend on. */
  private final Map<K, Provisional<V>> provisional = new IdentityHashMap<>();

  private final List<K> provisionalOrder = new ArrayList<>();

  /** The lowest index of an unfinished method that the current computation used. */
  private int low = Integer.MAX_VALUE;

  private record Provisional<V>(V answer, int low) {}

  /**
   * The answer to use for {@code method} now when it is unfinished or was answered provisionally in
   * this round, noting the dependency; null otherwise.
   */
  V pending(K method, V none) {
    Integer index = indexes.get(method);
    if (index != null) {
      low = Math.min(low, index);
      return sofar.getOrDefault(method, none);
    }
    Provisional<V> done = provisional.get(method);
    if (done != null) {
      low = Math.min(low, done.low());
      return done.answer();
    }
    return null;
  }

  int depth() {
    return indexes.size();
  }

  Frame enter(K method) {
    int index = indexes.size();
    indexes.put(method, index);
    Frame frame = new Frame(method, index, low, provisionalOrder.size());
    low = Integer.MAX_VALUE;
    return frame;
  }

  /** One method's computation. */
  final class Frame {
    private final K method;
    private final int index;
    private final int outerLow;
    private final int provisionalMark;

    private Frame(K method, int index, int outerLow, int provisionalMark) {
      this.method = method;
      this.index = index;
      this.outerLow = outerLow;
      this.provisionalMark = provisionalMark;
    }

    /**
     * The method's answer: computed once, and again while its own unfinished answer was used and
     * the answer still changes (answers only grow, so a few rounds suffice).
     */
    V solve(Supplier<V> compute) {
      V answer = compute.get();
      for (int round = 1; round < MAX_ROUNDS && again(answer); round++) {
        answer = compute.get();
      }
      return answer;
    }

    /**
     * Whether to compute again: the method's own unfinished answer was used (and no other further
     * up), and the answer changed since the last round. Keeps the answer for the next round.
     */
    private boolean again(V answer) {
      if (low != index || answer.equals(sofar.get(method))) {
        return false;
      }
      sofar.put(method, answer);
      forgetProvisional();
      low = Integer.MAX_VALUE;
      return true;
    }

    /** Ends the computation; true when its answer is final and may be remembered. */
    boolean leave(V answer) {
      indexes.remove(method);
      sofar.remove(method);
      boolean fin = low >= index;
      if (fin) {
        forgetProvisional(); // the members of its cycle: their answers follow from its own now
      } else {
        provisional.put(method, new Provisional<>(answer, low));
        provisionalOrder.add(method);
      }
      low = Math.min(outerLow, fin ? Integer.MAX_VALUE : low);
      return fin;
    }

    private void forgetProvisional() {
      while (provisionalOrder.size() > provisionalMark) {
        provisional.remove(provisionalOrder.remove(provisionalOrder.size() - 1));
      }
    }
  }
}
