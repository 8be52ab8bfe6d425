package dev.weir.fs;

/**
 * Node's {@code (err, value) => {}} callback of the fs module: {@code done(null, value)} is
 * success, {@code done(err, null)} a failure. Always called once, on the loop thread, never from
 * inside the call that registered it. May throw; what it throws goes to the loop's
 * {@code 'uncaughtException'} listeners, as an exception thrown in a Node callback would.
 *
 * @param <T> the result type ({@code FileHandle}, {@code Integer} bytes, {@code Stats}…)
 */
@FunctionalInterface
public interface FsCallback<T> {
  void done(Throwable err, T value) throws Exception;
}
