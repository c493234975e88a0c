package com.acme.bank;

/** Nothing transactional in the main code. */
public class Accounts {
  public long balance(long id) {
    return id;
  }
}
