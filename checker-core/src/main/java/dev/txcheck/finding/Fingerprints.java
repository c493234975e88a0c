package dev.txcheck.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints that survive line shifts: a hash of the rule, the file, the enclosing method and the
 * flagged code with its white space normalised. Two identical statements in one method are told
 * apart by their occurrence index.
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static String of(
      String ruleId, String file, String enclosing, String code, int occurrence) {
    String normalisedFile = file.replace('\\', '/');
    String normalisedCode = code.replaceAll("\\s+", " ").trim();
    String input =
        String.join(
            "\n", ruleId, normalisedFile, enclosing, normalisedCode, Integer.toString(occurrence));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
