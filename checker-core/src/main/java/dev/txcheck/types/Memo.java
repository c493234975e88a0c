package dev.txcheck.types;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers remembered across files, each with what it was computed from when the thread that
 * computed it recorded its reads ({@link Reads}): whoever uses an answer later read all of that
 * too. Thread-safe; values are never null.
 */
public final class Memo<K, V> {
  private final ConcurrentHashMap<K, Object> values = new ConcurrentHashMap<>();

  /** An answer with its reads. */
  private record Tracked(Object value, Set<String> reads) {}

  /** The answer, or null; its reads are added to this thread's frame. */
  public V get(K key) {
    return unwrap(values.get(key));
  }

  /** True when an answer is remembered (its reads are not added: nothing of it is used). */
  public boolean containsKey(K key) {
    return values.containsKey(key);
  }

  /**
   * Remembers an answer computed in {@code frame} (null when the thread does not record), with what
   * the frame read so far.
   */
  public void put(K key, V value, Reads.Frame frame) {
    values.put(key, wrap(value, frame == null ? null : frame.reads()));
  }

  /** Remembers an answer with the given reads (null: none recorded). */
  public void put(K key, V value, Set<String> reads) {
    values.put(key, wrap(value, reads));
  }

  /**
   * Remembers an answer unless one is there already, which wins (its reads are added to this
   * thread's frame); returns the answer kept.
   */
  public V putIfAbsent(K key, V value, Reads.Frame frame) {
    Object raced = values.putIfAbsent(key, wrap(value, frame == null ? null : frame.reads()));
    return raced == null ? value : unwrap(raced);
  }

  /** Remembers an answer with the given reads unless one is there already, as above. */
  public V putIfAbsent(K key, V value, Set<String> reads) {
    Object raced = values.putIfAbsent(key, wrap(value, reads));
    return raced == null ? value : unwrap(raced);
  }

  /**
   * The answer, computed in a frame of its own when absent. Not atomic: two threads may compute the
   * same answer, and the first one stored wins, as for a plain map's get-then-put.
   */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    V known = get(key);
    if (known != null) {
      return known;
    }
    try (Reads.Frame frame = Reads.open()) {
      V value = compute.apply(key);
      return putIfAbsent(key, value, frame);
    }
  }

  private static Object wrap(Object value, Set<String> reads) {
    if (value == null) {
      throw new NullPointerException("a remembered answer is never null");
    }
    return reads == null ? value : new Tracked(value, reads);
  }

  @SuppressWarnings("unchecked")
  private V unwrap(Object stored) {
    if (stored instanceof Tracked tracked) {
      Reads.all(tracked.reads());
      return (V) tracked.value();
    }
    return (V) stored;
  }
}
