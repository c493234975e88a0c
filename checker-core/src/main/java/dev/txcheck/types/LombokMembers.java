package dev.txcheck.types;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members that Lombok generates and the sources never declare, yet code uses: the {@code log}
 * field of its logger annotations ({@code @Slf4j}, {@code @Log4j2}, ...), whose calls are plain
 * logging, and the getters and setters of {@code @Getter} and {@code @Setter} (on a field or its
 * class), {@code @Data} and {@code @Value} ({@code factory.getJdbcUrl()}), which only read or set a
 * field.
 */
final class LombokMembers {
  private static final Map<String, String> LOGGERS =
      Map.of(
          "Slf4j", "org.slf4j.Logger",
          "XSlf4j", "org.slf4j.ext.XLogger",
          "Log4j2", "org.apache.logging.log4j.Logger",
          "Log4j", "org.apache.log4j.Logger",
          "CommonsLog", "org.apache.commons.logging.Log",
          "Log", "java.util.logging.Logger",
          "JBossLog", "org.jboss.logging.Logger",
          "Flogger", "com.google.common.flogger.FluentLogger");

  private static final Set<String> GETTERS = Set.of("Getter", "Data", "Value");
  private static final Set<String> SETTERS = Set.of("Setter", "Data");

  private LombokMembers() {}

  /** The type of the generated {@code log} field, or null when the type has no such annotation. */
  static String loggerType(TypeDeclaration<?> type) {
    for (AnnotationExpr annotation : type.getAnnotations()) {
      String logger = LOGGERS.get(lombokName(annotation));
      if (logger != null) {
        return logger;
      }
    }
    return null;
  }

  /** "name/arity" of the accessors Lombok generates for the type's fields. */
  static List<String> accessors(TypeDeclaration<?> type) {
    boolean allGetters = annotated(type, GETTERS);
    boolean allSetters = annotated(type, SETTERS);
    List<String> accessors = new ArrayList<>();
    for (FieldDeclaration field : type.getFields()) {
      if (field.isStatic()) {
        continue;
      }
      boolean getter = allGetters || annotated(field, Set.of("Getter"));
      boolean setter = (allSetters || annotated(field, Set.of("Setter"))) && !field.isFinal();
      for (VariableDeclarator variable : field.getVariables()) {
        String name = capitalised(variable.getNameAsString());
        if (getter) {
          boolean flag = variable.getType().asString().equals("boolean");
          accessors.add((flag ? "is" : "get") + name + "/0");
        }
        if (setter) {
          accessors.add("set" + name + "/1");
        }
      }
    }
    return accessors;
  }

  private static boolean annotated(NodeWithAnnotations<?> node, Set<String> names) {
    return node.getAnnotations().stream().anyMatch(a -> names.contains(lombokName(a)));
  }

  /**
   * The simple name of an annotation written as Lombok's: unqualified (imported) or under {@code
   * lombok.}; empty for another qualified name.
   */
  private static String lombokName(AnnotationExpr annotation) {
    boolean lombok =
        annotation.getName().getQualifier().isEmpty()
            || annotation.getNameAsString().startsWith("lombok.");
    return lombok ? annotation.getName().getIdentifier() : "";
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
