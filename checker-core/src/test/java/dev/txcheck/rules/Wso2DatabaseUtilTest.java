package dev.txcheck.rules;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSO2's identity components open, commit, roll back and close their connections through Carbon's
 * IdentityDatabaseUtil, a jar no fixture compiles against: the sources are analysed as text.
 */
class Wso2DatabaseUtilTest {
  @TempDir Path dir;

  private List<String> findings(String onFailure) throws Exception {
    Files.writeString(
        dir.resolve("HistoryStore.java"),
        """
        import java.sql.Connection;
        import java.sql.PreparedStatement;
        import java.sql.SQLException;
        import org.wso2.carbon.identity.core.util.IdentityDatabaseUtil;

        public class HistoryStore {
          public void remove(String user) throws Exception {
            Connection connection = IdentityDatabaseUtil.getDBConnection(true);
            PreparedStatement statement = null;
            try {
              statement = connection.prepareStatement("delete from history where user_name = ?");
              statement.setString(1, user);
              statement.executeUpdate();
              IdentityDatabaseUtil.commitTransaction(connection);
            } catch (SQLException e) {
              %s
              throw new Exception("cannot remove the history of " + user, e);
            } finally {
              IdentityDatabaseUtil.closeStatement(statement);
              IdentityDatabaseUtil.closeConnection(connection);
            }
          }
        }
        """
            .formatted(onFailure));
    return SourceAnalysis.findingsIn(dir).stream().map(f -> f.ruleId() + ":" + f.line()).toList();
  }

  @Test
  void aFailedDeleteWithoutRollbackLeavesTheTransactionOpen() throws Exception {
    assertThat(findings("")).containsExactly("TX001:8");
  }

  @Test
  void theUtilitysRollbackEndsIt() throws Exception {
    assertThat(findings("IdentityDatabaseUtil.rollbackTransaction(connection);")).isEmpty();
    assertThat(findings("IdentityDatabaseUtil.rollBack(connection);")).isEmpty();
  }
}
