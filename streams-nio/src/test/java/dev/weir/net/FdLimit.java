package dev.weir.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's soft limit on open files, from /proc/self/limits; -1 when unknown. */
final class FdLimit {
  private FdLimit() {}

  static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
