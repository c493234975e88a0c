package dev.txcheck.engine;

/**
 * What the incremental cache ({@code --cache FILE}) did in one run, and how much the run parsed and
 * checked (counted with or without a cache).
 *
 * @param state what became of the cache
 * @param reason why a cache file that was there could not serve (everything was analysed), in a few
 *     words; null when it served or there was none
 * @param changedFiles source files whose bytes differ from those the cache was written for
 * @param checkedFiles files the rules ran on in this run
 * @param parses how often this run parsed a file: whole files, again after the trees were let go,
 *     and heads of skipped files
 * @param warning a cache file that could not be read or written, in one line; null otherwise
 */
public record CacheUse(
    State state, String reason, int changedFiles, int checkedFiles, long parses, String warning) {

  /** No run behind it (a result built by hand). */
  public static final CacheUse NONE = new CacheUse(State.OFF, null, 0, 0, 0, null);

  public enum State {
    /** No cache asked for. */
    OFF,
    /** Everything analysed (no usable cache), and the cache written. */
    WRITTEN,
    /** Nothing changed: every result came from the cache, nothing was parsed. */
    REUSED,
    /**
     * Changed files and the files whose findings depend on them analysed again, the rest reused.
     */
    UPDATED
  }

  /** One line for a front end's log. */
  public String describe() {
    return switch (state) {
      case OFF -> "no cache";
      case WRITTEN ->
          (reason == null ? "no cache yet" : "cache not used (" + reason + ")")
              + ", every file analysed; cache written";
      case REUSED -> "no file changed since the cache was written; findings reused";
      case UPDATED ->
          changedFiles
              + (changedFiles == 1 ? " file" : " files")
              + " changed; "
              + checkedFiles
              + (checkedFiles == 1 ? " file" : " files")
              + " checked again, the rest reused from the cache";
    };
  }
}
