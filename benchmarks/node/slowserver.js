'use strict';
// The Node counterpart of `weir slow-client-demo --serve --mode pipe`: every TCP connection
// gets the whole file as raw bytes with fs.createReadStream(file).pipe(socket). Every second,
// while connections are open, it prints what it holds:
//   BUFFERED {"connections":N,"buffered":BYTES,"rss":BYTES,"heapUsed":BYTES}
//   node slowserver.js --port P --file F
const net = require('net');
const fs = require('fs');

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const port = Number(opt('--port'));
const file = opt('--file');
const open = new Map();

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const rs = fs.createReadStream(file);
  open.set(socket, rs);
  rs.on('error', () => socket.destroy());
  socket.on('error', () => rs.destroy());
  socket.on('close', () => { rs.destroy(); open.delete(socket); });
  socket.resume();
  rs.pipe(socket);
});
server.listen(port, '127.0.0.1', 511, () => console.log(`serving ${file} on ${port}`));

setInterval(() => {
  if (open.size === 0) return;
  let buffered = 0;
  for (const [socket, rs] of open) buffered += socket.writableLength + rs.readableLength;
  const m = process.memoryUsage();
  console.log('BUFFERED ' + JSON.stringify({
    connections: open.size, buffered, rss: m.rss, heapUsed: m.heapUsed,
  }));
}, 1000).unref();
