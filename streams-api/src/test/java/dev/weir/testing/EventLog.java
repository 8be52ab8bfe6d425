package dev.weir.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.events.EventEmitter;
import java.util.ArrayList;
import java.util.List;

/** A trace of events as strings, compared as a list to make order visible. */
public final class EventLog {
  private final List<String> entries = new ArrayList<>();

  /** Appends an entry. */
  public void add(String entry) {
    entries.add(entry);
  }

  /** Records each of {@code events} on {@code emitter} as {@code prefix:name}. */
  public EventLog recordAs(EventEmitter emitter, String prefix, String... events) {
    for (String event : events) {
      String name = prefix.isEmpty() ? event : prefix + ":" + event;
      emitter.on(event, () -> entries.add(name));
    }
    return this;
  }

  /** Records each of {@code events} on {@code emitter} by name. */
  public EventLog record(EventEmitter emitter, String... events) {
    return recordAs(emitter, "", events);
  }

  /** A copy of the entries so far. */
  public List<String> entries() {
    return List.copyOf(entries);
  }

  /** Asserts the whole trace. */
  public void assertIs(String... expected) {
    assertEquals(List.of(expected), entries);
  }

  /** Clears the trace. */
  public void clear() {
    entries.clear();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
