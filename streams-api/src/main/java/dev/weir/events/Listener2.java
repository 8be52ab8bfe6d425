package dev.weir.events;

/** A listener of two arguments: {@code server.on("request", (req, res) -> ...)}. May throw. */
@FunctionalInterface
public interface Listener2<A, B> {
  void call(A a, B b) throws Exception;
}
