package dev.weir.nio.internal;

import dev.weir.loop.EventLoop;
import dev.weir.loop.PendingWork;
import dev.weir.net.DnsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's {@code dns.lookup} for sockets: IP literals resolve at once; names resolve on a worker
 * thread (the JDK resolver blocks, as {@code getaddrinfo} does in libuv's pool) and call back on
 * the loop, which stays alive meanwhile. A name that does not resolve is a {@link DnsException}
 * ({@code getaddrinfo ENOTFOUND <host>}) carrying the host as {@code hostname}, as in Node.
 *
 * <p>Beyond Node: names in the {@code .invalid} top-level domain fail with {@code ENOTFOUND} at
 * once, without asking the resolver, as RFC 6761 (section 6.4) asks of name resolution APIs;
 * Node asks the resolver, which answers the same {@code ENOTFOUND} when the network is up.
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
    void done(DnsException err, InetAddress address) throws Exception;
  }

  private Dns() {}

  /** Resolves {@code host}; {@code callback} runs on {@code loop}, never synchronously. */
  public static void lookup(EventLoop loop, String host, Callback callback) {
    if (isLiteral(host) || isInvalid(host)) {
      try {
        InetAddress address = resolveNow(host);
        loop.nextTick(() -> callback.done(null, address));
      } catch (UnknownHostException e) {
        loop.nextTick(() -> callback.done(lookupError(host, e), null));
      }
      return;
    }
    PendingWork work = loop.pending();
    POOL.execute(() -> {
      try {
        InetAddress address = InetAddress.getByName(host);
        work.complete(() -> callback.done(null, address));
      } catch (UnknownHostException e) {
        work.complete(() -> callback.done(lookupError(host, e), null));
      }
    });
  }

  /**
   * Resolves {@code host} on the calling thread: what {@link #lookup} does at once for an IP
   * literal or a {@code .invalid} name (which fails without asking the resolver).
   */
  static InetAddress resolveNow(String host) throws UnknownHostException {
    if (isInvalid(host)) {
      throw new UnknownHostException(host + ": Name or service not known (RFC 6761 .invalid)");
    }
    return InetAddress.getByName(host);
  }

  /**
   * Node's error for a failed {@code getaddrinfo} of {@code host}: {@code EAI_AGAIN} when the
   * resolver could not answer for now (glibc's message, which the JDK passes on), otherwise
   * {@code ENOTFOUND}.
   */
  static DnsException lookupError(String host, UnknownHostException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    String code = message.contains("temporary failure in name resolution") ? "EAI_AGAIN"
        : "ENOTFOUND";
    return new DnsException(code, "getaddrinfo", host, e);
  }

  /** Whether {@code host} is in RFC 6761's {@code .invalid} domain (a trailing dot allowed). */
  static boolean isInvalid(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    h = h.toLowerCase(Locale.ROOT);
    return h.equals("invalid") || h.endsWith(".invalid");
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
