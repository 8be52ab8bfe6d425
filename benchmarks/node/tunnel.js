'use strict';
// The Node counterpart of the TcpTunnel sample: a TCP port forwarder built on pipe().
//   node tunnel.js --port P --target HOST:PORT
const net = require('net');

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const port = Number(opt('--port'));
const [targetHost, targetPort] = opt('--target').split(':');

const server = net.createServer({ allowHalfOpen: true }, (client) => {
  const upstream = net.connect({ port: Number(targetPort), host: targetHost, allowHalfOpen: true });
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.pipe(upstream).pipe(client);
});
server.listen(port, '127.0.0.1', () => console.log(`tunnel listening on ${port}`));
