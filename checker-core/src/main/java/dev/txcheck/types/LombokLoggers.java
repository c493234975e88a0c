package dev.txcheck.types;

import java.util.Map;
import java.util.Set;

/**
 * The {@code log} field that Lombok's logger annotations add to a class: it is in no source file,
 * and a call on a receiver of unknown type is taken to run any method of the sources with that name
 * (a {@code log.info(...)} after a repository call then looked like work that can fail half done).
 */
final class LombokLoggers {
  static final String FIELD = "log";

  private static final Map<String, String> LOGGER_BY_ANNOTATION =
      Map.of(
          "lombok.extern.slf4j.Slf4j", "org.slf4j.Logger",
          "lombok.extern.slf4j.XSlf4j", "org.slf4j.ext.XLogger",
          "lombok.extern.log4j.Log4j2", "org.apache.logging.log4j.Logger",
          "lombok.extern.log4j.Log4j", "org.apache.log4j.Logger",
          "lombok.extern.apachecommons.CommonsLog", "org.apache.commons.logging.Log",
          "lombok.extern.java.Log", "java.util.logging.Logger",
          "lombok.extern.jbosslog.JBossLog", "org.jboss.logging.Logger",
          "lombok.extern.flogger.Flogger", "com.google.common.flogger.FluentLogger");

  private LombokLoggers() {}

  /** The type of the logger field that one of the (qualified) annotations adds, or null. */
  static String loggerType(Set<String> annotations) {
    for (String annotation : annotations) {
      String logger = LOGGER_BY_ANNOTATION.get(annotation);
      if (logger != null) {
        return logger;
      }
    }
    return null;
  }
}
