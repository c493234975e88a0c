package dev.txcheck.report;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.rules.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One self-contained page for reviewers: summaries by rule and by file, then each finding with its
 * message, the code around it and the rule's explanation, with a filter by rule. Nothing is loaded
 * from elsewhere. Every text that comes from the analysed code or the findings goes through {@link
 * #escape}; the one script is a constant of ours and reads its data from attributes. The markup is
 * well-formed XML as well as HTML, so that tests can parse it.
 */
final class HtmlWriter implements ReportWriter {
  private static final String STYLE = resource("html-report.css");
  private static final String SCRIPT = resource("html-report.js");

  /** Columns per tab in code excerpts, as most Java editors show them. */
  private static final int TAB_WIDTH = 4;

  private final SourceLines sources;
  private final Function<String, Optional<String>> ruleDocs;

  /**
   * @param sources the analysed files' lines, for the excerpts
   * @param ruleDocs a rule's documentation page (Markdown) by rule id
   */
  HtmlWriter(SourceLines sources, Function<String, Optional<String>> ruleDocs) {
    this.sources = sources;
    this.ruleDocs = ruleDocs;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    AnalysisResult result = report.result();
    Map<String, List<Finding>> byFile = new TreeMap<>();
    Map<String, Integer> byRule = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
      byRule.merge(f.ruleId(), 1, Integer::sum);
    }
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.write("<title>tx-check report</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n");
    header(report, byFile.size(), out);
    out.write("<main>\n");
    rules(report, byRule, out);
    files(byFile, out);
    out.write("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (result.findings().isEmpty()) {
      out.write("<p class=\"none\">No findings.</p>\n");
    }
    int fileIndex = 0;
    int findingIndex = 0;
    for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
      fileIndex++;
      out.write("<section class=\"file\" id=\"file-" + fileIndex + "\">\n");
      out.write("<h3>" + escape(file.getKey()) + "</h3>\n");
      List<String> lines = sources.of(report.baseDirectory(), file.getKey());
      for (Finding f : file.getValue()) {
        finding(f, ++findingIndex, lines, report, out);
      }
      out.write("</section>\n");
    }
    out.write("</section>\n");
    problems(result.errors(), out);
    out.write("</main>\n<script>/*<![CDATA[*/\n" + SCRIPT + "/*]]>*/</script>\n</body>\n</html>\n");
  }

  private static void header(Report report, int files, Writer out) throws IOException {
    AnalysisResult result = report.result();
    out.write("<header>\n<h1>tx-check report</h1>\n<p class=\"meta\">");
    out.write(
        escape(
            "tx-check "
                + report.toolVersion()
                + " · "
                + plural(result.findings().size(), "finding")
                + " in "
                + plural(files, "file")
                + " · "
                + plural(result.filesParsed(), "file")
                + " analysed ("
                + plural((int) result.linesParsed(), "line")
                + ") of "
                + result.filesFound()
                + " found"));
    if (!result.errors().isEmpty()) {
      out.write(" · <a href=\"#problems\">" + plural(result.errors().size(), "problem") + "</a>");
    }
    out.write("</p>\n</header>\n");
  }

  private static void rules(Report report, Map<String, Integer> byRule, Writer out)
      throws IOException {
    out.write("<section id=\"rules\">\n<h2>By rule</h2>\n<table>\n<thead><tr>");
    out.write("<th>Rule</th><th>Severity</th><th class=\"n\">Findings</th><th>Finds</th>");
    out.write("</tr></thead>\n<tbody>\n");
    for (RuleInfo rule : report.rules()) {
      if (byRule.containsKey(rule.id())) {
        ruleRow(rule, byRule.get(rule.id()), out);
      }
    }
    out.write("</tbody>\n</table>\n");
    // Rules without findings are folded: listed first, they would push the findings a screen down.
    List<RuleInfo> quiet =
        report.rules().stream().filter(r -> !byRule.containsKey(r.id())).toList();
    if (!quiet.isEmpty()) {
      out.write("<details id=\"quiet-rules\"><summary>" + plural(quiet.size(), "rule"));
      out.write(" without findings</summary>\n<table>\n<tbody>\n");
      for (RuleInfo rule : quiet) {
        ruleRow(rule, 0, out);
      }
      out.write("</tbody>\n</table>\n</details>\n");
    }
    if (!byRule.isEmpty()) {
      // Shown by the script; without it every finding is listed and there is nothing to filter.
      out.write("<fieldset id=\"filter\" hidden=\"hidden\"><legend>Show rules</legend>\n");
      for (RuleInfo rule : report.rules()) { // in rule order, as the table above
        if (byRule.containsKey(rule.id())) {
          out.write("<label><input type=\"checkbox\" checked=\"checked\" data-rule=\"");
          out.write(escape(rule.id()) + "\"/> " + escape(rule.id()));
          out.write(" <span class=\"count\">" + byRule.get(rule.id()) + "</span></label>\n");
        }
      }
      out.write("<span class=\"shown\">showing <b id=\"shown\">");
      out.write(Integer.toString(byRule.values().stream().mapToInt(Integer::intValue).sum()));
      out.write("</b></span>\n</fieldset>\n");
    }
    out.write("</section>\n");
  }

  private static void ruleRow(RuleInfo rule, int findings, Writer out) throws IOException {
    out.write("<tr><td><b>" + escape(rule.id()) + "</b> " + escape(rule.name()) + "</td>");
    out.write("<td>" + severity(rule.severity().label()) + "</td>");
    out.write("<td class=\"n\">" + findings + "</td>");
    out.write("<td>" + escape(rule.summary()) + "</td></tr>\n");
  }

  private static void files(Map<String, List<Finding>> byFile, Writer out) throws IOException {
    if (byFile.isEmpty()) {
      return;
    }
    out.write("<section id=\"files\">\n<h2>By file</h2>\n<table>\n<thead><tr>");
    out.write("<th>File</th><th class=\"n\">Findings</th><th>Rules</th></tr></thead>\n<tbody>\n");
    int index = 0;
    for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
      Map<String, Integer> rules = new TreeMap<>();
      file.getValue().forEach(f -> rules.merge(f.ruleId(), 1, Integer::sum));
      // the rule filter hides a row whose rules are all unchecked
      out.write("<tr data-rules=\"" + escape(String.join(" ", rules.keySet())) + "\">");
      out.write("<td><a href=\"#file-" + ++index + "\">" + escape(file.getKey()) + "</a></td>");
      out.write("<td class=\"n\">" + file.getValue().size() + "</td><td>");
      out.write(escape(String.join(", ", rules.keySet())) + "</td></tr>\n");
    }
    out.write("</tbody>\n</table>\n</section>\n");
  }

  private void finding(Finding f, int index, List<String> lines, Report report, Writer out)
      throws IOException {
    out.write("<article class=\"finding\" id=\"finding-" + index + "\" data-rule=\"");
    out.write(escape(f.ruleId()) + "\">\n<p class=\"where\">" + severity(f.severity().label()));
    out.write(" <b>" + escape(f.ruleId()) + "</b> " + escape(f.ruleName()));
    out.write(" <span class=\"at\">line " + f.line() + ", column " + f.column());
    if (f.enclosing() != null && !f.enclosing().isEmpty()) {
      out.write(" in <code>" + escape(f.enclosing()) + "</code>");
    }
    out.write("</span></p>\n<p class=\"message\">" + escape(f.message()) + "</p>\n");
    CodeExcerpt excerpt = CodeExcerpt.around(lines, f.line(), f.endLine(), f.message());
    if (!excerpt.isEmpty()) {
      out.write("<pre class=\"code\">");
      for (int i = 0; i < excerpt.lines().size(); i++) {
        int number = excerpt.firstLine() + i;
        String kind =
            excerpt.flags(number) ? "line flagged" : excerpt.refers(number) ? "line ref" : "line";
        out.write("<span class=\"" + kind + "\"><span class=\"no\">" + number + "</span>");
        out.write(escape(CodeExcerpt.expandTabs(excerpt.lines().get(i), TAB_WIDTH)) + "</span>\n");
      }
      out.write("</pre>\n");
    }
    for (RuleInfo rule : report.rules()) {
      if (rule.id().equals(f.ruleId())) {
        out.write("<details><summary>About " + escape(rule.id()) + ": ");
        out.write(escape(rule.summary()) + "</summary>\n<pre class=\"doc\">");
        String page = ruleDocs.apply(rule.id()).map(MarkdownText::render).orElse("");
        out.write(escape(page) + "</pre></details>\n");
      }
    }
    out.write("</article>\n");
  }

  private static void problems(List<ProcessingError> errors, Writer out) throws IOException {
    if (errors.isEmpty()) {
      return;
    }
    out.write("<section id=\"problems\">\n<h2>Files not analysed</h2>\n<ul>\n");
    for (ProcessingError e : errors) {
      String where = e.line() > 0 ? e.file() + ":" + e.line() + ":" + e.column() : e.file();
      out.write("<li><code>" + escape(where) + "</code> " + escape(e.message()) + "</li>\n");
    }
    out.write("</ul>\n</section>\n");
  }

  private static String severity(String label) {
    return "<span class=\"sev " + escape(label) + "\">" + escape(label) + "</span>";
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Safe in text and in quoted attribute values. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> {
          // Control characters other than tab are not allowed in XML; show them as a mark.
          s.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
        }
      }
    }
    return s.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
