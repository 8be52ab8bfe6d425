package dev.weir.net;

import java.nio.channels.FileChannel;

/**
 * A writable that can take a region of a file without the bytes entering the heap
 * ({@code sendfile(2)} through {@link FileChannel#transferTo}): a {@link Socket}, and an HTTP
 * response with a {@code Content-Length} body. A {@link dev.weir.fs.ReadStream} piped alone into
 * one sends regions instead of reading chunks. A Weir extension; Node has no counterpart.
 */
public interface FileRegionSink {
  /**
   * Sends {@code count} bytes of {@code file} from {@code position}; see
   * {@link Socket#sendFile}. Returns false, without calling back, when the sink cannot take a
   * region now (the caller then writes the bytes as usual).
   */
  boolean sendFile(FileChannel file, long position, long count,
      Socket.SendFileCallback callback);

  /** Stops a region under way; its callback gets the bytes sent so far. */
  boolean cancelSendFile();
}
