package dev.weir.fs;

import static dev.weir.errors.ErrorCode.ERR_OUT_OF_RANGE;

/**
 * Options of {@link Fs#createReadStream(String, ReadStreamOptions)}; Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#fscreatereadstreampath-options">options
 * object</a>. Fluent and mutable until passed to a stream. Defaults as Node: flags {@code "r"},
 * mode {@code 0o666}, start at the file position, end at end of file, {@code highWaterMark}
 * {@value #DEFAULT_HIGH_WATER_MARK}, no encoding, {@code autoClose} and {@code emitClose} true;
 * {@link #zeroCopy} as the system property {@value #ZERO_COPY_PROPERTY} says (default true).
 */
public final class ReadStreamOptions {
  /** Node's default {@code highWaterMark} of fs read streams: 64 KiB. */
  public static final int DEFAULT_HIGH_WATER_MARK = 64 * 1024;
  /** Node's {@code Number.MAX_SAFE_INTEGER}, the largest {@code start}/{@code end}. */
  static final long MAX_SAFE_INTEGER = 9007199254740991L;
  /** The system property that sets the default of {@link #zeroCopy}: {@code false} turns it off. */
  public static final String ZERO_COPY_PROPERTY = "weir.zeroCopy";

  String flags = OpenFlags.DEFAULT_READ;
  int mode = Fs.DEFAULT_FILE_MODE;
  Long start;
  Long end;
  Integer highWaterMark;
  String encoding;
  FileHandle fd;
  boolean autoClose = true;
  boolean emitClose = true;
  boolean zeroCopy = !"false".equalsIgnoreCase(System.getProperty(ZERO_COPY_PROPERTY));

  /** Node's {@code flags} (default {@code "r"}); invalid flags throw when the stream is made. */
  public ReadStreamOptions flags(String flags) {
    this.flags = Fs.requireArg(flags, "flags", "of type string");
    return this;
  }

  /** Node's {@code mode} (default {@code 0o666}), used if the flags create the file. */
  public ReadStreamOptions mode(int mode) {
    this.mode = mode;
    return this;
  }

  /** Node's {@code start}: the first byte offset to read (inclusive). */
  public ReadStreamOptions start(long start) {
    this.start = checkOffset("start", start);
    return this;
  }

  /** Node's {@code end}: the last byte offset to read, <em>inclusive</em> as in Node. */
  public ReadStreamOptions end(long end) {
    this.end = checkOffset("end", end);
    return this;
  }

  /** Node's {@code highWaterMark}: also the size of each read. */
  public ReadStreamOptions highWaterMark(int highWaterMark) {
    if (highWaterMark < 0) {
      throw dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE.error("options.highWaterMark",
          "is invalid", highWaterMark);
    }
    this.highWaterMark = highWaterMark;
    return this;
  }

  /** Node's {@code encoding}: chunks are decoded strings, as after {@code setEncoding}. */
  public ReadStreamOptions encoding(String encoding) {
    Fs.checkEncoding(encoding);
    this.encoding = encoding;
    return this;
  }

  /** Node's {@code fd}: read an already open handle; no {@code 'open'} event, path ignored. */
  public ReadStreamOptions fd(FileHandle fd) {
    this.fd = fd;
    return this;
  }

  /** Node's {@code autoClose} (default true): close the file on end or error. */
  public ReadStreamOptions autoClose(boolean autoClose) {
    this.autoClose = autoClose;
    return this;
  }

  /** Node's {@code emitClose} (default true). */
  public ReadStreamOptions emitClose(boolean emitClose) {
    this.emitClose = emitClose;
    return this;
  }

  /**
   * Weir's addition (Node has none): whether piping the stream straight into a
   * {@link dev.weir.net.Socket} may send the file with {@code sendfile(2)} instead of reading it
   * into buffers; see {@link ReadStream}. Default true, unless the system property
   * {@value #ZERO_COPY_PROPERTY} is {@code false}.
   */
  public ReadStreamOptions zeroCopy(boolean zeroCopy) {
    this.zeroCopy = zeroCopy;
    return this;
  }

  static long checkOffset(String name, long value) {
    if (value < 0 || value > MAX_SAFE_INTEGER) {
      throw ERR_OUT_OF_RANGE.error(name, ">= 0 && <= " + MAX_SAFE_INTEGER, value);
    }
    return value;
  }
}
