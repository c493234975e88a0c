package dev.txcheck.maven;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.report.TextReport;
import dev.txcheck.rules.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.doxia.sink.Sink;

/**
 * The tx-check page of a Maven site, in the site's own look (Doxia events, as PMD's and SpotBugs'
 * pages are): a summary, the findings per rule, then per file with line, column and message, the
 * files that could not be analysed, and a link to the standalone HTML report with the code of each
 * finding.
 */
final class SitePage {
  private final Sink sink;

  SitePage(Sink sink) {
    this.sink = sink;
  }

  void render(AnalysisResult result, List<RuleInfo> rules, String fullReport) {
    sink.head();
    sink.title();
    sink.text("tx-check");
    sink.title_();
    sink.head_();
    sink.body();
    sink.section1();
    sink.sectionTitle1();
    sink.text("tx-check: transaction bugs");
    sink.sectionTitle1_();
    paragraph(TextReport.summary(result).replaceFirst("^tx-check: ", "") + ".");
    sink.paragraph();
    sink.text("The findings with their code, rule by rule: ");
    sink.link(fullReport);
    sink.text(fullReport);
    sink.link_();
    sink.text(".");
    sink.paragraph_();
    byRule(result, rules);
    byFile(result);
    errors(result.errors());
    sink.section1_();
    sink.body_();
    sink.flush();
    sink.close();
  }

  private void byRule(AnalysisResult result, List<RuleInfo> rules) {
    Map<String, Integer> counts = new TreeMap<>();
    result.findings().forEach(f -> counts.merge(f.ruleId(), 1, Integer::sum));
    if (counts.isEmpty()) {
      return;
    }
    section("Rules");
    sink.table();
    sink.tableRows(null, false);
    row(true, "Rule", "Name", "Severity", "Findings", "What it finds");
    for (RuleInfo rule : rules) {
      Integer count = counts.get(rule.id());
      if (count != null) {
        row(
            false,
            rule.id(),
            rule.name(),
            rule.severity().label(),
            String.valueOf(count),
            rule.summary());
      }
    }
    sink.tableRows_();
    sink.table_();
    sink.section2_();
  }

  private void byFile(AnalysisResult result) {
    Map<String, List<Finding>> files = new LinkedHashMap<>();
    result
        .findings()
        .forEach(f -> files.computeIfAbsent(f.file(), k -> new java.util.ArrayList<>()).add(f));
    if (files.isEmpty()) {
      return;
    }
    section("Files");
    for (Map.Entry<String, List<Finding>> file : files.entrySet()) {
      sink.paragraph();
      sink.bold();
      sink.text(file.getKey());
      sink.bold_();
      sink.paragraph_();
      sink.table();
      sink.tableRows(null, false);
      row(true, "Line", "Rule", "Severity", "Message");
      for (Finding f : file.getValue()) {
        row(
            false,
            f.line() + ":" + f.column(),
            f.ruleId(),
            f.severity().label(),
            TextReport.oneLine(f.message()));
      }
      sink.tableRows_();
      sink.table_();
    }
    sink.section2_();
  }

  private void errors(List<ProcessingError> errors) {
    if (errors.isEmpty()) {
      return;
    }
    section("Files not analysed");
    sink.list();
    for (ProcessingError error : errors) {
      sink.listItem();
      sink.text(error.toString());
      sink.listItem_();
    }
    sink.list_();
    sink.section2_();
  }

  private void section(String title) {
    sink.section2();
    sink.sectionTitle2();
    sink.text(title);
    sink.sectionTitle2_();
  }

  private void paragraph(String text) {
    sink.paragraph();
    sink.text(text);
    sink.paragraph_();
  }

  private void row(boolean header, String... cells) {
    sink.tableRow();
    for (String cell : cells) {
      if (header) {
        sink.tableHeaderCell();
      } else {
        sink.tableCell();
      }
      sink.text(cell);
      if (header) {
        sink.tableHeaderCell_();
      } else {
        sink.tableCell_();
      }
    }
    sink.tableRow_();
  }
}
