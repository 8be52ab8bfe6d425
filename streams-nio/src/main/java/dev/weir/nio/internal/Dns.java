package dev.weir.nio.internal;

import dev.weir.errors.WeirException;
import dev.weir.loop.EventLoop;
import dev.weir.loop.PendingWork;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code dns.lookup} for sockets: IP literals resolve at once; names resolve on a worker
 * thread (the JDK resolver blocks, as {@code getaddrinfo} does in libuv's pool) and call back on
 * the loop, which stays alive meanwhile.
 */
public final class Dns {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "weir-dns-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /** The result of a lookup. */
  public interface Callback {
    void done(WeirException err, InetAddress address) throws Exception;
  }

  private Dns() {}

  /** Resolves {@code host}; {@code callback} runs on {@code loop}, never synchronously. */
  public static void lookup(EventLoop loop, String host, Callback callback) {
    if (isLiteral(host)) {
      try {
        InetAddress address = InetAddress.getByName(host);
        loop.nextTick(() -> callback.done(null, address));
      } catch (UnknownHostException e) {
        loop.nextTick(() -> callback.done(notFound(host, e), null));
      }
      return;
    }
    PendingWork work = loop.pending();
    POOL.execute(() -> {
      try {
        InetAddress address = InetAddress.getByName(host);
        work.complete(() -> callback.done(null, address));
      } catch (UnknownHostException e) {
        work.complete(() -> callback.done(notFound(host, e), null));
      }
    });
  }

  private static WeirException notFound(String host, UnknownHostException e) {
    return WeirException.system("ENOTFOUND", "getaddrinfo", null, host, -1, e);
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (no resolver needed). */
  static boolean isLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }
}
