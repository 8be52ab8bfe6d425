package dev.weir.fs;

import static dev.weir.errors.ErrorCode.ERR_INVALID_ARG_VALUE;

import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * Node's string open flags ({@code lib/internal/fs/utils.js stringToFlags}) as JDK open options.
 * {@code x} is {@code CREATE_NEW} (so an existing file is {@code EEXIST}), {@code s} is
 * {@code SYNC}. The JDK refuses {@code READ} with {@code APPEND}, so the {@code a+} family opens
 * read-write and appends by moving to the end before each write ({@link #emulateAppend}).
 */
record OpenFlags(String flags, Set<StandardOpenOption> options, boolean append,
    boolean emulateAppend) {

  static final String DEFAULT_READ = "r";
  static final String DEFAULT_WRITE = "w";

  OpenOption[] toArray() {
    return options.toArray(new OpenOption[0]);
  }

  /** Parses {@code flags}; throws {@code ERR_INVALID_ARG_VALUE} for anything Node rejects. */
  static OpenFlags parse(String flags) {
    if (flags == null) {
      return parse(DEFAULT_READ);
    }
    StandardOpenOption read = StandardOpenOption.READ;
    StandardOpenOption write = StandardOpenOption.WRITE;
    StandardOpenOption create = StandardOpenOption.CREATE;
    StandardOpenOption createNew = StandardOpenOption.CREATE_NEW;
    StandardOpenOption trunc = StandardOpenOption.TRUNCATE_EXISTING;
    StandardOpenOption append = StandardOpenOption.APPEND;
    StandardOpenOption sync = StandardOpenOption.SYNC;
    switch (flags) {
      case "r":
        return of(flags, false, false, read);
      case "rs":
      case "sr":
        return of(flags, false, false, read, sync);
      case "r+":
        return of(flags, false, false, read, write);
      case "rs+":
      case "sr+":
        return of(flags, false, false, read, write, sync);
      case "w":
        return of(flags, false, false, write, create, trunc);
      case "wx":
      case "xw":
        return of(flags, false, false, write, createNew);
      case "w+":
        return of(flags, false, false, read, write, create, trunc);
      case "wx+":
      case "xw+":
        return of(flags, false, false, read, write, createNew);
      case "a":
        return of(flags, true, false, append, create);
      case "ax":
      case "xa":
        return of(flags, true, false, append, createNew);
      case "as":
      case "sa":
        return of(flags, true, false, append, create, sync);
      case "a+":
        return of(flags, true, true, read, write, create);
      case "ax+":
      case "xa+":
        return of(flags, true, true, read, write, createNew);
      case "as+":
      case "sa+":
        return of(flags, true, true, read, write, create, sync);
      default:
        throw ERR_INVALID_ARG_VALUE.error("flags", "is invalid", "'" + flags + "'");
    }
  }

  private static OpenFlags of(String flags, boolean append, boolean emulate,
      StandardOpenOption first, StandardOpenOption... rest) {
    return new OpenFlags(flags, EnumSet.of(first, rest), append, emulate);
  }
}
