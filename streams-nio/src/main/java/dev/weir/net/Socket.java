package dev.weir.net;

import static dev.weir.errors.ErrorCode.ERR_SOCKET_BAD_PORT;
import static dev.weir.errors.ErrorCode.ERR_SOCKET_CLOSED;
import static dev.weir.errors.ErrorCode.ERR_STREAM_DESTROYED;

import dev.weir.buffer.Buffer;
import dev.weir.errors.WeirException;
import dev.weir.events.Listener0;
import dev.weir.loop.Handle;
import dev.weir.loop.Timeout;
import dev.weir.nio.internal.Dns;
import dev.weir.nio.internal.IoErrors;
import dev.weir.nio.internal.SelectorPoller;
import dev.weir.stream.Callback;
import dev.weir.stream.Duplex;
import dev.weir.stream.DuplexOptions;
import dev.weir.stream.WritableChunk;
import dev.weir.stream.WritableStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection as a byte {@link Duplex}; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/net.html#class-netsocket">net.Socket</a>.
 *
 * <p>Backpressure reaches the kernel both ways. The socket reads only while its readable side
 * wants data ({@code _read} was called and {@code push} has not returned false): a paused or
 * full socket leaves {@code OP_READ} off, the kernel receive buffer fills and TCP flow control
 * slows the sender. A write the kernel does not take at once waits, with {@code OP_WRITE} armed,
 * while further writes buffer in the writable side, so {@code write()} returns false at the
 * high-water mark and {@code 'drain'} follows once everything reached the kernel. Buffered writes
 * leave in one gathering {@code write(ByteBuffer[])}.
 *
 * <p>Events: {@code 'connect'}, {@code 'ready'}, {@code 'data'}, {@code 'end'}, {@code 'finish'},
 * {@code 'timeout'}, {@code 'error'} (with Node's system codes: {@code ECONNREFUSED},
 * {@code ECONNRESET}, {@code EPIPE}…) and {@code 'close'} with {@code hadError}, emitted once the
 * channel is closed.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>TCP only: no IPC pipes, no {@code fd} option, no {@code signal}.</li>
 *   <li>Strings written are encoded to bytes on write ({@code decodeStrings} is not disabled).</li>
 *   <li>{@code bytesWritten()} counts every byte accepted by {@code write()}, as Node's does:
 *       bytes handed to the socket (queued for the kernel or not) plus those still buffered.</li>
 *   <li>Beyond Node: {@link #sendFile} sends a file region without copying it through the heap
 *       ({@code FileChannel.transferTo}, i.e. {@code sendfile(2)}); a file
 *       {@link dev.weir.fs.ReadStream} piped straight into a socket uses it.</li>
 *   <li>Beyond Node: a socket piped alone into another plain {@code Socket} (a tunnel, a proxy,
 *       an echo) forwards what it reads straight from the loop's direct buffer to the other
 *       channel while that one is idle, without making chunks, so no {@code 'data'} is emitted
 *       for those bytes; while the target is busy the bytes take the usual way. Off with
 *       {@code -Dweir.zeroCopy=false}.</li>
 *   <li>A host in the {@code .invalid} domain fails with {@code ENOTFOUND} at once, without a
 *       resolver query (RFC 6761); Node asks the resolver, which says the same when it can be
 *       reached.</li>
 * </ul>
 */
public class Socket extends Duplex<Buffer, Buffer> implements FileRegionSink {
  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);

  /** Coarse lifecycle, logged at debug level. */
  enum State { PENDING, CONNECTING, OPEN, CLOSED }

  private final SelectorPoller poller;
  private final Handle handle;
  private final Server server;
  private final boolean noDelay;
  private final boolean keepAlive;
  private State state = State.PENDING;
  private SocketChannel channel;
  private SelectionKey key;
  private int interest;
  /** {@code _read} asked for data and {@code push} has not said stop. */
  private boolean readingWanted;
  /** A write the kernel has not fully taken yet, and its callback. */
  private ByteBuffer[] pendingBuffers;
  private Callback pendingCallback;
  private final ByteBuffer[] single = new ByteBuffer[1];
  /** {@code _final} waiting for the connection, a write or a file region. */
  private Callback pendingFinal;
  /** A {@link #sendFile} region, waiting for its turn or (when started) being sent. */
  private FileRegion region;
  /** Node's {@code writeAfterFIN} is installed: 'end' came and allowHalfOpen is false. */
  private boolean writeAfterFin;
  private long bytesRead;
  /** Bytes handed to {@code _write}/{@code _writev}: Node's {@code _bytesDispatched}. */
  private long bytesDispatched;
  /** The byte count of the write in flight (part of {@code writableLength()} until done). */
  private long inFlightBytes;
  private Timeout idleTimer;
  private long idleTimeout;
  private String remoteAddress;
  private int remotePort = -1;
  private String remoteFamily;
  private String localAddress;
  private int localPort = -1;
  private final SelectorPoller.IoHandler onReady = this::onReady;
  /** Splicing is on unless {@code -Dweir.zeroCopy=false}. */
  private static final boolean SPLICE =
      !"false".equalsIgnoreCase(System.getProperty("weir.zeroCopy"));
  /** How much the next splice reads: from the read buffer's size up to the splice buffer's. */
  private int spliceReadSize = SelectorPoller.READ_BUFFER_SIZE;
  /** Bytes read that went straight to another socket (part of {@code bytesRead}). */
  private long splicedBytes;

  /** Node's {@code new net.Socket()}: not connected; call {@link #connect}. */
  public Socket() {
    this(new SocketOptions());
  }

  /** Node's {@code new net.Socket(options)}. */
  public Socket(SocketOptions options) {
    super(duplexOptions(options.allowHalfOpen, options.readableHighWaterMark,
        options.writableHighWaterMark));
    this.poller = SelectorPoller.of(loop());
    this.handle = loop().newHandle();
    this.server = null;
    this.noDelay = options.noDelay;
    this.keepAlive = options.keepAlive;
    if (options.timeout > 0) {
      setTimeout(options.timeout);
    }
    on("end", this::onReadableStreamEnd);
  }

  /** An accepted connection of {@code server}. */
  Socket(Server server, SocketChannel channel, ServerOptions options) throws IOException {
    super(duplexOptions(options.allowHalfOpen, options.highWaterMark, options.highWaterMark));
    this.poller = SelectorPoller.of(loop());
    this.handle = loop().newHandle();
    this.server = server;
    this.noDelay = options.noDelay;
    this.keepAlive = options.keepAlive;
    this.channel = channel;
    on("end", this::onReadableStreamEnd);
    channel.configureBlocking(false);
    applySocketOptions();
    this.key = poller.register(channel, 0, onReady);
    handle.start();
    setState(State.OPEN);
    cacheAddresses();
    if (options.pauseOnConnect) {
      pause();
    } else {
      read(0);
    }
  }

  private static DuplexOptions<Buffer, Buffer> duplexOptions(boolean allowHalfOpen,
      Integer readableHwm, Integer writableHwm) {
    DuplexOptions<Buffer, Buffer> o = new DuplexOptions<Buffer, Buffer>()
        .allowHalfOpen(allowHalfOpen)
        // Node: "for backwards compat do not emit close on destroy"; the socket emits its own
        // 'close' (with hadError) once the channel is closed.
        .emitClose(false)
        .autoDestroy(true);
    if (readableHwm != null) {
      o.readableHighWaterMark(readableHwm);
    }
    if (writableHwm != null) {
      o.writableHighWaterMark(writableHwm);
    }
    return o;
  }

  private void setState(State next) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("socket {} --> {}", state, next);
    }
    state = next;
  }

  // ---- connecting -------------------------------------------------------------------------

  /**
   * Node's {@code socket.connect(port[, host][, connectListener])}. A host name is looked up
   * first; one that does not resolve ends in {@code 'error'} with a {@link DnsException}
   * ({@code code()} {@code "ENOTFOUND"}, {@code syscall()} {@code "getaddrinfo"},
   * {@code hostname()} the host, no {@code address()}) and then {@code 'close'} with
   * {@code hadError} true, as in Node.
   */
  public Socket connect(int port, String host, Listener0 connectListener) {
    loop().checkInLoop();
    if (port < 0 || port > 65535) {
      throw ERR_SOCKET_BAD_PORT.error("Port", port);
    }
    if (state != State.PENDING) {
      throw new IllegalStateException("socket.connect() called on a " + state + " socket");
    }
    if (connectListener != null) {
      once("connect", connectListener);
    }
    String target = host == null ? "localhost" : host;
    setState(State.CONNECTING);
    handle.start();
    Dns.lookup(loop(), target, (err, address) -> {
      if (destroyed()) {
        return;
      }
      if (err != null) {
        destroy(err);
        return;
      }
      startConnect(new InetSocketAddress(address, port));
    });
    return this;
  }

  /** Node's {@code socket.connect(port[, host])}. */
  public Socket connect(int port, String host) {
    return connect(port, host, null);
  }

  /** Node's {@code socket.connect(port)} to localhost. */
  public Socket connect(int port) {
    return connect(port, "localhost", null);
  }

  private void startConnect(InetSocketAddress address) {
    remoteAddress = Addresses.ip(address.getAddress());
    remotePort = address.getPort();
    remoteFamily = Addresses.family(address.getAddress());
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      applySocketOptions();
      boolean connected = channel.connect(address);
      key = poller.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, onReady);
      interest = connected ? 0 : SelectionKey.OP_CONNECT;
      if (connected) {
        loop().nextTick(this::afterConnect);
      }
    } catch (IOException e) {
      destroy(IoErrors.network(e, "connect", remoteAddress, remotePort));
    }
  }

  private void applySocketOptions() throws IOException {
    channel.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    if (keepAlive) {
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }
  }

  private void finishConnect() throws Exception {
    try {
      channel.finishConnect();
    } catch (IOException e) {
      destroy(IoErrors.network(e, "connect", remoteAddress, remotePort));
      return;
    }
    setInterest(0);
    afterConnect();
  }

  private void afterConnect() throws Exception {
    if (destroyed()) {
      return;
    }
    setState(State.OPEN);
    cacheAddresses();
    touch();
    emit("connect");
    emit("ready");
    if (pendingBuffers != null) {
      flushPending();
    }
    maybeStartSend();
    if (pendingFinal != null && pendingBuffers == null && region == null) {
      Callback cb = pendingFinal;
      pendingFinal = null;
      _final(cb);
    }
    if (readingWanted) {
      updateReadInterest();
    } else if (!isPaused()) {
      read(0);
    }
  }

  private void cacheAddresses() {
    try {
      InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
      if (remote != null) {
        remoteAddress = Addresses.ip(remote.getAddress());
        remotePort = remote.getPort();
        remoteFamily = Addresses.family(remote.getAddress());
      }
      InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
      if (local != null) {
        localAddress = Addresses.ip(local.getAddress());
        localPort = local.getPort();
      }
    } catch (IOException e) {
      LOG.debug("cannot read socket addresses", e);
    }
  }

  // ---- readiness --------------------------------------------------------------------------

  private void onReady() throws Exception {
    SelectionKey k = key;
    if (k == null || !k.isValid()) {
      return;
    }
    int ready = k.readyOps();
    if ((ready & SelectionKey.OP_CONNECT) != 0) {
      finishConnect();
      return;
    }
    if ((ready & SelectionKey.OP_WRITE) != 0) {
      if (sendingFile()) {
        continueSend();
      } else if (pendingBuffers != null) {
        flushPending();
      }
    }
    if ((ready & SelectionKey.OP_READ) != 0 && readingWanted && !destroyed()) {
      doRead();
    }
  }

  private void setInterest(int ops) {
    if (ops != interest && key != null && key.isValid()) {
      interest = ops;
      key.interestOps(ops);
    }
  }

  private void updateReadInterest() {
    if (state != State.OPEN) {
      return;
    }
    setInterest(readingWanted ? interest | SelectionKey.OP_READ
        : interest & ~SelectionKey.OP_READ);
  }

  // ---- reading ----------------------------------------------------------------------------

  @Override
  protected void _read(int size) {
    readingWanted = true;
    updateReadInterest();
  }

  private void doRead() {
    // Like libuv, read a bounded number of times per readiness so one socket cannot starve
    // the others; stop as soon as the readable side is full.
    for (int i = 0; i < 16 && readingWanted && !destroyed(); i++) {
      Socket target = spliceTarget();
      ByteBuffer buffer;
      if (target != null) {
        buffer = poller.spliceBuffer();
        buffer.limit(spliceReadSize);
      } else {
        buffer = poller.readBuffer();
      }
      int wanted = buffer.remaining();
      int n;
      try {
        n = channel.read(buffer);
      } catch (IOException e) {
        destroy(IoErrors.network(e, "read", null, -1));
        return;
      }
      if (n == 0) {
        return;
      }
      if (n < 0) {
        onEof();
        return;
      }
      bytesRead += n;
      touch();
      buffer.flip();
      if (target != null && target.takeSpliced(buffer)) {
        splicedBytes += n;
        // Adaptive, as Netty's receive buffer sizes: larger reads while the target keeps up.
        if (n == wanted) {
          spliceReadSize = Math.min(spliceReadSize * 2, SelectorPoller.SPLICE_BUFFER_SIZE);
        }
      } else {
        if (target != null) {
          splicedBytes += n - buffer.remaining();
          // The target fell behind: what is left over (at most one read) waits on the heap,
          // so read small again to keep that small.
          spliceReadSize = SelectorPoller.READ_BUFFER_SIZE;
        }
        // Whatever the target did not take becomes a chunk, and takes the usual way.
        int left = buffer.remaining();
        Buffer chunk = Buffer.allocUnsafe(left);
        buffer.get(chunk.array(), chunk.byteOffset(), left);
        if (!push(chunk)) {
          readingWanted = false;
          updateReadInterest();
          return;
        }
      }
      if (n < wanted) {
        return;
      }
    }
  }

  private void onEof() {
    readingWanted = false;
    updateReadInterest();
    push(null);
    // Node: make sure 'end' is emitted when nobody is reading.
    read(0);
  }

  // ---- writing ----------------------------------------------------------------------------

  @Override
  protected void _write(Buffer chunk, String encoding, Callback callback) throws Exception {
    single[0] = chunk.asByteBuffer();
    writeBuffers(single, callback);
  }

  @Override
  protected void _writev(List<WritableChunk<Buffer>> chunks, Callback callback)
      throws Exception {
    ByteBuffer[] buffers = new ByteBuffer[chunks.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = chunks.get(i).chunk().asByteBuffer();
    }
    writeBuffers(buffers, callback);
  }

  private void writeBuffers(ByteBuffer[] buffers, Callback callback) throws Exception {
    long size = 0;
    for (ByteBuffer b : buffers) {
      size += b.remaining();
    }
    // Node: the whole request counts as dispatched once handed to the handle, however much of
    // it the kernel takes now.
    bytesDispatched += size;
    inFlightBytes = size;
    pendingBuffers = buffers;
    pendingCallback = callback;
    if (state == State.OPEN && !sendingFile()) {
      flushPending();
    }
    // else: queued until 'connect', as Node does, or behind the file region being sent.
  }

  /** Writes what the kernel takes; completes the write or waits for {@code OP_WRITE}. */
  private void flushPending() throws Exception {
    ByteBuffer[] buffers = pendingBuffers;
    try {
      long n = channel.write(buffers);
      if (n > 0) {
        touch();
      }
    } catch (IOException e) {
      completeWrite(IoErrors.network(e, "write", null, -1));
      return;
    }
    if (buffers[buffers.length - 1].hasRemaining()) {
      setInterest(interest | SelectionKey.OP_WRITE);
      return;
    }
    setInterest(interest & ~SelectionKey.OP_WRITE);
    completeWrite(null);
  }

  private void completeWrite(Throwable err) throws Exception {
    Callback cb = pendingCallback;
    pendingBuffers = null;
    pendingCallback = null;
    inFlightBytes = 0;
    single[0] = null;
    if (cb != null) {
      cb.done(err);
    }
    if (err == null) {
      maybeStartSend();
    }
    if (err == null && pendingFinal != null && region == null) {
      Callback fin = pendingFinal;
      pendingFinal = null;
      _final(fin);
    }
  }

  /** Node's {@code _final}: half-closes (FIN) once every write reached the kernel. */
  @Override
  protected void _final(Callback callback) throws Exception {
    if (state != State.OPEN || pendingBuffers != null || region != null) {
      pendingFinal = callback;
      maybeStartSend();
      return;
    }
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      // Node ignores ENOTCONN on shutdown of a socket the peer already closed.
      if (!"ENOTCONN".equals(IoErrors.code(e))) {
        callback.done(IoErrors.network(e, "shutdown", null, -1));
        return;
      }
    }
    // Node: the shutdown request completes in a later loop phase, so a socket destroyed in the
    // meantime (e.g. by a write after the peer's FIN) never emits 'finish'.
    loop().setImmediate(() -> {
      if (!destroyed()) {
        callback.done(null);
      }
    });
  }

  // ---- Node's writeAfterFIN ------------------------------------------------------------------

  /** Node: net.js onReadableStreamEnd, the socket's own first 'end' listener. */
  private void onReadableStreamEnd() {
    if (!isAllowHalfOpen()) {
      writeAfterFin = true;
    }
  }

  /**
   * Node's {@code writeAfterFIN}: once the peer's FIN ended this socket (allowHalfOpen false) and
   * our side was ended in turn, a write fails with {@code EPIPE} ("This socket has been ended by
   * the other party", no {@code syscall}: not a system error), which the callback gets on a later
   * tick and the socket is destroyed with.
   */
  private boolean finWritten() {
    return writeAfterFin && writableEnded();
  }

  private boolean writeAfterFin(Callback callback) {
    WeirException er = new WeirException("EPIPE",
        "This socket has been ended by the other party", null);
    if (callback != null) {
      loop().nextTick(() -> callback.done(er));
    }
    destroy(er);
    return false;
  }

  /** Node's {@code write(chunk)}; after the peer ended the socket, see Node's writeAfterFIN. */
  @Override
  public boolean write(Buffer chunk) {
    return finWritten() ? writeAfterFin(null) : super.write(chunk);
  }

  @Override
  public boolean write(Buffer chunk, Callback callback) {
    return finWritten() ? writeAfterFin(callback) : super.write(chunk, callback);
  }

  @Override
  public boolean write(Buffer chunk, String encoding, Callback callback) {
    return finWritten() ? writeAfterFin(callback)
        : super.write(chunk, encoding, callback);
  }

  @Override
  public boolean write(CharSequence chunk) {
    return finWritten() ? writeAfterFin(null) : super.write(chunk);
  }

  @Override
  public boolean write(CharSequence chunk, String encoding) {
    return finWritten() ? writeAfterFin(null) : super.write(chunk, encoding);
  }

  @Override
  public boolean write(CharSequence chunk, Callback callback) {
    return finWritten() ? writeAfterFin(callback) : super.write(chunk, callback);
  }

  @Override
  public boolean write(CharSequence chunk, String encoding, Callback callback) {
    return finWritten() ? writeAfterFin(callback)
        : super.write(chunk, encoding, callback);
  }

  // ---- socket to socket (splice) -------------------------------------------------------------

  /**
   * Node's pipe(); also notes whether this socket is piped alone into another {@code Socket}, in
   * which case bytes read go straight from the shared direct read buffer to that socket's channel
   * while it is idle: no chunk is made, nothing is copied into the heap and no {@code 'data'}
   * event is emitted (like the file {@link #sendFile} path). Reads grow from 64 KiB to 256 KiB
   * while the target takes everything, and drop back to 64 KiB when it does not. Whatever the
   * target's kernel buffer does not take becomes a chunk and takes the usual way, so
   * {@code write()} and {@code 'drain'} pace the pipe as in Node; memory held per direction is
   * then at most the high-water marks plus that one read. Off with {@code -Dweir.zeroCopy=false}.
   */
  /** Bytes read that skipped the chunk path (see {@link #spliceTarget}); for tests. */
  long splicedBytes() {
    return splicedBytes;
  }

  /**
   * The plain socket this one is piped into, with nothing else consuming it, when that socket can
   * take bytes now; else null. Bytes read then go straight from the shared direct read buffer to
   * that socket's channel: no chunk is made, nothing is copied into the heap and no
   * {@code 'data'} event is emitted (like the file {@link #sendFile} path). Reads grow from
   * 64 KiB to 256 KiB while the target takes everything, and drop back to 64 KiB when it does
   * not. Whatever the target's kernel buffer does not take becomes a chunk and takes the usual
   * way, so {@code write()} and {@code 'drain'} pace the pipe as in Node; memory held per
   * direction is then at most the high-water marks plus that one read. Only a plain
   * {@code Socket}: a subclass may override {@code _write}, which splicing would skip. Off with
   * {@code -Dweir.zeroCopy=false}.
   */
  private Socket spliceTarget() {
    if (!SPLICE) {
      return null;
    }
    WritableStream<?> dest = solePipeDestination();
    return dest != null && dest.getClass() == Socket.class && ((Socket) dest).idleForSplice()
        ? (Socket) dest : null;
  }

  /** Nothing is queued, in flight or pending on the writable side: bytes may go out now. */
  private boolean idleForSplice() {
    return state == State.OPEN && !destroyed() && pendingBuffers == null && region == null
        && pendingFinal == null && !finWritten() && !writableEnded()
        && writableLength() == 0 && writableCorked() == 0 && !writableNeedDrain();
  }

  /**
   * Writes what the kernel takes of {@code bytes} (read by the socket piped alone into this
   * one), counting it as written; true when all of it was taken. A failed write takes nothing:
   * the bytes then go the usual way, whose write reports the error as Node's would.
   */
  private boolean takeSpliced(ByteBuffer bytes) {
    int n;
    try {
      n = channel.write(bytes);
    } catch (IOException e) {
      return false;
    }
    if (n > 0) {
      bytesDispatched += n;
      touch();
    }
    return !bytes.hasRemaining();
  }

  // ---- file regions (zero-copy) -------------------------------------------------------------

  /** Called back once by {@link #sendFile}: the error that ended the send, if any, and the
   * bytes sent. */
  @FunctionalInterface
  public interface SendFileCallback {
    /** {@code err} is null on success; {@code sent} counts the bytes the kernel took. */
    void done(Throwable err, long sent) throws Exception;
  }

  /** One {@link #sendFile} request and its progress. */
  private static final class FileRegion {
    final FileChannel file;
    final SendFileCallback callback;
    long position;
    long remaining;
    long sent;
    /** It had its turn: writes now queue behind it. */
    boolean started;

    FileRegion(FileChannel file, long position, long count, SendFileCallback callback) {
      this.file = file;
      this.position = position;
      this.remaining = count;
      this.callback = callback;
    }
  }

  /**
   * Sends {@code count} bytes of {@code file} from {@code position} straight from the file to the
   * connection with {@link FileChannel#transferTo} ({@code sendfile(2)} on Linux): the bytes never
   * enter the Java heap. Weir's addition to Node, used by a file
   * {@link dev.weir.fs.ReadStream} piped straight into a socket.
   *
   * <p>The region takes its turn like a write: it starts once the socket is connected and has
   * nothing queued ({@code writableLength() == 0}), so on an idle connected socket at once
   * (writes made while it still waits for its turn go before it); {@code write()}s made while it
   * is being sent
   * wait behind it exactly as behind a write in flight (so {@code write()} returns false at the
   * high-water mark and {@code 'drain'} follows), and {@code end()} sends its FIN after it. When
   * the kernel's send buffer is full the region waits for {@code OP_WRITE}, as a partial write
   * does, so a slow peer holds nothing on the heap. The file position is not used or moved.
   *
   * <p><b>Threading:</b> {@code transferTo} reads the file on the loop thread. That is cheap
   * while the file is in the page cache, but a cold file makes the loop wait for the disk, which
   * the heap path avoids by reading on the fs worker pool.
   *
   * <p>{@code callback} is called once, on a later tick: {@code (null, count)} when all was sent;
   * {@code (null, n < count)} when the file ended first or {@link #cancelSendFile} stopped it;
   * {@code (err, n)} when the connection failed (the socket is then destroyed with {@code err},
   * as after a failed write) or was destroyed ({@code ERR_STREAM_DESTROYED}), or when the file
   * could not be read (the socket stays usable).
   *
   * @return false, without calling back, when the socket takes no more writes (destroyed or
   *     {@code end()}ed) or another region is under way: write the bytes instead, which reports
   *     Node's errors
   */
  @Override
  public boolean sendFile(FileChannel file, long position, long count,
      SendFileCallback callback) {
    loop().checkInLoop();
    if (file == null || callback == null) {
      throw dev.weir.errors.ErrorCode.ERR_INVALID_ARG_TYPE.error(file == null ? "file"
          : "callback", "not null", "null");
    }
    if (position < 0 || count < 0) {
      throw dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE.error(position < 0 ? "position"
          : "count", ">= 0", position < 0 ? position : count);
    }
    if (destroyed() || writableEnded() || region != null || state == State.CLOSED) {
      return false;
    }
    region = new FileRegion(file, position, count, callback);
    try {
      maybeStartSend();
    } catch (Exception e) {
      destroy(e);
    }
    return true;
  }

  /**
   * Stops the {@link #sendFile} region under way or waiting, if any; its callback gets
   * {@code (null, bytes sent so far)} on a later tick and writes queued behind it proceed.
   * Returns whether there was one.
   */
  @Override
  public boolean cancelSendFile() {
    loop().checkInLoop();
    if (region == null) {
      return false;
    }
    try {
      finishSend(null);
    } catch (Exception e) {
      destroy(e);
    }
    return true;
  }

  private boolean sendingFile() {
    return region != null && region.started;
  }

  /** Starts the waiting region when nothing written before it is left. */
  private void maybeStartSend() throws Exception {
    FileRegion r = region;
    if (r != null && !r.started && state == State.OPEN && pendingBuffers == null
        && writableLength() == 0) {
      r.started = true;
      continueSend();
    }
  }

  private void continueSend() throws Exception {
    FileRegion r = region;
    while (r.remaining > 0) {
      long n;
      try {
        n = r.file.transferTo(r.position, r.remaining, channel);
      } catch (IOException e) {
        if (!r.file.isOpen()) {
          // The file side failed (closed under us): the connection is fine.
          finishSend(IoErrors.network(e, "sendfile", null, -1));
          return;
        }
        WeirException err = IoErrors.network(e, "write", null, -1);
        finishSend(err);
        destroy(err);
        return;
      }
      if (n > 0) {
        r.position += n;
        r.remaining -= n;
        r.sent += n;
        bytesDispatched += n;
        touch();
        continue;
      }
      // Nothing taken: the kernel's buffer is full, or the file ended before the region did.
      long size;
      try {
        size = r.file.size();
      } catch (IOException e) {
        finishSend(IoErrors.network(e, "sendfile", null, -1));
        return;
      }
      if (r.position >= size) {
        break;
      }
      setInterest(interest | SelectionKey.OP_WRITE);
      return;
    }
    finishSend(null);
  }

  /** Ends the region (done, cancelled or failed), calls back later, lets queued writes go. */
  private void finishSend(Throwable err) throws Exception {
    FileRegion r = region;
    region = null;
    if (pendingBuffers == null) {
      setInterest(interest & ~SelectionKey.OP_WRITE);
    }
    loop().nextTick(() -> r.callback.done(err, r.sent));
    if (destroyed() || state != State.OPEN) {
      return;
    }
    if (pendingBuffers != null) {
      flushPending();
    } else if (pendingFinal != null) {
      Callback fin = pendingFinal;
      pendingFinal = null;
      _final(fin);
    }
  }

  // ---- closing ----------------------------------------------------------------------------

  @Override
  protected void _destroy(Throwable err, Callback callback) throws Exception {
    if (idleTimer != null) {
      loop().clearTimeout(idleTimer);
      idleTimer = null;
    }
    Callback inFlight = pendingCallback;
    pendingBuffers = null;
    pendingCallback = null;
    inFlightBytes = 0;
    pendingFinal = null;
    FileRegion unsent = region;
    region = null;
    readingWanted = false;
    closeChannel();
    setState(State.CLOSED);
    handle.stop();
    // Node: _destroy sets _sockname = null, so the local end reads as unknown after closing;
    // the peer's address stays cached.
    localAddress = null;
    localPort = -1;
    if (inFlight != null) {
      inFlight.done(err != null ? err : ERR_STREAM_DESTROYED.error("write"));
    }
    if (unsent != null) {
      Throwable why = err != null ? err : ERR_STREAM_DESTROYED.error("write");
      loop().nextTick(() -> unsent.callback.done(why, unsent.sent));
    }
    callback.done(err);
    boolean hadError = err != null;
    loop().queueCloseCallback(() -> emit("close", hadError));
    // Node: the server's connection count drops in _destroy, and its 'close' (on a later tick)
    // may come before this socket's own 'close', which waits for the handle to close.
    if (server != null) {
      server.connectionClosed(this);
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        // At once, as uv_close: the FIN (or the RST of resetAndDestroy) leaves now.
        poller.close(key, channel);
      } catch (IOException e) {
        LOG.debug("error closing a socket channel", e);
      }
    }
  }

  /** Node's {@code destroySoon()}: ends the writable side, then destroys once it finished. */
  public void destroySoon() {
    loop().checkInLoop();
    if (writable()) {
      end();
    }
    if (writableFinished()) {
      destroy();
    } else {
      once("finish", () -> destroy());
    }
  }

  /**
   * Node's {@code resetAndDestroy()}: closes with a TCP RST instead of a FIN. While connecting it
   * waits for {@code 'connect'}; a socket that has no connection is destroyed with
   * {@code ERR_SOCKET_CLOSED}, as in Node.
   */
  public Socket resetAndDestroy() {
    loop().checkInLoop();
    if (state == State.CONNECTING) {
      once("connect", this::resetAndDestroy);
      return this;
    }
    if (state != State.OPEN) {
      destroy(ERR_SOCKET_CLOSED.error());
      return this;
    }
    if (channel != null && channel.isOpen()) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException e) {
        LOG.debug("cannot set SO_LINGER", e);
      }
    }
    destroy();
    return this;
  }

  // ---- timeouts and options ---------------------------------------------------------------

  /**
   * Node's {@code setTimeout(ms)}: emits {@code 'timeout'} after {@code ms} of inactivity (no
   * bytes read or written); 0 disables. The socket is not closed: do it in the listener.
   */
  public Socket setTimeout(long ms) {
    return setTimeout(ms, null);
  }

  /** Node's {@code setTimeout(ms, callback)}: {@code callback} is added once for 'timeout'. */
  public Socket setTimeout(long ms, Listener0 callback) {
    loop().checkInLoop();
    if (ms < 0) {
      throw dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE.error("msecs", ">= 0", ms);
    }
    if (idleTimer != null) {
      loop().clearTimeout(idleTimer);
      idleTimer = null;
    }
    idleTimeout = ms;
    if (ms > 0) {
      idleTimer = loop().setTimeout(this::onIdle, ms).unref();
      if (callback != null) {
        once("timeout", callback);
      }
    } else if (callback != null) {
      removeListener("timeout", callback);
    }
    return this;
  }

  private void onIdle() {
    if (!destroyed()) {
      emit("timeout");
    }
  }

  /** Restarts the idle timer on activity, as Node's {@code _unrefTimer}. */
  private void touch() {
    if (idleTimer != null) {
      idleTimer.refresh();
    }
  }

  /** Node's {@code timeout} property: the idle timeout in ms, 0 when none. */
  public long timeout() {
    return idleTimeout;
  }

  /** Node's {@code setNoDelay([noDelay])}. */
  public Socket setNoDelay(boolean noDelay) {
    loop().checkInLoop();
    setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    return this;
  }

  /** Node's {@code setKeepAlive([enable])}. */
  public Socket setKeepAlive(boolean enable) {
    loop().checkInLoop();
    setOption(StandardSocketOptions.SO_KEEPALIVE, enable);
    return this;
  }

  private <V> void setOption(java.net.SocketOption<V> option, V value) {
    if (channel != null && channel.isOpen()) {
      try {
        channel.setOption(option, value);
      } catch (IOException e) {
        LOG.debug("cannot set {}", option, e);
      }
    }
  }

  /** Node's {@code ref()}: the socket keeps the loop alive (the default). */
  public Socket ref() {
    loop().checkInLoop();
    handle.ref();
    return this;
  }

  /** Node's {@code unref()}: the loop may exit while this socket is open. */
  public Socket unref() {
    loop().checkInLoop();
    handle.unref();
    return this;
  }

  // ---- state ------------------------------------------------------------------------------

  /** Node's {@code bytesRead}. */
  public long bytesRead() {
    return bytesRead;
  }

  /**
   * Node's {@code bytesWritten}: bytes handed to the socket (sent, or waiting for the kernel)
   * plus bytes still buffered in the writable side; each byte counts once.
   */
  public long bytesWritten() {
    return bytesDispatched + Math.max(0, writableLength() - inFlightBytes);
  }

  /** Node's {@code remoteAddress}, or null before connecting. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /** Node's {@code remotePort}, or -1. */
  public int remotePort() {
    return remotePort;
  }

  /** Node's {@code remoteFamily}: {@code "IPv4"} or {@code "IPv6"}, or null. */
  public String remoteFamily() {
    return remoteFamily;
  }

  /** Node's {@code localAddress}, or null before connecting and after closing. */
  public String localAddress() {
    return localAddress;
  }

  /** Node's {@code localPort}, or -1 before connecting and after closing. */
  public int localPort() {
    return localPort;
  }

  /** Node's {@code address()}: the local end. */
  public AddressInfo address() {
    return localAddress == null ? null
        : new AddressInfo(localAddress, localAddress.indexOf(':') >= 0 ? "IPv6" : "IPv4",
            localPort);
  }

  /**
   * Node's {@code pending}: true until connected, and again once closed (Node's
   * {@code !this._handle || this.connecting}).
   */
  public boolean pending() {
    return state != State.OPEN;
  }

  /** Node's {@code connecting}: {@code connect()} was called and has not finished. */
  public boolean connecting() {
    return state == State.CONNECTING;
  }

  /**
   * Node's {@code readyState}: {@code "opening"}, {@code "open"}, {@code "readOnly"},
   * {@code "writeOnly"} or {@code "closed"}.
   */
  public String readyState() {
    // Node's getter, as is: a socket not yet connected is readable and writable, so "open".
    if (state == State.CONNECTING) {
      return "opening";
    }
    boolean r = readable();
    boolean w = writable();
    if (r && w) {
      return "open";
    }
    if (r) {
      return "readOnly";
    }
    if (w) {
      return "writeOnly";
    }
    return "closed";
  }

}
