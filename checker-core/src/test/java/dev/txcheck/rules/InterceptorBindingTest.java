package dev.txcheck.rules;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CDI interceptor class carries {@code @Transactional} as its interceptor binding: its methods
 * run in no transaction of that annotation's making (the interceptor API is no dependency of the
 * fixtures, so these cases live here, as sources that are parsed, not compiled).
 */
class InterceptorBindingTest {
  @TempDir Path dir;

  private static final String BODY =
      """
        @AroundInvoke
        public Object audit(InvocationContext context) throws Exception {
          entityManager.persist(new Object());
          Object result = context.proceed();
          if (result == null) {
            throw new Exception("nothing to audit");
          }
          return result;
        }
      }
      """;

  private List<String> rulesFound(String header) throws Exception {
    Files.writeString(dir.resolve("AuditInterceptor.java"), header + BODY);
    List<Finding> findings = SourceAnalysis.findingsIn(dir);
    return findings.stream().map(Finding::ruleId).toList();
  }

  @Test
  void theBindingOnAnInterceptorMakesNoMethodTransactional() throws Exception {
    assertThat(
            rulesFound(
                """
                import jakarta.interceptor.*;
                import jakarta.persistence.EntityManager;
                import jakarta.transaction.Transactional;

                @Interceptor
                @Transactional
                public class AuditInterceptor {
                  EntityManager entityManager;
                """))
        .doesNotContain("TX006");
  }

  @Test
  void theSameClassWithoutInterceptorIsTransactional() throws Exception {
    assertThat(
            rulesFound(
                """
                import jakarta.interceptor.AroundInvoke;
                import jakarta.interceptor.InvocationContext;
                import jakarta.persistence.EntityManager;
                import jakarta.transaction.Transactional;

                @Transactional
                public class AuditInterceptor {
                  EntityManager entityManager;
                """))
        .contains("TX006");
  }
}
