package dev.txcheck.rules;

import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.engine.Analyzer;
import dev.txcheck.finding.Finding;
import dev.txcheck.txapi.CatalogException;
import java.nio.file.Path;
import java.util.List;

/**
 * The findings of sources written by a test, for libraries no fixture compiles against: the whole
 * engine on one thread, as the CLI runs it.
 */
final class SourceAnalysis {
  private SourceAnalysis() {}

  static List<Finding> findingsIn(Path dir) throws CatalogException {
    return new Analyzer().run(AnalysisRequest.builder(List.of(dir)).threads(1).build()).findings();
  }
}
