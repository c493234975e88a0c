package dev.txcheck.txapi;

/**
 * Which value of a call holds the transaction it acts on: the receiver ({@code conn.commit()}), the
 * call's result ({@code status = txManager.getTransaction(def)}), or an argument ({@code
 * txManager.commit(status)}).
 */
public record HandleSite(Kind kind, int argIndex) {
  public enum Kind {
    RECEIVER,
    RESULT,
    ARGUMENT
  }

  public static final HandleSite RECEIVER = new HandleSite(Kind.RECEIVER, -1);
  public static final HandleSite RESULT = new HandleSite(Kind.RESULT, -1);

  static HandleSite parse(String value) {
    if (value.equals("receiver")) {
      return RECEIVER;
    }
    if (value.equals("result")) {
      return RESULT;
    }
    if (value.matches("arg[0-9]")) {
      return new HandleSite(Kind.ARGUMENT, value.charAt(3) - '0');
    }
    throw new IllegalArgumentException(
        "on= takes receiver, result or arg0..arg9, not '" + value + "'");
  }
}
