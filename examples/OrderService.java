import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TX003 swallowed-exception: when reserving the stock fails, the catch only logs, so the transaction commits an
 * order whose stock was never reserved.
 */
@Service
public class OrderService {
  private static final Logger log = LoggerFactory.getLogger(OrderService.class);

  private final JdbcTemplate jdbcTemplate;

  public OrderService(JdbcTemplate jdbcTemplate) {
    this.jdbcTemplate = jdbcTemplate;
  }

  @Transactional
  public void placeOrder(long orderId, String sku, int quantity) {
    jdbcTemplate.update("insert into orders (id, sku, quantity) values (?, ?, ?)", orderId, sku, quantity);
    try {
      jdbcTemplate.update("update stock set reserved = reserved + ? where sku = ?", quantity, sku);
    } catch (DataAccessException e) {
      log.warn("could not reserve {} x {}", quantity, sku, e);
    }
  }
}
