package dev.txcheck.rules;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What TX003 says happens to a @Transactional method's transaction after a swallowed failure: a
 * JDBC statement that failed was undone alone, so the work before it commits; a failed JPA call
 * marks the whole transaction rollback-only, so the commit fails instead.
 */
class SwallowedExceptionMessageTest {
  @TempDir Path dir;

  private String messageFor(String work) throws Exception {
    Files.writeString(
        dir.resolve("JobLocks.java"),
        """
        import jakarta.persistence.EntityManager;
        import org.springframework.jdbc.core.JdbcTemplate;
        import org.springframework.transaction.annotation.Transactional;

        public class JobLocks {
          EntityManager entityManager;
          JdbcTemplate jdbcTemplate;

          @Transactional
          public boolean lock(String job) {
            jdbcTemplate.update("update job set seen = seen + 1 where name = ?", job);
            try {
              %s
              return true;
            } catch (RuntimeException e) {
              return false;
            }
          }
        }
        """
            .formatted(work));
    List<Finding> findings = SourceAnalysis.findingsIn(dir);
    return findings.stream()
        .filter(f -> f.ruleId().equals("TX003"))
        .map(Finding::message)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aFailedJdbcStatementLeavesTheWorkBeforeItToCommit() throws Exception {
    assertThat(messageFor("jdbcTemplate.update(\"insert into job_lock(name) values (?)\", job);"))
        .contains("the work done before the failure is committed without the rest");
  }

  @Test
  void aFailedJpaCallMakesTheCommitFail() throws Exception {
    assertThat(
            messageFor(
                "entityManager.createNativeQuery(\"insert into job_lock(name) values (?)\")"
                    + ".setParameter(1, job).executeUpdate();"))
        .contains("marks the transaction rollback-only, so the commit fails later");
  }
}
