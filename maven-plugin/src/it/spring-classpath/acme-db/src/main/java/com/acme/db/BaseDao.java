package com.acme.db;

import org.springframework.transaction.PlatformTransactionManager;

/** The company's DAO base class, shipped in a jar: subclasses inherit the transaction manager. */
public abstract class BaseDao {
  protected final PlatformTransactionManager txManager;

  protected BaseDao(PlatformTransactionManager txManager) {
    this.txManager = txManager;
  }
}
