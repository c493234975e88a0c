package dev.txcheck.report;

import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Checkstyle XML, which Sonar, Jenkins and reviewdog import: one {@code <file>} per file, one
 * {@code <error>} per finding ({@code source="tx-check.TX001"}) and per processing error ({@code
 * source="tx-check.input"}).
 */
final class CheckstyleWriter implements ReportWriter {
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  /** Line breaks in an attribute would be read back as blanks anyway; say so plainly. */
  static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    Map<String, List<String[]>> byFile = new TreeMap<>();
    for (Finding f : report.result().findings()) {
      byFile
          .computeIfAbsent(f.file(), k -> new ArrayList<>())
          .add(
              new String[] {
                Integer.toString(f.line()),
                Integer.toString(f.column()),
                f.severity().label(),
                "[" + f.ruleId() + "] " + oneLine(f.message()),
                "tx-check." + f.ruleId()
              });
    }
    for (ProcessingError e : report.result().errors()) {
      byFile
          .computeIfAbsent(e.file(), k -> new ArrayList<>())
          .add(
              new String[] {
                Integer.toString(e.line()),
                Integer.toString(e.column()),
                "error",
                oneLine(e.message()),
                "tx-check.input"
              });
    }
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("checkstyle");
      xml.writeAttribute("version", "tx-check " + report.toolVersion());
      for (Map.Entry<String, List<String[]>> file : byFile.entrySet()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("file");
        xml.writeAttribute("name", file.getKey());
        for (String[] error : file.getValue()) {
          xml.writeCharacters("\n    ");
          xml.writeEmptyElement("error");
          xml.writeAttribute("line", error[0]);
          xml.writeAttribute("column", error[1]);
          xml.writeAttribute("severity", error[2]);
          xml.writeAttribute("message", error[3]);
          xml.writeAttribute("source", error[4]);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the Checkstyle report: " + e.getMessage(), e);
    }
  }
}
