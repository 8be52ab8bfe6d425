package dev.weir.stream;

/**
 * Options of {@link Readable#pipe(WritableStream, PipeOptions)}; Node's {@code {end}}.
 *
 * @param end whether the destination is ended when the source ends (default true)
 */
public record PipeOptions(boolean end) {
  /** Node's default: end the destination on the source's 'end'. */
  public static final PipeOptions DEFAULT = new PipeOptions(true);

  /** Node's {@code {end: value}}. */
  public static PipeOptions end(boolean value) {
    return value ? DEFAULT : new PipeOptions(false);
  }
}
