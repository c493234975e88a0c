package dev.txcheck.types;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a computation read of the sources, recorded on its own thread for the incremental cache: the
 * files whose trees it used, the heads of files read for their supertypes only, and the method
 * names whose callers it looked up in the files' text. The engine opens a frame around each file's
 * check; every tree fetched meanwhile is noted by the store, and every answer remembered across
 * files ({@link Memo}) keeps what it was computed from and adds it to the frame of whoever uses it
 * later. So a file's frame ends up with every file its findings may depend on, whichever worker
 * computed the answers it used; the rules know nothing of it.
 *
 * <p>Without a frame (no cache asked for) every call here costs one thread-local look-up.
 */
public final class Reads {
  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  /** Keys that are no path: a path starts with a letter, '/', '\\' or '.'. */
  private static final String HEAD = "\u0000head:";

  private static final String CALLED = "\u0000called:";

  private Reads() {}

  /** The key of a file's whole text (its tree), by its path as the store keys it. */
  public static String fileKey(String path) {
    return SourceUnits.normalized(path);
  }

  /** The key of a file's head: its text up to the opening brace of its first type. */
  public static String headKey(String path) {
    return HEAD + SourceUnits.normalized(path);
  }

  /** The key of the set of files whose text calls or references a method of this name. */
  public static String calledKey(String name) {
    return CALLED + name;
  }

  /** The path of a {@link #headKey}, or null for another key. */
  public static String headPath(String key) {
    return key.startsWith(HEAD) ? key.substring(HEAD.length()) : null;
  }

  /** The name of a {@link #calledKey}, or null for another key. */
  public static String calledName(String key) {
    return key.startsWith(CALLED) ? key.substring(CALLED.length()) : null;
  }

  /**
   * Starts recording on this thread (a file's check, a type's summaries): close it when done; it
   * adds what it read to the frame around it, if any.
   */
  public static Frame record() {
    Frame frame = new Frame(CURRENT.get());
    CURRENT.set(frame);
    return frame;
  }

  /**
   * A frame for an answer about to be remembered across files, when this thread records; null
   * otherwise (try-with-resources accepts it).
   */
  public static Frame open() {
    return CURRENT.get() == null ? null : record();
  }

  /** True when this thread records what it reads. */
  public static boolean recording() {
    return CURRENT.get() != null;
  }

  /** The tree (or the whole text) of a file was used. */
  public static void file(String path) {
    Frame frame = CURRENT.get();
    if (frame != null) {
      frame.reads.add(fileKey(path));
    }
  }

  /** The head of a file (package, imports, annotations and supertypes of its type) was used. */
  public static void head(String path) {
    Frame frame = CURRENT.get();
    if (frame != null) {
      frame.reads.add(headKey(path));
    }
  }

  /** The files whose text calls (or references) a method of this name were looked up. */
  public static void called(String name) {
    Frame frame = CURRENT.get();
    if (frame != null) {
      frame.reads.add(calledKey(name));
    }
  }

  /** What a remembered answer was computed from: its user read it all. */
  public static void all(Set<String> keys) {
    Frame frame = CURRENT.get();
    if (frame != null && !keys.isEmpty() && frame.replayed.add(keys)) {
      frame.reads.addAll(keys);
    }
  }

  /**
   * Everything the frames of this thread read so far, the enclosing ones too: for an answer that
   * uses state the enclosing computation built (a classifier shared with it).
   */
  public static Set<String> enclosing() {
    Set<String> all = new HashSet<>();
    for (Frame frame = CURRENT.get(); frame != null; frame = frame.parent) {
      all.addAll(frame.reads);
    }
    return Set.copyOf(all);
  }

  /** One computation's reads; frames nest, each adds its reads to the enclosing one on close. */
  public static final class Frame implements AutoCloseable {
    private final Frame parent;
    private final Set<String> reads = new HashSet<>();

    /** Remembered answers already added, by identity: the same answer is used again and again. */
    private final Set<Set<String>> replayed = Collections.newSetFromMap(new IdentityHashMap<>());

    private Frame(Frame parent) {
      this.parent = parent;
    }

    /** What this frame read so far, its inner frames included. */
    public Set<String> reads() {
      return Set.copyOf(reads);
    }

    /** Adds keys as if read. */
    public void add(Collection<String> keys) {
      reads.addAll(keys);
    }

    @Override
    public void close() {
      CURRENT.set(parent);
      if (parent != null) {
        parent.reads.addAll(reads);
      }
    }
  }
}
