package dev.weir.samples.slowclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's memory as the demo reports it. */
final class Memory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private Memory() {}

  /** Heap in use right now (live and not yet collected), in bytes. */
  static long heapUsed() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** The resident set size from {@code /proc/self/status} ({@code VmRSS}), or -1 where absent. */
  static long rss() {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024; // reported in kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** {@code 12.3 MiB}-style text; "n/a" for a negative value. */
  static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / 1048576.0);
  }
}
