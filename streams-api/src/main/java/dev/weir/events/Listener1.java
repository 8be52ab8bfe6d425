package dev.weir.events;

/** A listener of one argument: {@code rs.on("data", (Buffer chunk) -> ...)}. May throw. */
@FunctionalInterface
public interface Listener1<A> {
  void call(A a) throws Exception;
}
