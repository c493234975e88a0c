package dev.txcheck.report;

import dev.txcheck.rules.RuleDocs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report formats, each with its writer and the file name it gets in an output directory. */
public enum Format {
  TEXT(new TextWriter(), "tx-check.txt"),
  JSON(new JsonWriter(), "tx-check.json"),
  SARIF(new SarifWriter(RuleDocs::of), "tx-check.sarif"),
  CHECKSTYLE(new CheckstyleWriter(), "tx-check-checkstyle.xml"),
  GITHUB(new GithubWriter(), "tx-check-github.txt"),
  HTML(new HtmlWriter(SourceLines.fromDisk(), RuleDocs::of), "tx-check.html");

  private final ReportWriter writer;
  private final String fileName;

  Format(ReportWriter writer, String fileName) {
    this.writer = writer;
    this.fileName = fileName;
  }

  public ReportWriter writer() {
    return writer;
  }

  /** The file name in an output directory. */
  public String fileName() {
    return fileName;
  }

  /**
   * {@code json}, {@code JSON}: a format; anything else is an IllegalArgumentException naming the
   * choices.
   */
  public static Format parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + name + "'; choose text, json, sarif, checkstyle, github or html");
    }
  }

  /** Several names, as {@link #parse} reads each; a format named twice is written once. */
  public static List<Format> parseAll(List<String> names) {
    List<Format> formats = new ArrayList<>();
    for (String name : names) {
      Format format = parse(name);
      if (!formats.contains(format)) {
        formats.add(format);
      }
    }
    return formats;
  }
}
