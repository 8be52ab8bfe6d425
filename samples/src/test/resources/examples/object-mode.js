const { Readable, Writable } = require('node:stream');

const people = new Readable({ objectMode: true, read() {} });
const logger = new Writable({
  objectMode: true,
  write(person, encoding, callback) {
    console.log(`${person.name} is ${person.age}`);
    callback();
  },
});

people.push({ name: 'Ada', age: 36 });
people.push({ name: 'Grace', age: 85 });
people.push({ name: 'Alan', age: 41 });
people.push(null);
console.log(`buffered: ${people.readableLength} objects`);

logger.on('finish', () => console.log('all people written'));
people.pipe(logger);
