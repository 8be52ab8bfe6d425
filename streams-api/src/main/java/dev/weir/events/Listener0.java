package dev.weir.events;

/** A listener of no arguments: {@code ws.on("drain", () -> rs.resume())}. May throw. */
@FunctionalInterface
public interface Listener0 {
  void call() throws Exception;
}
