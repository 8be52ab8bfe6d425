'use strict';
// UTF-8 conversion of 1 KiB strings (BufferBenchmark). op = one conversion.
const { syncScenario, start } = require('./common');

const ascii = 'abcdefghijklmnopqrstuvwxyz012345'.repeat(32);
const mixed = 'weir ✓ streams — ü '.repeat(64).substring(0, 1000);
const asciiBuffer = Buffer.from(ascii);
const mixedBuffer = Buffer.from(mixed);
let sink = 0;

syncScenario('buffer.fromAscii', 10000, () => { sink += Buffer.from(ascii).length; });
syncScenario('buffer.toStringAscii', 10000, () => { sink += asciiBuffer.toString().length; });
syncScenario('buffer.fromMixed', 10000, () => { sink += Buffer.from(mixed).length; });
syncScenario('buffer.toStringMixed', 10000, () => { sink += mixedBuffer.toString().length; });

start();
process.on('exit', () => { if (sink === 0) throw new Error('nothing converted'); });
