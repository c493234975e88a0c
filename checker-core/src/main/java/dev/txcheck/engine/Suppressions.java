package dev.txcheck.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways to silence a finding: {@code @SuppressWarnings("txcheck")} or
 * {@code @SuppressWarnings("txcheck:TX002")} on any enclosing declaration, and a {@code //
 * NOTXCHECK} or {@code // NOTXCHECK TX002 reason} comment on the finding's line.
 */
final class Suppressions {
  private static final Pattern MARKER =
      Pattern.compile("^\\s*NOTXCHECK\\b\\s*((?:TX\\d{3}[\\s,]*)*)(.*)$");
  private static final Pattern RULE = Pattern.compile("TX\\d{3}");
  private static final Set<String> ALL = Set.of("*");

  /** Line number to the rule ids silenced there ({@code *} for all). */
  private final Map<Integer, Set<String>> lines;

  private Suppressions(Map<Integer, Set<String>> lines) {
    this.lines = lines;
  }

  static Suppressions fromComments(Collection<Comment> comments) {
    Map<Integer, Set<String>> lines = new HashMap<>();
    for (Comment comment : comments) {
      Matcher m = MARKER.matcher(comment.getContent().strip());
      if (!m.matches() || comment.getBegin().isEmpty()) {
        continue;
      }
      List<String> ids = new ArrayList<>();
      Matcher rule = RULE.matcher(m.group(1));
      while (rule.find()) {
        ids.add(rule.group());
      }
      lines.put(comment.getBegin().get().line, ids.isEmpty() ? ALL : Set.copyOf(ids));
    }
    return new Suppressions(lines);
  }

  /**
   * What the comments silence, as text ({@code 12=*;40=TX002}): equal for two versions of a file
   * whose comments silence the same. Annotations are in the tree.
   */
  String signature() {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(lines)
        .forEach(
            (line, ids) ->
                text.append(line)
                    .append('=')
                    .append(String.join(",", new java.util.TreeSet<>(ids)))
                    .append(';'));
    return text.toString();
  }

  boolean suppressed(String ruleId, Node at, int line) {
    Set<String> onLine = lines.get(line);
    if (onLine != null && (onLine == ALL || onLine.contains(ruleId))) {
      return true;
    }
    for (Node n = at; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof NodeWithAnnotations<?> annotated && suppressedBy(annotated, ruleId)) {
        return true;
      }
    }
    return false;
  }

  private static boolean suppressedBy(NodeWithAnnotations<?> annotated, String ruleId) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      String name = annotation.getNameAsString();
      if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
        continue;
      }
      for (String value : values(annotation)) {
        if (value.equals("txcheck") || value.equals("txcheck:" + ruleId)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> values(AnnotationExpr annotation) {
    Expression value = null;
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      value = single.getMemberValue();
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      value =
          normal.getPairs().stream()
              .filter(p -> p.getNameAsString().equals("value"))
              .map(p -> p.getValue())
              .findFirst()
              .orElse(null);
    }
    List<String> result = new ArrayList<>();
    if (value instanceof StringLiteralExpr literal) {
      result.add(literal.getValue());
    } else if (value instanceof ArrayInitializerExpr array) {
      for (Expression e : array.getValues()) {
        if (e instanceof StringLiteralExpr literal) {
          result.add(literal.getValue());
        }
      }
    }
    return result;
  }
}
