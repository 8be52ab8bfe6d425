package dev.weir.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Node's {@code state.buffered} of a Writable: the writes waiting while one is in flight or the
 * stream is corked, first in first out. Each write is kept as its three parts in three parallel
 * rings rather than as a {@code {chunk, encoding, callback}} object, so that buffering a write
 * allocates nothing once the rings have grown to the stream's usual depth.
 */
final class WriteQueue {
  private static final int INITIAL = 16;
  private static final Object[] NO_CHUNKS = {};
  private static final String[] NO_ENCODINGS = {};
  private static final Callback[] NO_CALLBACKS = {};

  // Empty until the first write is buffered: most streams (a response written once, a socket
  // that keeps up) never buffer one.
  private Object[] chunks = NO_CHUNKS;
  private String[] encodings = NO_ENCODINGS;
  private Callback[] callbacks = NO_CALLBACKS;
  /** Index of the oldest write; the rings' length is a power of two. */
  private int head;
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(Object chunk, String encoding, Callback callback) {
    if (size == chunks.length) {
      grow();
    }
    int i = (head + size) & (chunks.length - 1);
    chunks[i] = chunk;
    encodings[i] = encoding;
    callbacks[i] = callback;
    size++;
  }

  /** The oldest write's chunk; the queue must not be empty. */
  Object firstChunk() {
    return chunks[head];
  }

  /** The oldest write's encoding; the queue must not be empty. */
  String firstEncoding() {
    return encodings[head];
  }

  /** The oldest write's callback; the queue must not be empty. */
  Callback firstCallback() {
    return callbacks[head];
  }

  /** Drops the oldest write; the queue must not be empty. */
  void removeFirst() {
    int h = head;
    chunks[h] = null;
    encodings[h] = null;
    callbacks[h] = null;
    head = (h + 1) & (chunks.length - 1);
    size--;
  }

  /** Every write in order as {@code _writev}'s chunks; the queue is left empty. */
  List<WritableState.WriteReq> drain() {
    List<WritableState.WriteReq> all = new ArrayList<>(size);
    while (size > 0) {
      all.add(new WritableState.WriteReq(firstChunk(), firstEncoding(), firstCallback()));
      removeFirst();
    }
    head = 0;
    return all;
  }

  private void grow() {
    int n = Math.max(INITIAL, chunks.length * 2);
    chunks = unwrap(chunks, new Object[n]);
    encodings = unwrap(encodings, new String[n]);
    callbacks = unwrap(callbacks, new Callback[n]);
    head = 0;
  }

  /** Copies a full ring into {@code into} oldest first. */
  private <T> T[] unwrap(T[] ring, T[] into) {
    int n = ring.length;
    System.arraycopy(ring, head, into, 0, n - head);
    System.arraycopy(ring, 0, into, n - head, head);
    return into;
  }
}
