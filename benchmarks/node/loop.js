'use strict';
// Scheduling throughput (LoopBenchmark): chained nextTicks, microtasks and setImmediates, and
// a storm of N timers with delays of 1-10 ms. op = one callback.
const { scenario, start } = require('./common');

const N = 100000;

function chain(schedule) {
  return (done) => {
    let n = 0;
    function task() {
      if (++n < N) schedule(task);
      else done();
    }
    schedule(task);
  };
}

scenario('loop.nextTick', N, chain(process.nextTick));
scenario('loop.queueMicrotask', N, chain(queueMicrotask));
scenario('loop.setImmediate', N, chain(setImmediate));
scenario('loop.timerStorm', N, (done) => {
  let n = 0;
  const fire = () => { if (++n === N) done(); };
  for (let i = 0; i < N; i++) setTimeout(fire, 1 + (i * 7919) % 10);
});

start();
