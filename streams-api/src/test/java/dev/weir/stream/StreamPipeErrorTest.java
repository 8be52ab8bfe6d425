package dev.weir.stream;

import static dev.weir.stream.Fixtures.readable;
import static dev.weir.stream.Fixtures.sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.buffer.Buffer;
import dev.weir.events.Listener1;
import dev.weir.loop.TestLoop;
import dev.weir.testing.EventLog;
import dev.weir.testing.MustCall;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Errors and closes around {@code pipe()}; ports the behaviours of nodejs/node test/parallel
 * test-stream-pipe-error-handling.js, test-stream-pipe-error-unhandled.js and
 * test-stream-pipe-cleanup.js.
 */
@Timeout(10)
class StreamPipeErrorTest {
  final TestLoop loop = new TestLoop();
  final MustCall mustCall = new MustCall();
  final EventLog log = new EventLog();

  @AfterEach
  void tearDown() {
    try {
      loop.runUntilIdle();
      mustCall.verify();
    } finally {
      loop.close();
    }
  }

  @Test
  void aDestinationErrorUnpipesWithoutDestroyingTheSource() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {
      log.add("write " + c);
      cb.done(new RuntimeException("wfail"));
    }));
    dest.on("error", mustCall.once((Throwable e) -> log.add("dest error " + e.getMessage()
        + " " + src.readableState.pipes.size())));
    dest.on("unpipe", mustCall.once((Object s) -> log.add("unpipe")));
    dest.on("close", mustCall.once(() -> log.add("dest close")));
    src.on("close", mustCall.never());
    src.on("pause", () -> log.add("pause"));
    src.pipe(dest);
    src.push("a");
    loop.runUntilIdle();
    // pipe's own 'error' listener is prepended, so the unpipe happens before the user's.
    log.assertIs("write a", "pause", "unpipe", "dest error wfail 0", "dest close");
    assertFalse(src.destroyed());
    assertEquals(Boolean.FALSE, src.readableFlowing());
    assertEquals(0, src.listenerCount("data"));
    assertTrue(dest.destroyed());
  }

  @Test
  void anErrorIsRethrownWhenPipeWasTheOnlyErrorListener() {
    // Node: test-stream-pipe-error-unhandled.js: it reaches 'uncaughtException'.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>()
        .read((s, n) -> s.push("asd")));
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().write((c, e, cb) -> {}));
    RuntimeException asd = new RuntimeException("asd");
    loop.on("uncaughtException", mustCall.once((Throwable e) -> log.add("uncaught "
        + e.getMessage())));
    r.pipe(w);
    w.destroy(asd);
    loop.runUntilIdle();
    log.assertIs("uncaught asd");
    assertFalse(r.destroyed());
    assertEquals(0, r.readableState.pipes.size());
    r.destroy();
  }

  @Test
  void anErrorEmittedAfterTheUserListenerWasRemovedThrowsSynchronously() {
    // Node: test-stream-pipe-error-handling.js, third block (autoDestroy false).
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().autoDestroy(false)
        .read((s, n) -> {}));
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> cb.done()));
    Listener1<Throwable> my = mustCall.never1();
    w.on("error", my);
    r.pipe(w);
    w.removeListener("error", my);
    RuntimeException fail = new RuntimeException("fail");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> w.emit("error", fail));
    assertSame(fail, thrown);
    assertEquals(0, r.readableState.pipes.size());
  }

  @Test
  void removingAnUnrelatedListenerKeepsTheUserErrorListener() {
    // Node: test-stream-pipe-error-handling.js, fourth block.
    Readable<Buffer> r = new Readable<>(new ReadableOptions<Buffer>().autoDestroy(false)
        .read((s, n) -> {}));
    Writable<Buffer> w = new Writable<>(new WritableOptions<Buffer>().autoDestroy(false)
        .write((c, e, cb) -> {}));
    w.on("error", mustCall.once((Throwable e) -> log.add("error " + e.getMessage())));
    r.pipe(w);
    w.removeListener("error", (Listener1<Throwable>) e -> {});
    w.emit("error", new RuntimeException("fail"));
    log.assertIs("error fail");
  }

  @Test
  void aDestroyedDestinationEmitsItsErrorToItsOwnListener() {
    // Node: test-stream-pipe-error-handling.js, last block.
    RuntimeException err = new RuntimeException("this should be handled");
    PassThrough<Buffer> destination = new PassThrough<>();
    destination.once("error", mustCall.once((Throwable e) -> assertSame(err, e)));
    readable().pipe(destination);
    destination.destroy(err);
  }

  @Test
  void aClosingDestinationUnpipes() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("close", mustCall.once(() -> log.add("close")));
    dest.on("unpipe", mustCall.once((Object s) -> log.add("unpipe")));
    src.on("pause", mustCall.once(() -> log.add("pause")));
    src.pipe(dest);
    dest.destroy();
    loop.runUntilIdle();
    log.assertIs("close", "pause", "unpipe");
    assertFalse(src.destroyed());
    assertEquals(0, src.readableState.pipes.size());
  }

  @Test
  void aDestinationFinishedByItsOwnerUnpipes() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("finish", mustCall.once(() -> log.add("finish")));
    dest.on("unpipe", mustCall.once((Object s) -> log.add("unpipe")));
    src.pipe(dest);
    dest.end("bye");
    loop.runUntilIdle();
    log.assertIs("finish", "unpipe");
    assertFalse(src.destroyed());
    assertEquals(Boolean.FALSE, src.readableFlowing());
  }

  @Test
  void aSourceErrorNeitherEndsNorDestroysTheDestination() {
    Readable<Buffer> src = readable();
    Writable<Buffer> dest = sink(new ArrayList<>());
    dest.on("unpipe", mustCall.never1());
    dest.on("finish", mustCall.never());
    src.on("error", mustCall.once((Throwable e) -> log.add("src error")));
    src.on("close", mustCall.once(() -> log.add("src close")));
    src.pipe(dest);
    src.destroy(new RuntimeException("srcfail"));
    loop.runUntilIdle();
    log.assertIs("src error", "src close");
    assertFalse(dest.destroyed());
    assertFalse(dest.writableEnded());
    assertEquals(1, src.readableState.pipes.size());
  }

  @Test
  void pipingIntoAFinishedDestinationUnpipesOnItsClose() {
    Readable<Buffer> r = readable();
    Writable<Buffer> w = sink(new ArrayList<>());
    w.end();
    w.on("error", mustCall.never1());
    w.on("close", mustCall.once(() -> log.add("close")));
    r.on("close", mustCall.never());
    r.pipe(w);
    r.push("a");
    loop.runUntilIdle();
    log.assertIs("close");
    assertEquals(Boolean.FALSE, r.readableFlowing());
    assertFalse(r.destroyed());
    assertEquals(0, r.readableState.pipes.size());
  }
}
