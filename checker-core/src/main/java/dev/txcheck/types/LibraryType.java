package dev.txcheck.types;

import java.util.List;
import java.util.Map;

/**
 * What a class file on the classpath tells about a type: its supertypes and the declared types of
 * its fields, with source-style names ({@code a.B.Inner}, not {@code a.B$Inner}).
 */
public record LibraryType(String name, List<String> supertypes, Map<String, String> fields) {
  public LibraryType {
    supertypes = List.copyOf(supertypes);
    fields = Map.copyOf(fields);
  }
}
