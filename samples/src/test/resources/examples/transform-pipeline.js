const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline, Transform } = require('node:stream');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weir-example-'));
const inFile = path.join(dir, 'in.txt');
const outFile = path.join(dir, 'out.txt');
fs.writeFileSync(inFile, 'a transform\nin a pipeline\n');

// DESIGN.md snippet 5.
const upper = new Transform({
  transform(chunk, enc, cb) {
    cb(null, chunk.toString().toUpperCase());
  },
});
pipeline(fs.createReadStream(inFile), upper, fs.createWriteStream(outFile), (err) => {
  if (err) {
    console.error('pipeline failed', err);
  } else {
    console.log('pipeline succeeded');
    process.stdout.write(fs.readFileSync(outFile, 'utf8'));
  }
  fs.rmSync(dir, { recursive: true });
});
