package dev.txcheck.rules;

import dev.txcheck.finding.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, in one place. The long form lives in {@code docs/rules/<id>.md}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  /** {@code TXnnn}; never reused. */
  String id();

  /** kebab-case name. */
  String name();

  Severity severity();

  /** One sentence. */
  String summary();

  /**
   * False for a rule that runs only when enabled ({@code --enable}, the configuration file), such
   * as one whose precision is still being proven on real code.
   */
  boolean onByDefault() default true;
}
