package dev.weir.fs;

/**
 * Options of {@link Fs#createWriteStream(String, WriteStreamOptions)}; Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#fscreatewritestreampath-options">options
 * object</a>. Fluent and mutable until passed to a stream. Defaults as Node 20: flags
 * {@code "w"}, mode {@code 0o666}, writes at the file position, {@code highWaterMark} 16 KiB,
 * encoding {@code utf8}, {@code autoClose} and {@code emitClose} true, {@code flush} false.
 */
public final class WriteStreamOptions {
  String flags = OpenFlags.DEFAULT_WRITE;
  int mode = Fs.DEFAULT_FILE_MODE;
  Long start;
  Integer highWaterMark;
  String encoding;
  FileHandle fd;
  boolean autoClose = true;
  boolean emitClose = true;
  boolean flush;

  /** Node's {@code flags} (default {@code "w"}; {@code "a"} appends, {@code "wx"} fails if the
   * file exists, {@code "r+"} writes into an existing file without truncating it). */
  public WriteStreamOptions flags(String flags) {
    this.flags = Fs.requireArg(flags, "flags", "of type string");
    return this;
  }

  /** Node's {@code mode} (default {@code 0o666}) for a created file, less the umask. */
  public WriteStreamOptions mode(int mode) {
    this.mode = mode;
    return this;
  }

  /** Node's {@code start}: the byte offset of the first write (use flags {@code "r+"} to keep
   * the rest of an existing file). */
  public WriteStreamOptions start(long start) {
    this.start = ReadStreamOptions.checkOffset("start", start);
    return this;
  }

  /** Node's {@code highWaterMark} (default 16 KiB in Node 20). */
  public WriteStreamOptions highWaterMark(int highWaterMark) {
    if (highWaterMark < 0) {
      throw dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE.error("options.highWaterMark",
          "is invalid", highWaterMark);
    }
    this.highWaterMark = highWaterMark;
    return this;
  }

  /** Node's {@code encoding}: the default encoding of written strings. */
  public WriteStreamOptions encoding(String encoding) {
    Fs.checkEncoding(encoding);
    this.encoding = encoding;
    return this;
  }

  /** Node's {@code fd}: write to an already open handle; no {@code 'open'} event. */
  public WriteStreamOptions fd(FileHandle fd) {
    this.fd = fd;
    return this;
  }

  /** Node's {@code autoClose} (default true): close the file after 'finish' or an error. */
  public WriteStreamOptions autoClose(boolean autoClose) {
    this.autoClose = autoClose;
    return this;
  }

  /** Node's {@code emitClose} (default true). */
  public WriteStreamOptions emitClose(boolean emitClose) {
    this.emitClose = emitClose;
    return this;
  }

  /** Node's {@code flush} (default false): fsync the file before closing it. */
  public WriteStreamOptions flush(boolean flush) {
    this.flush = flush;
    return this;
  }
}
