package dev.weir.samples.examples;

import dev.weir.loop.EventLoop;
import dev.weir.stream.Readable;
import dev.weir.stream.ReadableOptions;
import dev.weir.stream.Writable;
import dev.weir.stream.WritableOptions;

/** Streams of objects; port of {@code examples/object-mode.js}. */
public final class ObjectMode {
  private ObjectMode() {}

  // A JavaScript object literal {name, age} becomes a record.
  record Person(String name, int age) {}

  public static void main(String[] args) {
    EventLoop.run(() -> {
      var people = new Readable<Person>(new ReadableOptions<Person>().objectMode(true)
          .read((self, size) -> {}));
      var logger = new Writable<Person>(new WritableOptions<Person>()
          .objectMode(true)
          .write((person, encoding, callback) -> {
            System.out.println(person.name() + " is " + person.age());
            callback.done();
          }));

      people.push(new Person("Ada", 36));
      people.push(new Person("Grace", 85));
      people.push(new Person("Alan", 41));
      people.push(null);
      System.out.println("buffered: " + people.readableLength() + " objects");

      logger.on("finish", () -> System.out.println("all people written"));
      people.pipe(logger);
    });
  }
}
