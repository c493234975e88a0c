package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.Statement;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgBuilder;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.rules.BodyContext;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.RuleInfo;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.CallClassifier;
import dev.txcheck.txflow.DeclarativeTx;
import dev.txcheck.txflow.HelperSummaries;
import dev.txcheck.txflow.ProxySemantics;
import dev.txcheck.txflow.TestCode;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the rules on every body of one parsed file. Used by one worker thread at a time. */
final class FileChecker {
  private final List<Rule> rules;
  private final Map<String, Severity> severities;
  private final ApiCatalog catalog;
  private final ProjectIndex index;
  private final HelperSummaries summaries;
  private final ExceptionModel exceptions;
  private final Function<Node, Cfg> graphs;
  private final ProxySemantics semantics;

  FileChecker(
      List<Rule> rules,
      Map<String, Severity> severities,
      ApiCatalog catalog,
      ProjectIndex index,
      HelperSummaries summaries,
      ExceptionModel exceptions,
      ProxySemantics semantics) {
    this.semantics = semantics;
    this.rules = rules;
    this.severities = severities;
    this.catalog = catalog;
    this.index = index;
    this.summaries = summaries;
    this.exceptions = exceptions;
    this.graphs = body -> CfgBuilder.build(body, exceptions);
  }

  /** A finding before its fingerprint, which needs the occurrence count across the whole file. */
  record Located(Finding finding, String code) {}

  /** Findings without fingerprints; the analyzer adds those once all findings are sorted. */
  List<Located> check(ParsedFile file, CompilationUnit unit) {
    CallClassifier calls = new CallClassifier(new TypeResolver(unit, index, catalog), summaries);
    DeclarativeTx declarative = new DeclarativeTx(calls, semantics);
    List<Located> findings = new ArrayList<>();
    boolean testSource = TestCode.isTestSource(file.path());
    for (Node body : unit.findAll(Node.class, Bodies::isBody)) {
      BodyContext context =
          new BodyContext(body, calls, declarative, exceptions, graphs, testSource);
      for (Rule rule : rules) {
        RuleInfo info = rule.info();
        rule.check(
            context,
            (at, message) -> {
              Finding finding = finding(file, info, at, message);
              if (!file.suppressions().suppressed(info.id(), at, finding.line())) {
                findings.add(new Located(finding, flaggedCode(at)));
              }
            });
      }
    }
    return findings;
  }

  private Finding finding(ParsedFile file, RuleInfo info, Node at, String message) {
    var range = at.getRange().orElse(null);
    int line = range == null ? 0 : range.begin.line;
    int column = range == null ? 0 : range.begin.column;
    int endLine = range == null ? 0 : range.end.line;
    int endColumn = range == null ? 0 : range.end.column;
    if (at instanceof CatchClause clause) {
      // Point at "catch (Type e)", not at the whole block.
      var param = clause.getParameter().getRange().orElse(null);
      if (param != null) {
        endLine = param.end.line;
        endColumn = param.end.column + 1;
      }
    }
    Severity severity = severities.getOrDefault(info.id(), info.severity());
    return new Finding(
        info.id(),
        info.name(),
        severity,
        message,
        file.path(),
        line,
        column,
        endLine,
        endColumn,
        enclosing(at),
        "");
  }

  /** {@code OrderDao.save(Order)}: where a reader finds the finding, stable across line shifts. */
  static String enclosing(Node at) {
    CallableDeclaration<?> callable = at.findAncestor(CallableDeclaration.class).orElse(null);
    String type =
        at.findAncestor(TypeDeclaration.class)
            .map(t -> ((TypeDeclaration<?>) t).getNameAsString())
            .orElse("");
    if (callable == null) {
      return type;
    }
    List<String> params = new ArrayList<>();
    callable.getParameters().forEach(p -> params.add(p.getType().asString()));
    return type + "." + callable.getNameAsString() + "(" + String.join(", ", params) + ")";
  }

  /** The code a fingerprint covers: the flagged statement (for a catch clause, its header). */
  private static String flaggedCode(Node at) {
    if (at instanceof CatchClause clause) {
      return "catch (" + clause.getParameter() + ")";
    }
    Node statement = at.findAncestor(Statement.class).map(s -> (Node) s).orElse(at);
    return statement instanceof com.github.javaparser.ast.stmt.BlockStmt
        ? at.toString()
        : statement.toString();
  }
}
