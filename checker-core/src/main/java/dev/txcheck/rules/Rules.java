package dev.txcheck.rules;

import java.util.List;

/** Every rule, sorted by id. Adding a rule means adding it here, a doc page and fixtures. */
public final class Rules {
  private Rules() {}

  public static final List<Rule> ALL =
      List.of(new MissingRollback(), new CommitInLoop(), new SwallowedException());
}
