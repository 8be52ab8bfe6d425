'use strict';
// EventEmitter.emit with one and with three listeners (EmitterBenchmark). op = one emit.
const { EventEmitter } = require('events');
const { syncScenario, start } = require('./common');

let count = 0;
const payload = {};
const one = new EventEmitter();
one.on('data', () => { count++; });
const three = new EventEmitter();
three.on('data', () => { count++; });
three.on('data', () => { count += 2; });
three.on('data', () => { count += 3; });

syncScenario('emit.one', 100000, () => one.emit('data', payload));
syncScenario('emit.three', 100000, () => three.emit('data', payload));

start();
process.on('exit', () => { if (count === 0) throw new Error('no emit'); });
