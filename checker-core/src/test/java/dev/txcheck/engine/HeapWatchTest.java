package dev.txcheck.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapWatchTest {
  /** A clock and a collector whose time advances by the given milliseconds of each second. */
  private static final class Jvm {
    long now;
    long collected;

    HeapWatch watch() {
      return new HeapWatch(() -> now, () -> collected);
    }

    void run(HeapWatch watch, int seconds, int collectingMillisPerSecond) {
      for (int i = 0; i < seconds; i++) {
        now += 1_000;
        collected += collectingMillisPerSecond;
        watch.check();
      }
    }
  }

  @Test
  void aRunAtItsHeapsEdgeGoesOn() {
    Jvm jvm = new Jvm();
    HeapWatch watch = jvm.watch();
    assertDoesNotThrow(() -> jvm.run(watch, 300, 500));
  }

  @Test
  void aRunThatCollectsFourFifthsOfAWholeWindowIsOutOfMemory() {
    Jvm jvm = new Jvm();
    HeapWatch watch = jvm.watch();
    jvm.run(watch, 60, 300);
    OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> jvm.run(watch, 25, 850));
    assertTrue(e.getMessage().contains("heap is too small"), e.getMessage());
  }

  @Test
  void aShortBurstOfCollectingIsNotEnough() {
    Jvm jvm = new Jvm();
    HeapWatch watch = jvm.watch();
    jvm.run(watch, 30, 100);
    jvm.run(watch, 10, 990); // half a window: about 55 % of the last 20 s
    assertDoesNotThrow(() -> jvm.run(watch, 60, 100));
  }

  @Test
  void theFirstWindowIsWaitedFor() {
    Jvm jvm = new Jvm();
    HeapWatch watch = jvm.watch();
    assertDoesNotThrow(() -> jvm.run(watch, 19, 990));
    assertThrows(OutOfMemoryError.class, () -> jvm.run(watch, 2, 990));
  }

  @Test
  void checksBetweenSamplesCostNothing() {
    Jvm jvm = new Jvm();
    HeapWatch watch = jvm.watch();
    jvm.run(watch, 30, 100);
    jvm.collected += 100_000; // would trip it, but no second has passed since the last sample
    assertDoesNotThrow(watch::check);
  }
}
