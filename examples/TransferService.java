import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * TX001 missing-rollback: the transaction is begun, but when debit() or credit() throws, the method is left with
 * the transaction still open. The caller returns the connection to the pool, and whoever borrows it next commits
 * (or rolls back) this half-done transfer together with its own work.
 */
public class TransferService {

  /**
   * Moves money between two accounts.
   *
   * @param conn a connection borrowed from the pool
   * @param from the account to debit
   * @param to the account to credit
   */
  public void transfer(Connection conn, long from, long to, BigDecimal amount) throws SQLException {
    conn.setAutoCommit(false);
    debit(conn, from, amount);
    credit(conn, to, amount);
    conn.commit();
  }

  private void debit(Connection conn, long account, BigDecimal amount) throws SQLException {
    credit(conn, account, amount.negate());
  }

  private void credit(Connection conn, long account, BigDecimal amount) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("update accounts set balance = balance + ? where id = ?")) {
      ps.setBigDecimal(1, amount);
      ps.setLong(2, account);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("no account " + account);
      }
    }
  }
}
