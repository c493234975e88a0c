package com.acme.orders;

import com.acme.db.BaseDao;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/** txManager's type is known only from BaseDao's class file, a dependency of this module. */
public class OrderDao extends BaseDao {
  public OrderDao(PlatformTransactionManager txManager) {
    super(txManager);
  }

  public void place(String order) {
    TransactionStatus status = txManager.getTransaction(new DefaultTransactionDefinition());
    insert(order);
    txManager.commit(status);
  }

  private void insert(String order) {
    if (order.isEmpty()) {
      throw new IllegalArgumentException("empty order");
    }
  }
}
