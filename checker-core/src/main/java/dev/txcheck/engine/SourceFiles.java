package dev.txcheck.engine;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds the {@code *.java} files below the input paths; problems become processing errors, never
 * exceptions.
 */
final class SourceFiles {
  private SourceFiles() {}

  static List<Path> collect(
      List<Path> inputs,
      List<String> includes,
      List<String> excludes,
      Path base,
      List<ProcessingError> errors) {
    Filter filter = new Filter(includes, excludes);
    TreeSet<Path> files = new TreeSet<>();
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        errors.add(new ProcessingError(display(input, base), 0, 0, "no such file or directory"));
      } else if (Files.isDirectory(input)) {
        walk(input, filter, files, base, errors);
      } else if (!Files.isReadable(input)) {
        errors.add(new ProcessingError(display(input, base), 0, 0, "file is not readable"));
      } else if (!filter.excluded(input.getFileName())) {
        files.add(input.normalize()); // a file named explicitly is analysed whatever its extension
      }
    }
    return new ArrayList<>(files);
  }

  /**
   * Glob patterns over a file's path below its input directory ({@code **}{@code /generated/**}).
   */
  private static final class Filter {
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;

    Filter(List<String> includes, List<String> excludes) {
      this.includes = includes.stream().map(Filter::matcher).toList();
      this.excludes = excludes.stream().map(Filter::matcher).toList();
    }

    private static PathMatcher matcher(String glob) {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    boolean excluded(Path relative) {
      return excludes.stream().anyMatch(m -> m.matches(relative));
    }

    boolean accepts(Path relative) {
      return (includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(relative)))
          && !excluded(relative);
    }
  }

  private static void walk(
      Path root, Filter filter, TreeSet<Path> files, Path base, List<ProcessingError> errors) {
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!file.getFileName().toString().endsWith(".java")
                  || !filter.accepts(root.relativize(file))) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isRegularFile()) {
                files.add(file.normalize());
              } else if (attrs.isSymbolicLink()) {
                // Links are followed, so a link's own attributes mean its target is gone.
                errors.add(
                    new ProcessingError(
                        display(file, base), 0, 0, "broken symbolic link; skipped"));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String why =
                  e instanceof FileSystemLoopException
                      ? "directory loop (a symbolic link points back to a parent); skipped"
                      : e instanceof NoSuchFileException
                          ? "broken symbolic link; skipped"
                          : "cannot read (" + e.getClass().getSimpleName() + "); skipped";
              errors.add(new ProcessingError(display(file, base), 0, 0, why));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      errors.add(
          new ProcessingError(
              display(root, base), 0, 0, "cannot walk directory: " + e.getMessage()));
    }
  }

  /**
   * How findings and errors name a file: relative to the base directory when it lies below it, else
   * as given.
   */
  static String display(Path path, Path base) {
    Path shown = path.normalize();
    if (base != null) {
      Path absolute = path.toAbsolutePath().normalize();
      if (absolute.startsWith(base) && !absolute.equals(base)) {
        shown = base.relativize(absolute);
      }
    }
    return shown.toString().replace('\\', '/');
  }
}
