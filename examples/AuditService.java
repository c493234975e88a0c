import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Two mistakes that look harmless: a transaction no proxy applies, and a connection that leaks. */
@Service
public class AuditService {
  private final DataSource dataSource;

  public AuditService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void recordLogin(String user) throws SQLException {
    writeEntry(user, "login");
  }

  /** Meant to commit the entry on its own, whatever the caller does; private, so no proxy sees it. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  private void writeEntry(String user, String action) throws SQLException {
    insert(user, action);
  }

  /** The connection is never closed when the insert fails, and the pool runs dry. */
  public void insert(String user, String action) throws SQLException {
    Connection conn = dataSource.getConnection();
    PreparedStatement insert = conn.prepareStatement("insert into audit(usr, action) values (?, ?)");
    insert.setString(1, user);
    insert.setString(2, action);
    insert.executeUpdate();
    conn.close();
  }
}
