package dev.weir.stream;

/**
 * Options of {@link Stream#finished(Stream, FinishedOptions, Callback)}; Node's {@code {error,
 * readable, writable}}. A null side means "decide from the stream".
 *
 * @param error whether an {@code 'error'} event completes the wait (default true)
 * @param readable wait for the readable side, or null to decide from the stream
 * @param writable wait for the writable side, or null to decide from the stream
 */
public record FinishedOptions(boolean error, Boolean readable, Boolean writable) {
  /** Node's defaults: errors count, both sides as the stream has them. */
  public static final FinishedOptions DEFAULT = new FinishedOptions(true, null, null);
}
