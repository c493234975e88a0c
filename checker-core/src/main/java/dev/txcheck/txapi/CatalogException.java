package dev.txcheck.txapi;

/** A catalog line that cannot be read; the message names the file and line. */
public final class CatalogException extends Exception {
  private static final long serialVersionUID = 1L;

  CatalogException(String message) {
    super(message);
  }
}
