const net = require('node:net');

// The upstream: an echo server on an ephemeral port.
const upstreamServer = net.createServer((socket) => socket.pipe(socket));
upstreamServer.listen(0, '127.0.0.1', () => {
  const upstreamPort = upstreamServer.address().port;

  // The tunnel: DESIGN.md snippet 3, on port 0 instead of 8000.
  const tunnel = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
  });
  tunnel.listen(0, '127.0.0.1', () => {
    // A client talks through the tunnel, waits for the echo, then hangs up.
    const client = net.connect(tunnel.address().port, '127.0.0.1', () => {
      console.log('client connected to the tunnel');
      client.write('hello, ');
      client.write('upstream\n');
    });
    let reply = '';
    client.setEncoding('utf8');
    client.on('data', (chunk) => {
      reply += chunk;
      if (reply.endsWith('\n')) client.end();
    });
    client.on('end', () => {
      process.stdout.write(`client got back: ${reply}`);
      tunnel.close(() => {
        console.log('tunnel closed');
        upstreamServer.close(() => console.log('upstream closed'));
      });
    });
  });
});
