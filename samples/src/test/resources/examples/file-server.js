const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

// Serve a temporary directory holding one file.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weir-example-'));
fs.writeFileSync(path.join(root, 'hello.txt'), 'hello from the file server\n');

// Keep a request inside the root: normalise, then drop any leading '../'.
function safePath(url) {
  return path.normalize(decodeURIComponent(url)).replace(/^(\.\.[\/\\])+/, '');
}

// DESIGN.md snippet 4, on port 0 instead of 8080.
const server = http.createServer((req, res) => {
  fs.createReadStream(path.join(root, safePath(req.url)))
    .on('error', () => { res.statusCode = 404; res.end(); })
    .pipe(res);
});

// Fetch one path and print the status and the body.
function get(urlPath, next) {
  http.get(`http://127.0.0.1:${server.address().port}${urlPath}`, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => body += chunk);
    res.on('end', () => {
      console.log(`GET ${urlPath} -> ${res.statusCode}, ${body.length} bytes`);
      process.stdout.write(body);
      next();
    });
  });
}

server.listen(0, '127.0.0.1', () => {
  get('/hello.txt', () => get('/missing.txt', () => {
    server.close(() => console.log('server closed'));
    fs.rmSync(root, { recursive: true });
  }));
});
