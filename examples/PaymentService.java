import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/** The same three situations done right: tx-check reports nothing in this file. */
public class PaymentService {
  private final DataSource dataSource;
  private final JdbcTemplate jdbcTemplate;

  public PaymentService(DataSource dataSource, JdbcTemplate jdbcTemplate) {
    this.dataSource = dataSource;
    this.jdbcTemplate = jdbcTemplate;
  }

  /** Rolls back on every failure before the exception leaves (TX001). */
  public void transfer(long from, long to, BigDecimal amount) throws SQLException {
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try {
        book(conn, from, amount.negate());
        book(conn, to, amount);
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    }
  }

  /** Commits once after the loop (TX002). */
  public void bookAll(Connection conn, List<Long> accounts, BigDecimal fee) throws SQLException {
    conn.setAutoCommit(false);
    try {
      for (long account : accounts) {
        book(conn, account, fee.negate());
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      conn.rollback();
      throw e;
    }
  }

  /** Marks the transaction rollback-only instead of letting the partial work commit (TX003). */
  @Transactional
  public boolean charge(long account, BigDecimal amount) {
    jdbcTemplate.update("insert into charges (account_id, amount) values (?, ?)", account, amount);
    try {
      jdbcTemplate.update("update accounts set balance = balance - ? where id = ?", amount, account);
      return true;
    } catch (DataAccessException e) {
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return false;
    }
  }

  private void book(Connection conn, long account, BigDecimal amount) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("update accounts set balance = balance + ? where id = ?")) {
      ps.setBigDecimal(1, amount);
      ps.setLong(2, account);
      ps.executeUpdate();
    }
  }
}
