package dev.weir.loop;

/**
 * A callback run by the loop: {@code nextTick(() -> ...)}, {@code setTimeout(() -> ..., 10)}.
 * May throw; what it throws goes to the loop's {@code 'uncaughtException'} listeners.
 */
@FunctionalInterface
public interface Task {
  void run() throws Exception;
}
