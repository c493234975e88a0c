package dev.txcheck.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The root of the version-controlled checkout a directory belongs to: the nearest directory at or
 * above it that holds {@code .git} (a directory, or a file in a worktree or submodule). GitHub code
 * scanning reads SARIF locations relative to it, whichever module or directory was analysed.
 */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  public static Optional<Path> above(Path directory) {
    for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }
}
