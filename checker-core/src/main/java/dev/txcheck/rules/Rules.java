package dev.txcheck.rules;

import java.util.List;
import java.util.Locale;

/** Every rule, sorted by id. Adding a rule means adding it here, a doc page and fixtures. */
public final class Rules {
  private Rules() {}

  public static final List<Rule> ALL =
      List.of(
          new MissingRollback(),
          new CommitInLoop(),
          new SwallowedException(),
          new TransactionalNonProxyable(),
          new SelfInvocation(),
          new CheckedExceptionNoRollback(),
          new ReadOnlyWrite(),
          new RemoteCallInTransaction(),
          new ResourceLeak(),
          new CommitInFinally(),
          new SessionReuseAfterFailure(),
          new RollbackMasksException(),
          new SavepointMisuse(),
          new NonAtomicMultiWrite());

  /**
   * The id of a known rule, written in any case ({@code tx002} is {@code TX002}).
   *
   * @throws IllegalArgumentException naming the known rules when there is no such rule
   */
  public static String knownId(String written) {
    String id = written.trim().toUpperCase(Locale.ROOT);
    for (Rule rule : ALL) {
      if (rule.info().id().equals(id)) {
        return id;
      }
    }
    throw new IllegalArgumentException(
        "unknown rule '"
            + written
            + "'; known rules: "
            + ALL.stream().map(r -> r.info().id()).toList());
  }
}
