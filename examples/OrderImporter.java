import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * TX002 commit-in-loop: the import replaces yesterday's orders, but the delete is committed with the first order only,
 * so a failure half-way through the file leaves yesterday's orders gone and only part of today's imported.
 */
public class OrderImporter {

  public record Order(long id, long customerId, BigDecimal total) {}

  /** @param conn a connection in manual-commit mode (the pool is configured with autoCommit=false) */
  public void replaceOrders(Connection conn, List<Order> orders) throws SQLException {
    try (PreparedStatement delete = conn.prepareStatement("delete from orders where imported");
        PreparedStatement insert =
            conn.prepareStatement("insert into orders (id, customer_id, total, imported) values (?, ?, ?, true)")) {
      delete.executeUpdate();
      for (Order order : orders) {
        insert.setLong(1, order.id());
        insert.setLong(2, order.customerId());
        insert.setBigDecimal(3, order.total());
        insert.executeUpdate();
        conn.commit();
      }
    }
  }
}
