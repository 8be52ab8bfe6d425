/**
 * Node's <a href="https://nodejs.org/docs/latest-v20.x/api/fs.html">fs</a> module on Weir's loop:
 * {@link dev.weir.fs.Fs} (the callback calls, their {@code …Async} CompletableFuture forms and
 * the stream factories), {@link dev.weir.fs.ReadStream} and {@link dev.weir.fs.WriteStream}.
 * Blocking file I/O runs on a 4-thread worker pool and completes on the loop, like libuv's
 * threadpool; a pending call keeps the loop alive.
 */
package dev.weir.fs;
