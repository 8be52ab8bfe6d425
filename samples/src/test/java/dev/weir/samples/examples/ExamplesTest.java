package dev.weir.samples.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.samples.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of {@code samples/EXAMPLES.md} prints exactly what its Node original prints: the
 * output recorded from node 20 ({@code src/test/resources/examples/<name>.out}) and, where
 * {@code node} is installed, the output of running the {@code .js} original now.
 */
@Timeout(30)
class ExamplesTest {
  /** The Node originals and their recorded outputs (the working directory is the module's). */
  static final Path SOURCES = Path.of("src/test/resources/examples");

  static Stream<String> names() {
    return Examples.EXAMPLES.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void printsWhatTheNodeOriginalPrinted(String name) throws IOException {
    String expected = Files.readString(SOURCES.resolve(name + ".out"), StandardCharsets.UTF_8);
    assertEquals(expected, run(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void printsWhatNodePrintsNow(String name) {
    assertEquals(Node.run(SOURCES.resolve(name + ".js")), run(name));
  }

  @Test
  void everyExampleHasItsNodeOriginalAndEveryOriginalItsExample() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files = list.map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> expected = new TreeSet<>();
    for (String name : Examples.EXAMPLES.keySet()) {
      expected.add(name + ".js");
      expected.add(name + ".out");
    }
    assertEquals(expected, files);
  }

  @Test
  void theLauncherListsTheExamplesAndRunsOneByName() {
    String list = capture(() -> Main.main(new String[] {"examples"}));
    for (String name : Examples.EXAMPLES.keySet()) {
      assertTrue(list.contains("  " + name + " "), name + " missing from:\n" + list);
    }
    assertEquals("a\nb\nc\n", capture(() -> Main.main(new String[] {"examples", "from-array"})));
  }

  @Test
  void examplesMdShowsEachNodeOriginalItsPortAndTheirOutputVerbatim() throws IOException {
    String md = Files.readString(Path.of("EXAMPLES.md"), StandardCharsets.UTF_8);
    Path ports = Path.of("src/main/java/dev/weir/samples/examples");
    for (String name : Examples.EXAMPLES.keySet()) {
      assertTrue(md.contains("./weir examples " + name), name + ": no run command in EXAMPLES.md");
      assertTrue(md.contains("```js\n" + Files.readString(SOURCES.resolve(name + ".js")) + "```"),
          name + ".js is not shown verbatim in EXAMPLES.md");
      assertTrue(md.contains("Both print:\n\n```\n"
              + Files.readString(SOURCES.resolve(name + ".out")) + "```"),
          name + ".out is not shown verbatim in EXAMPLES.md");
    }
    try (Stream<Path> list = Files.list(ports)) {
      for (Path java : list.filter(p -> !p.endsWith("Examples.java")).toList()) {
        String source = Files.readString(java).replaceFirst("^package [^;]+;\n\n", "");
        assertTrue(md.contains("```java\n" + source + "```"),
            java.getFileName() + " is not shown verbatim in EXAMPLES.md");
      }
    }
  }

  /** Runs one example through the launcher and returns what it printed. */
  static String run(String name) {
    return capture(() -> Examples.main(new String[] {name}));
  }

  static synchronized String capture(Runnable body) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.out.flush();
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Runs a script under {@code node}; the calling test is skipped where node is not installed. */
  static final class Node {
    private static Boolean available;

    static synchronized boolean available() {
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

    /** The standard output of {@code node script}; fails on a non-zero exit. */
    static String run(Path script) {
      assumeTrue(available(), "node is not installed; comparison with node skipped");
      try {
        Path stderr = Files.createTempFile("weir-example", ".stderr");
        try {
          Process p = new ProcessBuilder("node", script.toString())
              .redirectError(stderr.toFile()).start();
          byte[] out = p.getInputStream().readAllBytes();
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish in 20 s");
          }
          if (p.exitValue() != 0) {
            throw new AssertionError("node " + script + " exited with " + p.exitValue() + ":\n"
                + Files.readString(stderr));
          }
          return new String(out, StandardCharsets.UTF_8);
        } finally {
          Files.deleteIfExists(stderr);
        }
      } catch (IOException e) {
        throw new AssertionError("cannot run node", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
