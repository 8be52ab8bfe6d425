package dev.weir.events;

import dev.weir.errors.ErrorCode;
import dev.weir.errors.WeirException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named events with synchronous listeners; mirrors Node's
 * <a href="https://nodejs.org/docs/latest-v20.x/api/events.html#class-eventemitter">EventEmitter</a>.
 *
 * <p>Listeners are lambdas of 0, 1 or 2 arguments ({@link Listener0}, {@link Listener1},
 * {@link Listener2}); the lambda's arity picks the overload, so
 * {@code ws.on("drain", () -> rs.resume())} and {@code rs.on("data", (Buffer c) -> ...)} read
 * like Node. {@link #emit} calls listeners in registration order on the calling thread; listeners
 * added or removed during an emit do not change that emit. {@code emit("error", err)} with no
 * {@code 'error'} listener throws {@code err}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Event names are strings only (no symbols); {@code off}/{@code removeListener} match a
 *       listener by identity, so keep the reference of a lambda you want to remove.</li>
 *   <li>A listener that throws a checked exception has it wrapped in a {@link WeirException}
 *       with code {@code ERR_WEIR_LISTENER_THREW}; unchecked exceptions propagate unchanged.</li>
 *   <li>An {@code 'error'} emitted without listeners throws the error itself when it is unchecked;
 *       a checked exception or a non-exception value is wrapped as
 *       {@code ERR_UNHANDLED_ERROR}.</li>
 *   <li>Not bound to a loop: an emitter is a plain object, used on one thread at a time; streams
 *       built on it add the loop's thread checks.</li>
 *   <li>{@code captureRejections} and {@code errorMonitor} are not supported.</li>
 * </ul>
 */
public class EventEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(EventEmitter.class);

  /** Node's {@code EventEmitter.defaultMaxListeners}. */
  public static final int DEFAULT_MAX_LISTENERS = 10;

  private static final Object[] NO_ARGS = new Object[0];
  /** A name no caller can emit: marks the hot-event cache empty. */
  private static final String NO_EVENT = new String("");

  /**
   * Event name to one {@code Object} listener or an {@code Object[]} (copy-on-write), in the
   * order the events first got a listener (a JS object's key order, which eventNames() and
   * removeAllListeners() follow in Node).
   */
  private Map<String, Object> events;
  /*
   * Caches in front of {@link #events}, because a stream emits the same few events for every
   * chunk ('data'; with backpressure also 'pause', 'resume', 'readable', 'drain'). Names are
   * compared by identity (event names are literals, so interned; an equal name that is another
   * String object only misses), and the cached value is the entry as in the map, null for no
   * listener. An event's slots are cleared whenever its entry in {@link #events} changes
   * ({@link #NO_EVENT} marks an empty slot: no caller can pass that String object).
   */
  /** The event emitted last and its entry. */
  private String hotEvent = NO_EVENT;
  private Object hotHandler;
  /** The last {@link #SEEN} distinct events emitted and their entries, replaced round-robin. */
  private String[] seenEvents;
  private Object[] seenHandlers;
  private int seenNext;
  private static final int SEEN = 8;
  /** Events already warned about for exceeding {@link #maxListeners}. */
  private List<String> warned;
  private int maxListeners = DEFAULT_MAX_LISTENERS;

  /**
   * A listener added with {@code once}: removes itself before it runs; Node's
   * {@code onceWrapper}, returned by {@link #rawListeners}.
   */
  public static final class OnceWrapper {
    private final EventEmitter target;
    private final String event;
    private final Object listener;
    private boolean fired;

    OnceWrapper(EventEmitter target, String event, Object listener) {
      this.target = target;
      this.event = event;
      this.listener = listener;
    }

    /** The listener that was passed to {@code once}. */
    public Object listener() {
      return listener;
    }

    /** Calls the listener once and removes it, as calling Node's wrapper does. */
    public void call(Object... args) {
      fire(args.length, args.length > 0 ? args[0] : null, args.length > 1 ? args[1] : null,
          args);
    }

    void fire(int argc, Object a, Object b, Object[] all) {
      if (fired) {
        return;
      }
      fired = true;
      target.removeListener(event, this);
      invoke(event, listener, argc, a, b, all);
    }
  }

  // ---- adding -----------------------------------------------------------------------------

  /** Node's {@code on}: appends a listener of no arguments. */
  public EventEmitter on(String event, Listener0 listener) {
    return add(event, listener, false, false);
  }

  /** Node's {@code on}: appends a listener of one argument. */
  public <A> EventEmitter on(String event, Listener1<A> listener) {
    return add(event, listener, false, false);
  }

  /** Node's {@code on}: appends a listener of two arguments. */
  public <A, B> EventEmitter on(String event, Listener2<A, B> listener) {
    return add(event, listener, false, false);
  }

  /** Node's {@code addListener}, the same as {@link #on(String, Listener0)}. */
  public EventEmitter addListener(String event, Listener0 listener) {
    return add(event, listener, false, false);
  }

  /** Node's {@code addListener}, the same as {@link #on(String, Listener1)}. */
  public <A> EventEmitter addListener(String event, Listener1<A> listener) {
    return add(event, listener, false, false);
  }

  /** Node's {@code addListener}, the same as {@link #on(String, Listener2)}. */
  public <A, B> EventEmitter addListener(String event, Listener2<A, B> listener) {
    return add(event, listener, false, false);
  }

  /** Node's {@code once}: a listener removed before its first call. */
  public EventEmitter once(String event, Listener0 listener) {
    return add(event, listener, true, false);
  }

  /** Node's {@code once}: a listener removed before its first call. */
  public <A> EventEmitter once(String event, Listener1<A> listener) {
    return add(event, listener, true, false);
  }

  /** Node's {@code once}: a listener removed before its first call. */
  public <A, B> EventEmitter once(String event, Listener2<A, B> listener) {
    return add(event, listener, true, false);
  }

  /** Node's {@code prependListener}: adds a listener before all others. */
  public EventEmitter prependListener(String event, Listener0 listener) {
    return add(event, listener, false, true);
  }

  /** Node's {@code prependListener}: adds a listener before all others. */
  public <A> EventEmitter prependListener(String event, Listener1<A> listener) {
    return add(event, listener, false, true);
  }

  /** Node's {@code prependListener}: adds a listener before all others. */
  public <A, B> EventEmitter prependListener(String event, Listener2<A, B> listener) {
    return add(event, listener, false, true);
  }

  /** Node's {@code prependOnceListener}. */
  public EventEmitter prependOnceListener(String event, Listener0 listener) {
    return add(event, listener, true, true);
  }

  /** Node's {@code prependOnceListener}. */
  public <A> EventEmitter prependOnceListener(String event, Listener1<A> listener) {
    return add(event, listener, true, true);
  }

  /** Node's {@code prependOnceListener}. */
  public <A, B> EventEmitter prependOnceListener(String event, Listener2<A, B> listener) {
    return add(event, listener, true, true);
  }

  private EventEmitter add(String event, Object listener, boolean once, boolean prepend) {
    if (event == null) {
      throw ErrorCode.ERR_INVALID_ARG_TYPE.error("eventName", "of type string", "null");
    }
    if (listener == null) {
      throw ErrorCode.ERR_INVALID_ARG_TYPE.error("listener", "of type function", "null");
    }
    if (events == null) {
      events = new LinkedHashMap<>(8);
    }
    // Node: 'newListener' is emitted before the listener is added.
    if (events.containsKey("newListener")) {
      emit("newListener", event, listener);
    }
    Object entry = once ? new OnceWrapper(this, event, listener) : listener;
    forgetHandlers(event);
    Object existing = events.get(event);
    int count;
    if (existing == null) {
      events.put(event, entry);
      count = 1;
    } else if (existing instanceof Object[]) {
      Object[] old = (Object[]) existing;
      Object[] grown = new Object[old.length + 1];
      if (prepend) {
        grown[0] = entry;
        System.arraycopy(old, 0, grown, 1, old.length);
      } else {
        System.arraycopy(old, 0, grown, 0, old.length);
        grown[old.length] = entry;
      }
      events.put(event, grown);
      count = grown.length;
    } else {
      events.put(event, prepend ? new Object[] {entry, existing} : new Object[] {existing, entry});
      count = 2;
    }
    if (maxListeners > 0 && count > maxListeners) {
      warnOnce(event, count);
    }
    return this;
  }

  private void warnOnce(String event, int count) {
    if (warned == null) {
      warned = new ArrayList<>(1);
    }
    if (!warned.contains(event)) {
      warned.add(event);
      LOG.warn("MaxListenersExceededWarning: Possible EventEmitter memory leak detected. {} {} "
          + "listeners added to {}. Use emitter.setMaxListeners() to increase limit",
          count, event, getClass().getSimpleName());
    }
  }

  // ---- removing ---------------------------------------------------------------------------

  /** Node's {@code off}, the same as {@link #removeListener}. */
  public EventEmitter off(String event, Object listener) {
    return removeListener(event, listener);
  }

  /**
   * Node's {@code removeListener}: removes the most recently added instance of {@code listener}
   * (a listener added with {@code once} matches its original); emits {@code 'removeListener'}
   * after removing.
   */
  public EventEmitter removeListener(String event, Object listener) {
    if (events == null || listener == null) {
      return this;
    }
    Object existing = events.get(event);
    if (existing == null) {
      return this;
    }
    Object removed;
    forgetHandlers(event);
    if (existing instanceof Object[]) {
      Object[] list = (Object[]) existing;
      int at = -1;
      for (int i = list.length - 1; i >= 0; i--) {
        if (matches(list[i], listener)) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        return this;
      }
      removed = list[at];
      if (list.length == 2) {
        events.put(event, list[1 - at]);
      } else {
        Object[] shrunk = new Object[list.length - 1];
        System.arraycopy(list, 0, shrunk, 0, at);
        System.arraycopy(list, at + 1, shrunk, at, list.length - at - 1);
        events.put(event, shrunk);
      }
    } else {
      if (!matches(existing, listener)) {
        return this;
      }
      removed = existing;
      events.remove(event);
    }
    if (events.containsKey("removeListener")) {
      emit("removeListener", event, unwrap(removed));
    }
    return this;
  }

  private static boolean matches(Object entry, Object listener) {
    return entry == listener
        || (entry instanceof OnceWrapper && ((OnceWrapper) entry).listener == listener);
  }

  private static Object unwrap(Object entry) {
    return entry instanceof OnceWrapper ? ((OnceWrapper) entry).listener : entry;
  }

  /** Node's {@code removeAllListeners()}: every listener of every event. */
  public EventEmitter removeAllListeners() {
    if (events == null) {
      return this;
    }
    if (!events.containsKey("removeListener")) {
      forgetHandlers();
      events.clear();
      return this;
    }
    // Node: every other event first, 'removeListener' itself last.
    for (String name : eventNames()) {
      if (!name.equals("removeListener")) {
        removeAllListeners(name);
      }
    }
    removeAllListeners("removeListener");
    return this;
  }

  /** Node's {@code removeAllListeners(event)}: emits {@code 'removeListener'} for each, LIFO. */
  public EventEmitter removeAllListeners(String event) {
    if (events == null) {
      return this;
    }
    Object existing = events.get(event);
    if (existing == null) {
      return this;
    }
    if (!events.containsKey("removeListener")) {
      forgetHandlers(event);
      events.remove(event);
      return this;
    }
    Object[] list = existing instanceof Object[] ? (Object[]) existing : new Object[] {existing};
    for (int i = list.length - 1; i >= 0; i--) {
      removeListener(event, list[i]);
    }
    return this;
  }

  // ---- emitting ---------------------------------------------------------------------------

  /** Node's {@code emit(event)}: calls every listener; returns whether there were any. */
  public boolean emit(String event) {
    return dispatch(event, 0, null, null, NO_ARGS);
  }

  /** Node's {@code emit(event, a)}; allocation-free with one listener. */
  public boolean emit(String event, Object a) {
    return dispatch(event, 1, a, null, null);
  }

  /** Node's {@code emit(event, a, b)}. */
  public boolean emit(String event, Object a, Object b) {
    return dispatch(event, 2, a, b, null);
  }

  /**
   * Node's {@code emit(event, ...args)}: listeners of 0, 1 or 2 arguments get the first ones;
   * a missing argument is {@code null}.
   */
  public boolean emit(String event, Object... args) {
    Object[] all = args == null ? NO_ARGS : args;
    return dispatch(event, all.length, all.length > 0 ? all[0] : null,
        all.length > 1 ? all[1] : null, all);
  }

  private boolean dispatch(String event, int argc, Object a, Object b, Object[] all) {
    Object handler;
    if (event == hotEvent) {
      handler = hotHandler;
    } else {
      handler = handlerOf(event);
    }
    if (handler == null) {
      if ("error".equals(event)) {
        throw unhandled(a);
      }
      return false;
    }
    if (handler instanceof Object[]) {
      // Copy-on-write: this array is never mutated, so additions or removals made by a listener
      // do not change this emit (Node clones the array instead).
      for (Object listener : (Object[]) handler) {
        callEntry(event, listener, argc, a, b, all);
      }
    } else {
      callEntry(event, handler, argc, a, b, all);
    }
    return true;
  }

  /** The entry of {@code event} (null: no listener), through the caches; makes it the hot one. */
  private Object handlerOf(String event) {
    String[] names = seenEvents;
    Object handler;
    found: {
      if (names == null) {
        names = seenEvents = new String[SEEN];
        Arrays.fill(names, NO_EVENT);
        seenHandlers = new Object[SEEN];
      } else {
        for (int i = 0; i < SEEN; i++) {
          if (names[i] == event) {
            handler = seenHandlers[i];
            break found;
          }
        }
      }
      handler = events == null ? null : events.get(event);
      int slot = seenNext;
      seenNext = (slot + 1) % SEEN;
      names[slot] = event;
      seenHandlers[slot] = handler;
    }
    hotEvent = event;
    hotHandler = handler;
    return handler;
  }

  /**
   * Drops {@code event} from the caches of {@link #handlerOf}: called on every change to its
   * entry in {@link #events}. The cached entries of other events stay what the map holds.
   */
  private void forgetHandlers(String event) {
    if (event.equals(hotEvent)) {
      hotEvent = NO_EVENT;
      hotHandler = null;
    }
    String[] names = seenEvents;
    if (names != null) {
      for (int i = 0; i < SEEN; i++) {
        if (event.equals(names[i])) {
          names[i] = NO_EVENT;
          seenHandlers[i] = null;
        }
      }
    }
  }

  /** Empties the caches of {@link #handlerOf}: every entry of {@link #events} went. */
  private void forgetHandlers() {
    hotEvent = NO_EVENT;
    hotHandler = null;
    if (seenEvents != null) {
      Arrays.fill(seenEvents, NO_EVENT);
      Arrays.fill(seenHandlers, null);
    }
  }

  private static void callEntry(String event, Object entry, int argc, Object a, Object b,
      Object[] all) {
    if (entry instanceof OnceWrapper) {
      ((OnceWrapper) entry).fire(argc, a, b, all);
    } else {
      invoke(event, entry, argc, a, b, all);
    }
  }

  @SuppressWarnings("unchecked")
  private static void invoke(String event, Object fn, int argc, Object a, Object b,
      Object[] all) {
    try {
      if (fn instanceof Listener1) {
        ((Listener1<Object>) fn).call(a);
      } else if (fn instanceof Listener0) {
        ((Listener0) fn).call();
      } else {
        ((Listener2<Object, Object>) fn).call(a, b);
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw listenerThrew(event, e);
    }
  }

  private static WeirException listenerThrew(String event, Exception e) {
    return ErrorCode.ERR_WEIR_LISTENER_THREW.errorWithCause(e, event, e);
  }

  private static RuntimeException unhandled(Object err) {
    if (err instanceof RuntimeException) {
      return (RuntimeException) err;
    }
    if (err instanceof Error) {
      throw (Error) err;
    }
    if (err instanceof Throwable) {
      return ErrorCode.ERR_UNHANDLED_ERROR.errorWithCause((Throwable) err, err);
    }
    return ErrorCode.ERR_UNHANDLED_ERROR.error(err == null ? "undefined" : "'" + err + "'");
  }

  // ---- introspection ----------------------------------------------------------------------

  /** Node's {@code listenerCount(event)}. */
  public int listenerCount(String event) {
    Object handler = events == null ? null : events.get(event);
    if (handler == null) {
      return 0;
    }
    return handler instanceof Object[] ? ((Object[]) handler).length : 1;
  }

  /** Node's {@code listeners(event)}: a copy, with {@code once} listeners unwrapped. */
  public List<Object> listeners(String event) {
    List<Object> raw = rawListeners(event);
    List<Object> out = new ArrayList<>(raw.size());
    for (Object entry : raw) {
      out.add(unwrap(entry));
    }
    return Collections.unmodifiableList(out);
  }

  /** Node's {@code rawListeners(event)}: a copy, {@code once} listeners as {@link OnceWrapper}. */
  public List<Object> rawListeners(String event) {
    Object handler = events == null ? null : events.get(event);
    if (handler == null) {
      return List.of();
    }
    if (handler instanceof Object[]) {
      return Collections.unmodifiableList(Arrays.asList(((Object[]) handler).clone()));
    }
    return List.of(handler);
  }

  /**
   * Node's {@code eventNames()}: the events with listeners, in the order they got their first
   * listener (an event whose listeners were all removed goes to the end when it gets one again).
   */
  public List<String> eventNames() {
    return events == null ? List.of() : List.copyOf(events.keySet());
  }

  /** Node's {@code setMaxListeners(n)}; 0 means unlimited. Past it: a warning, never a limit. */
  public EventEmitter setMaxListeners(int n) {
    if (n < 0) {
      throw ErrorCode.ERR_OUT_OF_RANGE.error("n", "a non-negative number", n);
    }
    maxListeners = n;
    return this;
  }

  /** Node's {@code getMaxListeners()}. */
  public int getMaxListeners() {
    return maxListeners;
  }

  /**
   * Node's {@code events.once(emitter, name)}: completes with the first argument of the next
   * {@code event}, or exceptionally with the next {@code 'error'}.
   */
  public static CompletableFuture<Object> once(EventEmitter emitter, String event) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    Listener1<Object>[] onValue = new Listener1[1];
    Listener1<Object> onError = err -> {
      emitter.removeListener(event, onValue[0]);
      result.completeExceptionally(err instanceof Throwable
          ? (Throwable) err : ErrorCode.ERR_UNHANDLED_ERROR.error(err));
    };
    onValue[0] = value -> {
      emitter.removeListener("error", onError);
      result.complete(value);
    };
    emitter.once(event, onValue[0]);
    if (!"error".equals(event)) {
      emitter.once("error", onError);
    }
    return result;
  }
}
