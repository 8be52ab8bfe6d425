package dev.weir.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.events.Listener0;
import dev.weir.events.Listener1;
import dev.weir.events.Listener2;
import java.util.ArrayList;
import java.util.List;

/**
 * Node's {@code common.mustCall}: wraps listeners and callbacks and checks in {@link #verify()}
 * that each ran exactly the expected number of times.
 */
public final class MustCall {
  private final List<Expectation> expectations = new ArrayList<>();

  private static final class Expectation {
    final int expected;
    final String where;
    int actual;

    Expectation(int expected, String where) {
      this.expected = expected;
      this.where = where;
    }
  }

  private Expectation expect(int n) {
    StackTraceElement caller = new Throwable().getStackTrace()[2];
    Expectation e = new Expectation(n, caller.getFileName() + ":" + caller.getLineNumber());
    expectations.add(e);
    return e;
  }

  /** A listener that must run exactly once. */
  public Listener0 once(Listener0 l) {
    return times(1, l);
  }

  /** A listener that must run exactly once. */
  public <A> Listener1<A> once(Listener1<A> l) {
    return times(1, l);
  }

  /** A listener that must run exactly once. */
  public <A, B> Listener2<A, B> once(Listener2<A, B> l) {
    return times(1, l);
  }

  /** A no-op listener that must run exactly once. */
  public Listener0 once() {
    return times(1, () -> {});
  }

  /** A listener that must run exactly {@code n} times. */
  public Listener0 times(int n, Listener0 l) {
    Expectation e = expect(n);
    return () -> {
      e.actual++;
      l.call();
    };
  }

  /** A listener that must run exactly {@code n} times. */
  public <A> Listener1<A> times(int n, Listener1<A> l) {
    Expectation e = expect(n);
    return a -> {
      e.actual++;
      l.call(a);
    };
  }

  /** A listener that must run exactly {@code n} times. */
  public <A, B> Listener2<A, B> times(int n, Listener2<A, B> l) {
    Expectation e = expect(n);
    return (a, b) -> {
      e.actual++;
      l.call(a, b);
    };
  }

  /** A listener that must never run. */
  public Listener0 never() {
    return times(0, () -> {});
  }

  /** A listener of one argument that must never run. */
  public <A> Listener1<A> never1() {
    return times(0, (A a) -> {});
  }

  /** Fails if any wrapped listener ran a different number of times than expected. */
  public void verify() {
    StringBuilder problems = new StringBuilder();
    for (Expectation e : expectations) {
      if (e.actual != e.expected) {
        problems.append("\n  ").append(e.where).append(": expected ").append(e.expected)
            .append(" call(s), got ").append(e.actual);
      }
    }
    if (problems.length() > 0) {
      fail("mustCall mismatch:" + problems);
    }
  }
}
