package dev.weir.stream;

import dev.weir.errors.WeirException;
import dev.weir.events.EventEmitter;
import dev.weir.testing.EventLog;

/** Small helpers shared by the writable-side behaviour tests: how errors and events are logged. */
final class WritableTrace {
  private WritableTrace() {}

  /** An error as Node tests print it: its code, else its message; "null" for success. */
  static String describe(Throwable e) {
    if (e == null) {
      return "null";
    }
    return e instanceof WeirException ? ((WeirException) e).code() : e.getMessage();
  }

  /** Logs each of {@code events} by name, and 'error' as "error " + {@link #describe}. */
  static void record(EventLog log, EventEmitter stream, String... events) {
    for (String ev : events) {
      stream.on(ev, () -> log.add(ev));
    }
    stream.on("error", (Throwable e) -> log.add("error " + describe(e)));
  }
}
