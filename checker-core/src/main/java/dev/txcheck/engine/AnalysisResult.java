package dev.txcheck.engine;

import dev.txcheck.finding.Finding;
import java.util.List;

/**
 * What an analysis found, sorted.
 *
 * @param findings by file, line, column, rule
 * @param errors files that could not be read or parsed, and internal errors, by file and position
 * @param filesFound Java files below the input paths
 * @param filesParsed files that passed the prefilter and were parsed
 * @param linesParsed lines of the parsed files
 * @param cache what the incremental cache did, and how much this run parsed and checked
 */
public record AnalysisResult(
    List<Finding> findings,
    List<ProcessingError> errors,
    int filesFound,
    int filesParsed,
    long linesParsed,
    CacheUse cache) {

  /** A result of a run without a cache, or one whose statistics do not matter. */
  public AnalysisResult(
      List<Finding> findings,
      List<ProcessingError> errors,
      int filesFound,
      int filesParsed,
      long linesParsed) {
    this(findings, errors, filesFound, filesParsed, linesParsed, CacheUse.NONE);
  }
}
