package dev.weir.http;

import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.loop.EventLoop;
import dev.weir.net.Net;
import dev.weir.net.Socket;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reuses client connections; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpagent">http.Agent</a>.
 * At most {@code maxSockets} connections per host:port are open at once; requests beyond wait in
 * order. With {@code keepAlive} a socket whose exchange ended cleanly is kept (unref'd, so it does
 * not hold the loop) for the next request to the same host:port.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@link #globalAgent()} is one agent per event loop, since sockets belong to a loop.</li>
 *   <li>No {@code scheduling} option (always LIFO reuse of free sockets, Node's default).</li>
 * </ul>
 */
public final class Agent {
  private static final Map<EventLoop, Agent> GLOBAL = new WeakHashMap<>();

  private final boolean keepAlive;
  private final int maxSockets;
  private final int maxFreeSockets;
  private final Map<String, ArrayDeque<Socket>> freeSockets = new HashMap<>();
  private final Map<String, Integer> active = new HashMap<>();
  private final Map<String, ArrayDeque<ClientRequest>> waiting = new HashMap<>();

  /** Node's {@code new Agent()}: no keep-alive, unlimited sockets. */
  public Agent() {
    this(false, Integer.MAX_VALUE, 256);
  }

  /**
   * Node's {@code new Agent({keepAlive, maxSockets, maxFreeSockets})}.
   *
   * @param maxSockets connections per host:port ({@code Integer.MAX_VALUE} for Node's Infinity)
   */
  public Agent(boolean keepAlive, int maxSockets, int maxFreeSockets) {
    if (maxSockets < 1 || maxFreeSockets < 0) {
      throw dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE.error("maxSockets", ">= 1", maxSockets);
    }
    this.keepAlive = keepAlive;
    this.maxSockets = maxSockets;
    this.maxFreeSockets = maxFreeSockets;
  }

  /** Node's {@code http.globalAgent} for the calling loop: keep-alive, as Node 20's. */
  public static synchronized Agent globalAgent() {
    return GLOBAL.computeIfAbsent(EventLoop.current(), l -> new Agent(true, Integer.MAX_VALUE,
        256));
  }

  /** Node's {@code agent.keepAlive}. */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** Node's {@code agent.maxSockets}. */
  public int maxSockets() {
    return maxSockets;
  }

  static String key(String host, int port) {
    return host + ":" + port;
  }

  /** Node's {@code agent.addRequest}: assigns a socket now or when one frees up. */
  void addRequest(ClientRequest req, String host, int port) {
    String key = key(host, port);
    ArrayDeque<Socket> free = freeSockets.get(key);
    while (free != null && !free.isEmpty()) {
      Socket socket = free.pollLast();
      if (!socket.destroyed()) {
        socket.ref();
        socket.setTimeout(0);
        socket.removeAllListeners("close");
        active.merge(key, 1, Integer::sum);
        req.assignSocket(socket, true);
        return;
      }
    }
    if (active.getOrDefault(key, 0) < maxSockets) {
      active.merge(key, 1, Integer::sum);
      req.assignSocket(Net.connect(port, host), false);
    } else {
      waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).add(req);
    }
  }

  /**
   * The exchange on {@code socket} ended: it goes to a waiting request, to the free list
   * ({@code reusable} and keep-alive), or is closed.
   */
  void release(String key, Socket socket, boolean reusable) {
    active.merge(key, -1, Integer::sum);
    boolean usable = reusable && !socket.destroyed() && socket.writable();
    ArrayDeque<ClientRequest> queue = waiting.get(key);
    ClientRequest next = queue == null ? null : queue.poll();
    if (next != null) {
      active.merge(key, 1, Integer::sum);
      if (usable) {
        next.assignSocket(socket, true);
      } else {
        destroyQuietly(socket);
        int colon = key.lastIndexOf(':');
        next.assignSocket(Net.connect(Integer.parseInt(key.substring(colon + 1)),
            key.substring(0, colon)), false);
      }
      return;
    }
    ArrayDeque<Socket> free = freeSockets.computeIfAbsent(key, k -> new ArrayDeque<>());
    if (usable && keepAlive && free.size() < maxFreeSockets) {
      free.add(socket);
      socket.unref();
      Listener0 onClose = () -> free.remove(socket);
      socket.once("close", onClose);
      Listener1<Throwable> onError = err -> free.remove(socket);
      socket.once("error", onError);
    } else {
      destroyQuietly(socket);
    }
  }

  private static void destroyQuietly(Socket socket) {
    if (!socket.destroyed()) {
      socket.destroy();
    }
  }

  /** Node's {@code agent.destroy()}: closes every free socket. */
  public void destroy() {
    for (ArrayDeque<Socket> free : freeSockets.values()) {
      for (Socket s : List.copyOf(free)) {
        destroyQuietly(s);
      }
      free.clear();
    }
  }

  /** Free (idle, kept-alive) sockets per host:port, for tests and tools. */
  public Map<String, Integer> freeSocketCounts() {
    Map<String, Integer> counts = new HashMap<>();
    freeSockets.forEach((k, v) -> counts.put(k, v.size()));
    return counts;
  }
}
