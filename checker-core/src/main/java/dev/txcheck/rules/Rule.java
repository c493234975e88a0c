package dev.txcheck.rules;

/**
 * A check run on every body (method, constructor, initializer, lambda) of the files that may
 * matter.
 */
public interface Rule {
  void check(BodyContext body, Reporter reporter);

  default RuleInfo info() {
    return getClass().getAnnotation(RuleInfo.class);
  }
}
