package dev.txcheck.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/** The text format: compiler-style finding lines, then processing errors and the summary. */
final class TextWriter implements ReportWriter {
  @Override
  public void write(Report report, Writer out) throws IOException {
    PrintWriter print = new PrintWriter(out);
    TextReport.findings(report.result(), print);
    TextReport.errors(report.result(), print);
    print.println(TextReport.summary(report.result()));
    print.flush();
  }
}
