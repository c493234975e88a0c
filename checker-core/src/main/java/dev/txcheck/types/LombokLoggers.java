package dev.txcheck.types;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.util.Map;

/**
 * The {@code log} field that Lombok's logger annotations ({@code @Slf4j}, {@code @Log4j2}, ...)
 * generate in the class they annotate: the sources never declare it, yet its calls are plain
 * logging that neither fails with a data error nor does data work.
 */
final class LombokLoggers {
  private static final Map<String, String> BY_ANNOTATION =
      Map.of(
          "Slf4j", "org.slf4j.Logger",
          "XSlf4j", "org.slf4j.ext.XLogger",
          "Log4j2", "org.apache.logging.log4j.Logger",
          "Log4j", "org.apache.log4j.Logger",
          "CommonsLog", "org.apache.commons.logging.Log",
          "Log", "java.util.logging.Logger",
          "JBossLog", "org.jboss.logging.Logger",
          "Flogger", "com.google.common.flogger.FluentLogger");

  private LombokLoggers() {}

  /** The type of the generated {@code log} field, or null when the type has no such annotation. */
  static String typeOf(TypeDeclaration<?> type) {
    for (AnnotationExpr annotation : type.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      String logger = BY_ANNOTATION.get(name);
      if (logger != null
          && (annotation.getName().getQualifier().isEmpty()
              || annotation.getNameAsString().startsWith("lombok."))) {
        return logger;
      }
    }
    return null;
  }
}
