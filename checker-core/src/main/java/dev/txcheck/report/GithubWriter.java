package dev.txcheck.report;

import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands: printed in a job's log, each finding becomes an annotation on
 * the pull request without an upload step. {@code ::error
 * file=F,line=L,col=C,endLine=E,endColumn=EC,title=TX001::message}.
 */
final class GithubWriter implements ReportWriter {
  @Override
  public void write(Report report, Writer out) throws IOException {
    for (Finding f : report.result().findings()) {
      String level =
          switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
          };
      out.write(
          "::"
              + level
              + " file="
              + property(f.file())
              + ",line="
              + f.line()
              + ",col="
              + f.column()
              + ",endLine="
              + f.endLine()
              + ",endColumn="
              + f.endColumn()
              + ",title="
              + property(f.ruleId() + " " + f.ruleName())
              + "::"
              + data(f.message())
              + "\n");
    }
    for (ProcessingError e : report.result().errors()) {
      out.write(
          "::error file="
              + property(e.file())
              + (e.line() > 0 ? ",line=" + e.line() + ",col=" + e.column() : "")
              + ",title=tx-check::"
              + data(e.message())
              + "\n");
    }
  }

  /** The message part: '%', CR and LF are escaped, as the runner expects. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: as data, plus ':' and ',' which would end it. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
