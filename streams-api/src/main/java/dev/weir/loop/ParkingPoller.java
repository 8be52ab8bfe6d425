package dev.weir.loop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The default {@link Poller}: no I/O, the loop thread parks until a timer is due or woken. */
final class ParkingPoller implements Poller {
  private final Thread thread;
  private volatile boolean woken;

  ParkingPoller(Thread thread) {
    this.thread = thread;
  }

  @Override
  public void poll(long timeoutMillis) {
    if (timeoutMillis == 0 || woken) {
      woken = false;
      return;
    }
    if (timeoutMillis < 0) {
      LockSupport.park(this);
    } else {
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }
    woken = false;
  }

  @Override
  public void wakeup() {
    woken = true;
    LockSupport.unpark(thread);
  }

  @Override
  public void close() {}
}
