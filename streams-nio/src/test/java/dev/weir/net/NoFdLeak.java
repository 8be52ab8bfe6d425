package dev.weir.net;

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
 * Checks that a test leaves no socket, pipe or selector open: it lists {@code /proc/self/fd}
 * before and after each test and compares the entries that point at sockets, pipes and anonymous
 * inodes (epoll, eventfd). Jars and class files the JVM opens lazily are regular files and are
 * not counted. Where {@code /proc} does not exist the check is skipped. Each test runs its
 * scenarios under {@code EventLoop.run}, which closes the loop's selector before returning, so
 * nothing of the loop's own should be left either.
 *
 * <p>The JDK keeps one socket of its own for the life of the process (the target it duplicates
 * over a descriptor being closed while another thread blocks on it), opened by the first socket
 * close; a warm-up before the first test opens it so that it is not counted as a leak.
 */
final class NoFdLeak implements BeforeEachCallback, AfterEachCallback {
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(NoFdLeak.class);

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
  static List<String> openIoDescriptors() {
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
