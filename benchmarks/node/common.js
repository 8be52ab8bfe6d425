'use strict';
// Shared timing harness for the in-memory scenarios. Each scenario is a function
// run(done) that performs one run of `ops` operations and calls done() when the run is
// over; the harness repeats runs for a warm-up period, then for a measured period, and
// prints one machine-readable line per scenario:
//   BENCH {"scenario":"pipe.passthrough.sync","ops_per_s":123.4,"ops":...,"seconds":...}
// Options: --warmup S (default 1), --time S (default 2), --only SUBSTRING.

function parseArgs() {
  const args = { warmup: 1, time: 2, only: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--warmup') args.warmup = Number(argv[++i]);
    else if (argv[i] === '--time') args.time = Number(argv[++i]);
    else if (argv[i] === '--only') args.only = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

const args = parseArgs();

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

// Runs `run` repeatedly until `seconds` have passed; calls back with [ops, elapsed].
// Runs are started from setImmediate so that one run's leftovers never overlap the next.
function repeat(run, opsPerRun, seconds, cb) {
  const start = now();
  let ops = 0;
  function next() {
    run(() => {
      ops += opsPerRun;
      const elapsed = now() - start;
      if (elapsed >= seconds) cb(ops, elapsed);
      else setImmediate(next);
    });
  }
  setImmediate(next);
}

const queue = [];

// Registers an asynchronous scenario: run(done) does opsPerRun operations.
function scenario(name, opsPerRun, run) {
  queue.push({ name, opsPerRun, run });
}

// Registers a synchronous scenario: op() is one operation, timed in batches.
function syncScenario(name, batch, op) {
  scenario(name, batch, (done) => {
    for (let i = 0; i < batch; i++) op();
    done();
  });
}

function start() {
  const todo = queue.filter((s) => !args.only || s.name.includes(args.only));
  function next() {
    const s = todo.shift();
    if (!s) return;
    repeat(s.run, s.opsPerRun, args.warmup, () => {
      repeat(s.run, s.opsPerRun, args.time, (ops, elapsed) => {
        console.log('BENCH ' + JSON.stringify({
          scenario: s.name, ops_per_s: ops / elapsed, ops, seconds: elapsed,
        }));
        setImmediate(next);
      });
    });
  }
  // Start after the current tick so that every scenario file has registered.
  setImmediate(next);
}

module.exports = { scenario, syncScenario, start, args };
