package dev.txcheck.txflow;

/**
 * Which methods Spring's transactional proxies intercept. Since Spring 6.0, class-based proxies
 * also apply {@code @Transactional} on protected and package-private methods; before, only public
 * methods were transactional.
 */
public enum ProxySemantics {
  SPRING_6,
  BEFORE_SPRING_6;

  /**
   * The semantics for a Spring major version as users write it ({@code 5}, {@code 6}, {@code 5.3}).
   *
   * @throws IllegalArgumentException naming good values
   */
  public static ProxySemantics forSpringVersion(String version) {
    String major = version.trim().split("\\.")[0];
    try {
      int n = Integer.parseInt(major);
      if (n >= 3) {
        return n < 6 ? BEFORE_SPRING_6 : SPRING_6;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException(
        "unknown Spring version '" + version + "'; use a major version such as 5 or 6");
  }
}
