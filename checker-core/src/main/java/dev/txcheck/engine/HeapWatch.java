package dev.txcheck.engine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Ends a run that spends nearly all its time collecting garbage. When the heap is too small, the
 * AST store lets trees go and parses them again, so the heap is never quite full and the JVM's own
 * limits (Parallel GC's GCTimeLimit) do not fire: the run crawls for minutes before an {@link
 * OutOfMemoryError}, if ever. A healthy run, even one at its heap's edge (the developers' corpus
 * under {@code -Xmx1g}), spends at most about 40 % of any 20 seconds in the collector; a run past
 * 80 % is out of memory in all but name, and is ended as if it were.
 */
final class HeapWatch {
  static final long WINDOW_MILLIS = 20_000;
  static final double LIMIT = 0.8;
  private static final long SAMPLE_MILLIS = 1_000;

  private static final HeapWatch JVM =
      new HeapWatch(() -> System.nanoTime() / 1_000_000, HeapWatch::collectorMillis);

  private final LongSupplier clock;
  private final LongSupplier collecting;

  /** Samples of (time, collector time), a second or more apart, spanning a little over a window. */
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  private volatile long lastSample;

  HeapWatch(LongSupplier clockMillis, LongSupplier collectorMillis) {
    this.clock = clockMillis;
    this.collecting = collectorMillis;
    this.lastSample = clockMillis.getAsLong() - SAMPLE_MILLIS;
  }

  /** Called where a run allocates most (each parse): throws when the JVM's collector thrashes. */
  static void checkpoint() {
    JVM.check();
  }

  void check() {
    long now = clock.getAsLong();
    if (now - lastSample < SAMPLE_MILLIS) {
      return;
    }
    double share;
    synchronized (this) {
      if (now - lastSample < SAMPLE_MILLIS) {
        return;
      }
      lastSample = now;
      long collected = collecting.getAsLong();
      samples.addLast(new long[] {now, collected});
      // Keep the newest sample that is a whole window old, and those after it.
      while (samples.size() > 2 && now - secondOldest()[0] >= WINDOW_MILLIS) {
        samples.removeFirst();
      }
      long[] oldest = samples.peekFirst();
      long span = now - oldest[0];
      if (span < WINDOW_MILLIS) {
        return;
      }
      share = (collected - oldest[1]) / (double) span;
    }
    if (share >= LIMIT) {
      throw new OutOfMemoryError(
          String.format(
              "the garbage collector took %.0f %% of the last %d s: the heap is too small",
              100 * share, WINDOW_MILLIS / 1000));
    }
  }

  private long[] secondOldest() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }

  private static long collectorMillis() {
    long total = 0;
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    for (GarbageCollectorMXBean collector : collectors) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }
}
