/**
 * Weir's core: the event loop, EventEmitter, Buffer and Node's streams, with no I/O.
 * streams-nio plugs a Selector into the loop through {@link dev.weir.loop.Poller.Provider}.
 */
module dev.weir.streams {
  requires org.slf4j;

  exports dev.weir.errors;
  exports dev.weir.events;
  exports dev.weir.loop;
  exports dev.weir.buffer;
  exports dev.weir.stream;

  uses dev.weir.loop.Poller.Provider;
}
