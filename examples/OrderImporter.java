import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * TX002 commit-in-loop: every order is committed on its own, so a failure half-way through the file leaves the
 * first orders imported and the rest not, and every row pays for a commit.
 */
public class OrderImporter {

  public record Order(long id, long customerId, BigDecimal total) {}

  /** @param conn a connection in manual-commit mode (the pool is configured with autoCommit=false) */
  public void importOrders(Connection conn, List<Order> orders) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("insert into orders (id, customer_id, total) values (?, ?, ?)")) {
      for (Order order : orders) {
        ps.setLong(1, order.id());
        ps.setLong(2, order.customerId());
        ps.setBigDecimal(3, order.total());
        ps.executeUpdate();
        conn.commit();
      }
    }
  }
}
