package dev.weir.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.loop.EventLoop;
import dev.weir.testing.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one scenario in Node and in Weir and compares their traces. The Node side gets a
 * {@code log(...args)} function that prints its arguments joined by spaces; the Weir side gets a
 * list to add the same lines to. The Weir side runs inside {@link EventLoop#run}.
 */
final class NodeDiff {
  private NodeDiff() {}

  static final String PRELUDE = "'use strict';\n"
      + "const { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished }"
      + " = require('stream');\n"
      + "const log = (...a) => console.log(a.map(String).join(' '));\n";

  /** Asserts that the Node script and the Weir scenario print the same trace. */
  static List<String> check(String nodeScript, Consumer<List<String>> weir) {
    List<String> expected = Node.run(PRELUDE + nodeScript);
    List<String> actual = new ArrayList<>();
    EventLoop.run(() -> weir.accept(actual));
    assertEquals(expected, actual);
    return actual;
  }

  /** The Weir scenario's trace alone (for scenarios also asserted by hand). */
  static List<String> weir(Consumer<List<String>> weir) {
    List<String> actual = new ArrayList<>();
    EventLoop.run(() -> weir.accept(actual));
    return actual;
  }
}
