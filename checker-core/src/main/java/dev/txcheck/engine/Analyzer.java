package dev.txcheck.engine;

import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txapi.CatalogException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one analysis: files, prefilter, parallel parse, index, rules, sorted findings. Thread-safe:
 * each call builds its own state.
 */
public final class Analyzer {
  private final Progress progress;

  /** Source lines of trees held at once; 0 for a budget from the heap's size. */
  private final long treeBudget;

  /** The incremental cache's file, or null for none. */
  private final Path cacheFile;

  public Analyzer() {
    this(Progress.NONE);
  }

  public Analyzer(Progress progress) {
    this(progress, 0, null);
  }

  private Analyzer(Progress progress, long treeBudget, Path cacheFile) {
    this.progress = progress;
    this.treeBudget = treeBudget;
    this.cacheFile = cacheFile;
  }

  /**
   * The same analysis holding at most {@code lines} source lines of trees at once (beyond the ones
   * in use), for tests and benchmarks: the findings must not depend on it.
   */
  public Analyzer withTreeBudget(long lines) {
    return new Analyzer(progress, lines, cacheFile);
  }

  /**
   * The same analysis with an incremental cache in {@code file} (null for none): a re-run reuses
   * the results of the files that did not change and of those whose findings do not depend on a
   * change, and the file is rewritten (see docs/decisions/incremental-cache.md). The findings are
   * the same as without it. A cache file that cannot be read or written is ignored, with a warning
   * in {@link AnalysisResult#cache()}.
   */
  public Analyzer withCache(Path file) {
    return new Analyzer(progress, treeBudget, file);
  }

  /** Reports progress to a front end; called from worker threads. */
  public interface Progress {
    Progress NONE = (phase, done, total) -> {};

    /** The two long phases: reading and parsing every file, then checking the parsed ones. */
    enum Phase {
      READING,
      CHECKING
    }

    void filesDone(Phase phase, int done, int total);
  }

  /**
   * @throws CatalogException when an extra API file cannot be read; nothing else escapes:
   *     unreadable and unparsable files become processing errors in the result
   */
  public AnalysisResult run(AnalysisRequest request) throws CatalogException {
    ApiCatalog catalog = ApiCatalog.load(request.apiFiles(), request.apiLines());
    List<ProcessingError> errors = Collections.synchronizedList(new ArrayList<>());
    List<Path> files =
        SourceFiles.collect(
            request.paths(),
            request.includes(),
            request.excludes(),
            request.baseDirectory(),
            errors);
    if (cacheFile != null) {
      return new IncrementalRun(request, catalog, files, errors, progress, treeBudget, cacheFile)
          .run();
    }
    try (Session session =
        new Session(request, catalog, files, errors, progress, treeBudget, null)) {
      return session.analyse();
    }
  }
}
