package dev.weir.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a socket, pipe or anonymous inode (epoll, eventfd) open: it compares
 * {@code /proc/self/fd} before and after each test, and skips the check where {@code /proc} does
 * not exist. The JDK opens one socket of its own for the life of the process on the first socket
 * close; a warm-up opens it before any test so that it is not counted.
 */
public final class FdLeakCheck implements BeforeEachCallback, AfterEachCallback {
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(FdLeakCheck.class);

  static {
    try (ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = Selector.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
          SocketChannel accepted = server.accept()) {
        client.configureBlocking(false);
        client.register(selector, SelectionKey.OP_READ);
        selector.selectNow();
      }
      selector.selectNow();
    } catch (IOException e) {
      throw new UncheckedIOException("fd-check warm-up", e);
    }
  }

  /** The socket, pipe and anon-inode descriptors open now, or null without /proc. */
  public static List<String> openIoDescriptors() {
    if (!Files.isDirectory(FDS)) {
      return null;
    }
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(FDS)) {
      for (Path fd : dir) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // the directory stream's own descriptor, gone by now
        }
        if (target.startsWith("socket:") || target.startsWith("pipe:")
            || target.startsWith("anon_inode:")) {
          found.add(fd.getFileName() + " -> " + target);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return found;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("before", openIoDescriptors());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterEach(ExtensionContext context) {
    List<String> before = (List<String>) context.getStore(NS).get("before");
    List<String> after = openIoDescriptors();
    if (before == null || after == null) {
      return;
    }
    List<String> leaked = new ArrayList<>(after);
    leaked.removeAll(before);
    assertEquals(List.of(), leaked, "descriptors left open by " + context.getDisplayName());
  }
}
