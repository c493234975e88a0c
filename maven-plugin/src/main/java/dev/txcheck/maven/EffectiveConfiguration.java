package dev.txcheck.maven;

import dev.txcheck.engine.AnalysisRequest;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * With {@code mvn -X}: what the engine is really given, after the configuration file and the
 * parameters are merged. "Why does it not see my BaseDao?" is answered by the classpath.
 */
final class EffectiveConfiguration {
  private EffectiveConfiguration() {}

  static void log(AnalysisRequest request, AbstractTxCheckMojo mojo, Log log) {
    log.debug("tx-check: source roots " + request.paths());
    log.debug("tx-check: base directory " + request.baseDirectory());
    log.debug("tx-check: SARIF locations relative to " + mojo.repositoryRoot());
    log.debug("tx-check: includes " + request.includes() + ", excludes " + request.excludes());
    log.debug(
        "tx-check: rules enabled "
            + request.enabledRules()
            + ", disabled "
            + request.disabledRules()
            + ", severities "
            + request.severities());
    log.debug(
        "tx-check: Java level "
            + request.languageLevel()
            + ", encoding "
            + (request.encoding() == null ? "UTF-8 (else ISO-8859-1)" : request.encoding())
            + ", threads "
            + request.threads()
            + ", Spring proxies "
            + (request.proxySemantics() == null ? "from the classpath" : request.proxySemantics()));
    log.debug(
        "tx-check: api files " + request.apiFiles() + ", api lines " + request.apiLines().size());
    log.debug("tx-check: formats " + mojo.formats + " in " + mojo.outputDirectory);
    log.debug(
        "tx-check: baseline " + mojo.baselineFile + (mojo.baselineFile.isFile() ? "" : " (none)"));
    log.debug(
        "tx-check: incremental cache "
            + (mojo.cacheFile() == null ? "off" : String.valueOf(mojo.cacheFile())));
    log.debug("tx-check: classpath (" + request.classpath().size() + " entries):");
    for (Path entry : request.classpath()) {
      log.debug("tx-check:   " + entry);
    }
  }
}
