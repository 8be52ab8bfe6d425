/** Runnable programs built on Weir. */
module dev.weir.samples {
  requires dev.weir.nio;
  requires org.slf4j;

  exports dev.weir.samples;
}
