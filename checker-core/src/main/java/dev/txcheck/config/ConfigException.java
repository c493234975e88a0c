package dev.txcheck.config;

/** A configuration file that cannot be read or says something wrong; the message says where. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
