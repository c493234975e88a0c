package dev.txcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, where a redrawn progress line belongs. */
final class Terminal {
  private Terminal() {}

  /**
   * On Linux, what file descriptor 2 points at tells; elsewhere {@link System#console()}, which
   * says whether standard input and output are a terminal, is the best guess Java offers.
   */
  static boolean isStandardError() {
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return System.console() != null;
      }
    }
    return System.console() != null;
  }
}
