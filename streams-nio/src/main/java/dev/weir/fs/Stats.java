package dev.weir.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * Information about a file; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html#class-fsstats">fs.Stats</a>. Node's
 * properties are accessors without {@code get}: {@code stats.size} is {@link #size()},
 * {@code stats.mtimeMs} is {@link #mtimeMs()}, {@code stats.mtime} is {@link #mtime()}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Where the JDK offers no {@code unix} attribute view, {@link #mode()} is synthesized from
 *       the file type (with permissions {@code 0644}/{@code 0755}) and {@code dev}, {@code ino},
 *       {@code nlink}, {@code uid}, {@code gid}, {@code rdev} are 0.</li>
 *   <li>No {@code blksize}/{@code blocks}; times are millisecond doubles (with the
 *       sub-millisecond part the JDK reports) and {@link Instant}s instead of {@code Date}s.</li>
 * </ul>
 */
public final class Stats {
  static final int S_IFMT = 0170000;
  static final int S_IFREG = 0100000;
  static final int S_IFDIR = 0040000;
  static final int S_IFLNK = 0120000;
  static final int S_IFIFO = 0010000;
  static final int S_IFSOCK = 0140000;
  static final int S_IFBLK = 0060000;
  static final int S_IFCHR = 0020000;

  private final long dev;
  private final long ino;
  private final int mode;
  private final long nlink;
  private final int uid;
  private final int gid;
  private final long rdev;
  private final long size;
  private final double atimeMs;
  private final double mtimeMs;
  private final double ctimeMs;
  private final double birthtimeMs;

  private Stats(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size,
      double atimeMs, double mtimeMs, double ctimeMs, double birthtimeMs) {
    this.dev = dev;
    this.ino = ino;
    this.mode = mode;
    this.nlink = nlink;
    this.uid = uid;
    this.gid = gid;
    this.rdev = rdev;
    this.size = size;
    this.atimeMs = atimeMs;
    this.mtimeMs = mtimeMs;
    this.ctimeMs = ctimeMs;
    this.birthtimeMs = birthtimeMs;
  }

  /**
   * The {@code unix} view's attributes that Stats holds, read with one stat(2). Not
   * {@code "unix:*"}: that also resolves the owner and group names (a getpwuid and a getgrgid,
   * which open and parse /etc/passwd and /etc/group on every call) and fills a map with every
   * attribute.
   */
  private static final String UNIX_ATTRIBUTES = "unix:mode,ino,dev,rdev,nlink,uid,gid,ctime,"
      + "size,lastModifiedTime,lastAccessTime,creationTime";
  private static final LinkOption[] FOLLOW = new LinkOption[0];
  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
  /** Whether the default file system has the {@code unix} view (false: basic attributes). */
  private static volatile boolean unixView = true;

  /** stat(2) ({@code follow}) or lstat(2) of {@code path}; blocking. */
  static Stats of(Path path, boolean follow) throws IOException {
    LinkOption[] options = follow ? FOLLOW : NO_FOLLOW;
    if (unixView) {
      Map<String, Object> unix;
      try {
        unix = Files.readAttributes(path, UNIX_ATTRIBUTES, options);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        unixView = false;
        return of(path, follow);
      }
      return new Stats(num(unix.get("dev")), num(unix.get("ino")), (int) num(unix.get("mode")),
          num(unix.get("nlink")), (int) num(unix.get("uid")), (int) num(unix.get("gid")),
          num(unix.get("rdev")), num(unix.get("size")),
          millis((FileTime) unix.get("lastAccessTime")),
          millis((FileTime) unix.get("lastModifiedTime")), millis((FileTime) unix.get("ctime")),
          millis((FileTime) unix.get("creationTime")));
    }
    BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, options);
    int type = basic.isDirectory() ? S_IFDIR : basic.isSymbolicLink() ? S_IFLNK
        : basic.isRegularFile() ? S_IFREG : S_IFIFO;
    int perms = basic.isDirectory() ? 0755 : 0644;
    double mtime = millis(basic.lastModifiedTime());
    return new Stats(0, 0, type | perms, 1, 0, 0, 0, basic.size(),
        millis(basic.lastAccessTime()), mtime, mtime, millis(basic.creationTime()));
  }

  /** The same stats with another size (fstat: the open channel knows the current size). */
  Stats withSize(long newSize) {
    return new Stats(dev, ino, mode, nlink, uid, gid, rdev, newSize, atimeMs, mtimeMs, ctimeMs,
        birthtimeMs);
  }

  /** Stats of an open file whose path no longer exists: a regular file of {@code size}. */
  static Stats orphan(long size) {
    return new Stats(0, 0, S_IFREG | 0644, 0, 0, 0, 0, size, 0, 0, 0, 0);
  }

  private static long num(Object value) {
    return value instanceof Number ? ((Number) value).longValue() : 0;
  }

  private static double millis(FileTime time) {
    if (time == null) {
      return 0;
    }
    Instant i = time.toInstant();
    return i.getEpochSecond() * 1000.0 + i.getNano() / 1_000_000.0;
  }

  private static Instant instant(double ms) {
    long whole = (long) Math.floor(ms);
    return Instant.ofEpochMilli(whole).plusNanos((long) ((ms - whole) * 1_000_000));
  }

  /** Node's {@code stats.isFile()}. */
  public boolean isFile() {
    return (mode & S_IFMT) == S_IFREG;
  }

  /** Node's {@code stats.isDirectory()}. */
  public boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  /** Node's {@code stats.isSymbolicLink()}: only from {@link Fs#lstat}. */
  public boolean isSymbolicLink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  /** Node's {@code stats.isFIFO()}. */
  public boolean isFIFO() {
    return (mode & S_IFMT) == S_IFIFO;
  }

  /** Node's {@code stats.isSocket()}. */
  public boolean isSocket() {
    return (mode & S_IFMT) == S_IFSOCK;
  }

  /** Node's {@code stats.isBlockDevice()}. */
  public boolean isBlockDevice() {
    return (mode & S_IFMT) == S_IFBLK;
  }

  /** Node's {@code stats.isCharacterDevice()}. */
  public boolean isCharacterDevice() {
    return (mode & S_IFMT) == S_IFCHR;
  }

  /** Node's {@code stats.dev}. */
  public long dev() {
    return dev;
  }

  /** Node's {@code stats.ino}. */
  public long ino() {
    return ino;
  }

  /** Node's {@code stats.mode}: file type and permission bits ({@code 0100644}). */
  public int mode() {
    return mode;
  }

  /** Node's {@code stats.nlink}. */
  public long nlink() {
    return nlink;
  }

  /** Node's {@code stats.uid}. */
  public int uid() {
    return uid;
  }

  /** Node's {@code stats.gid}. */
  public int gid() {
    return gid;
  }

  /** Node's {@code stats.rdev}. */
  public long rdev() {
    return rdev;
  }

  /** Node's {@code stats.size} in bytes. */
  public long size() {
    return size;
  }

  /** Node's {@code stats.atimeMs}. */
  public double atimeMs() {
    return atimeMs;
  }

  /** Node's {@code stats.mtimeMs}. */
  public double mtimeMs() {
    return mtimeMs;
  }

  /** Node's {@code stats.ctimeMs}. */
  public double ctimeMs() {
    return ctimeMs;
  }

  /** Node's {@code stats.birthtimeMs}. */
  public double birthtimeMs() {
    return birthtimeMs;
  }

  /** Node's {@code stats.atime}. */
  public Instant atime() {
    return instant(atimeMs);
  }

  /** Node's {@code stats.mtime}. */
  public Instant mtime() {
    return instant(mtimeMs);
  }

  /** Node's {@code stats.ctime}. */
  public Instant ctime() {
    return instant(ctimeMs);
  }

  /** Node's {@code stats.birthtime}. */
  public Instant birthtime() {
    return instant(birthtimeMs);
  }

  @Override
  public String toString() {
    return "Stats[mode=0" + Integer.toOctalString(mode) + ", size=" + size + ", mtimeMs="
        + mtimeMs + "]";
  }
}
