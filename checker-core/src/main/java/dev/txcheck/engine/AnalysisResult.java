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
 */
public record AnalysisResult(
    List<Finding> findings,
    List<ProcessingError> errors,
    int filesFound,
    int filesParsed,
    long linesParsed) {}
