package dev.txcheck.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a report in one format. Implementations are stateless. */
public interface ReportWriter {
  void write(Report report, Writer out) throws IOException;
}
