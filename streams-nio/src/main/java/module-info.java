/** Weir's I/O: the Selector-driven loop, TCP ({@code net}), files ({@code fs}) and HTTP. */
module dev.weir.nio {
  requires transitive dev.weir.streams;
  requires org.slf4j;

  exports dev.weir.fs;
  exports dev.weir.net;
  exports dev.weir.http;

  provides dev.weir.loop.Poller.Provider with dev.weir.nio.internal.SelectorPollerProvider;
}
