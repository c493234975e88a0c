package dev.txcheck.maven;

import dev.txcheck.baseline.Baseline;
import dev.txcheck.engine.AnalysisResult;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records the module's current findings in {@code baselineFile} ({@code tx-check-baseline.json} in
 * the module's directory by default). Commit the file: {@code verify} then accepts these findings
 * and fails only on new ones.
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class BaselineMojo extends AbstractTxCheckMojo {
  @Override
  public void execute() throws MojoExecutionException {
    if (skipped()) {
      return;
    }
    AnalysisResult result = analyse();
    try {
      Baseline.write(baselineFile.toPath(), result.findings());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "tx-check: "
              + e.getMessage()
              + "; check that its directory is writable or set baselineFile",
          e);
    }
    getLog()
        .info(
            "tx-check: recorded "
                + result.findings().size()
                + (result.findings().size() == 1 ? " finding in " : " findings in ")
                + shown(baselineFile.toPath())
                + "; commit it, and tx-check:verify fails only on new findings");
  }
}
