package dev.txcheck.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lines of an analysed file, for reports that show code around a finding. */
@FunctionalInterface
public interface SourceLines {
  /**
   * The file's lines, or an empty list when it cannot be read (the report then shows no code).
   *
   * @param baseDirectory the report's base directory, which relative file names are relative to
   * @param file the file as a finding names it
   */
  List<String> of(Path baseDirectory, String file);

  /** Reads the files from disk, as UTF-8 or, failing that, ISO-8859-1 (as the analysis does). */
  static SourceLines fromDisk() {
    return (baseDirectory, file) -> {
      Path path = baseDirectory.resolve(file);
      try {
        return Files.readAllLines(path, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        try {
          return Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (IOException again) {
          return List.of();
        }
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    };
  }
}
