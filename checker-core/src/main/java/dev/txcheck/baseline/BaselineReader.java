package dev.txcheck.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fingerprints of a baseline file, and refuses anything that is not a baseline this
 * version wrote: a file that silently accepted nothing (or the wrong findings) would let a build
 * pass or fail for reasons no one can see.
 */
final class BaselineReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private Integer schemaVersion;
  private boolean sawFindings;
  private String badEntry;

  private BaselineReader(Path file) {
    this.file = file;
  }

  static Set<String> fingerprints(Path file, int supportedVersion) throws BaselineException {
    return new BaselineReader(file).read(supportedVersion);
  }

  private Set<String> read(int supportedVersion) throws BaselineException {
    Set<String> prints = new TreeSet<>();
    try (JsonParser json = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw refused("not a tx-check baseline (expected a JSON object)");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("schemaVersion")) {
          schemaVersion = value == JsonToken.VALUE_NUMBER_INT ? json.getIntValue() : -1;
        } else if (field.equals("findings") && value == JsonToken.START_ARRAY) {
          sawFindings = true;
          readEntries(json, prints);
        } else {
          json.skipChildren();
        }
      }
    } catch (JsonParseException e) {
      throw refused(
          e.getLocation().getLineNr() + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw refused("cannot read the baseline (" + e.getMessage() + ")");
    }
    if (schemaVersion == null || !sawFindings) {
      throw refused(
          "not a tx-check baseline (it needs \"schemaVersion\": "
              + supportedVersion
              + " and a \"findings\" array)");
    }
    if (schemaVersion != supportedVersion) {
      throw refused(
          "schemaVersion "
              + (schemaVersion < 0 ? "is not a number" : schemaVersion + " is unknown")
              + "; this tx-check reads baselines of version "
              + supportedVersion);
    }
    if (badEntry != null) {
      throw refused(badEntry);
    }
    return prints;
  }

  /** Each entry must carry its fingerprint; the other fields are for the reader of the file. */
  private void readEntries(JsonParser json, Set<String> prints) throws IOException {
    int index = 0;
    while (json.nextToken() != JsonToken.END_ARRAY) {
      index++;
      long line = json.currentLocation().getLineNr();
      String fingerprint = null;
      if (json.currentToken() == JsonToken.START_OBJECT) {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String field = json.currentName();
          JsonToken value = json.nextToken();
          if (field.equals("fingerprint") && value == JsonToken.VALUE_STRING) {
            fingerprint = json.getText();
          } else {
            json.skipChildren();
          }
        }
      } else {
        json.skipChildren();
      }
      if (fingerprint == null || fingerprint.isBlank()) {
        if (badEntry == null) {
          badEntry = line + ": finding " + index + " has no \"fingerprint\"";
        }
      } else {
        prints.add(fingerprint);
      }
    }
  }

  private BaselineException refused(String why) {
    return new BaselineException(file + (Character.isDigit(why.charAt(0)) ? ":" : ": ") + why);
  }
}
