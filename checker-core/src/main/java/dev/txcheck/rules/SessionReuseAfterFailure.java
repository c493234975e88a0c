package dev.txcheck.rules;

import dev.txcheck.finding.Severity;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.SessionFailures;

/**
 * TX011: an EntityManager or Hibernate Session used again after one of its calls failed, without
 * being rolled back and discarded.
 */
@RuleInfo(
    id = "TX011",
    name = "session-reuse-after-failure",
    severity = Severity.ERROR,
    summary =
        "A JPA EntityManager or Hibernate Session is used again after a flush, persist, merge, query or"
            + " commit on it failed, without rolling it back and discarding it.")
public final class SessionReuseAfterFailure implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!body.callsAny(Effect.POISONS)) {
      return; // most bodies: no graph needed
    }
    for (SessionFailures.Reuse reuse : body.sessionFailures().reuses()) {
      String session = reuse.session().display();
      reporter.report(
          reuse.use(),
          Messages.shortText(reuse.use())
              + " on line "
              + Messages.line(reuse.use())
              + " works on "
              + session
              + " after "
              + Messages.shortText(reuse.failed())
              + " on line "
              + Messages.line(reuse.failed())
              + (Messages.line(reuse.failed()) >= Messages.line(reuse.use())
                  ? " may have failed in an earlier round"
                  : " may have failed")
              + (reuse.rolledBack()
                  ? "; the rollback ended the transaction, but a Hibernate Session keeps the"
                      + " failed state in its persistence context, so also clear() or close "
                      + session
                      + " before using it again"
                  : "; a failed call leaves the persistence context inconsistent, so roll"
                      + " back, close "
                      + session
                      + " and go on with a new one"));
    }
  }
}
