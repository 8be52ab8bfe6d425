const { Readable } = require('node:stream');

// DESIGN.md snippet 6.
Readable.from(['a', 'b', 'c']).on('data', (s) => console.log(s));
