package dev.weir.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script under {@code node} for differential tests: the same scenario in Node and in Weir,
 * their traces compared. Tests call {@link #run} and are skipped cleanly where node is absent.
 */
public final class Node {
  private static Boolean available;

  private Node() {}

  /** Whether a {@code node} binary answers {@code --version}. */
  public static synchronized boolean available() {
    if (available == null) {
      try {
        Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
    }
    return available;
  }

  /**
   * Runs {@code script} (CommonJS, may {@code require('stream')}) and returns its standard output
   * lines; skips the calling test when node is not installed; fails on a non-zero exit.
   */
  public static List<String> run(String script) {
    assumeTrue(available(), "node is not installed; differential test skipped");
    try {
      Path file = Files.createTempFile("weir-diff", ".js");
      try {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("node", file.toString()).redirectErrorStream(false)
            .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("node did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
          throw new AssertionError("node exited with " + p.exitValue() + ":\n"
              + new String(err, StandardCharsets.UTF_8));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0,
            text.endsWith("\n") ? text.split("\n", -1).length - 1 : text.split("\n", -1).length);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run node", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
