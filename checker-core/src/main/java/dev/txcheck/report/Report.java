package dev.txcheck.report;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.rules.RuleInfo;
import java.util.List;

/**
 * Everything a report shows: the result and the rules that ran. Immutable; every writer is a pure
 * function of it.
 *
 * @param result findings and processing errors, sorted
 * @param rules the rules that ran, sorted by id
 * @param toolVersion the tx-check version
 */
public record Report(AnalysisResult result, List<RuleInfo> rules, String toolVersion) {
  public Report {
    rules = List.copyOf(rules);
  }
}
