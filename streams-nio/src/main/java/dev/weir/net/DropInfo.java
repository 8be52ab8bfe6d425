package dev.weir.net;

/**
 * The data of a {@link Server} {@code 'drop'} event: the two ends of a connection turned away
 * because {@link Server#maxConnections()} was reached. Mirrors the object Node 20 passes to
 * <a href="https://nodejs.org/docs/latest-v20.x/api/net.html#event-drop">'drop'</a>, with the
 * same names: {@code server.on("drop", (DropInfo d) -> log(d.remoteAddress()))}.
 *
 * <p>Addresses are written as Node writes them ({@code "127.0.0.1"}, {@code "::1"}). Should
 * the JDK be unable to report an end (it keeps both from {@code accept}, so this is not
 * expected), that end's address and family are null and its port -1, where Node leaves the
 * fields undefined.
 *
 * @param localAddress the server's end, e.g. {@code "127.0.0.1"}
 * @param localPort the port the server accepted on
 * @param localFamily {@code "IPv4"} or {@code "IPv6"}
 * @param remoteAddress the client's address
 * @param remotePort the client's port
 * @param remoteFamily {@code "IPv4"} or {@code "IPv6"}
 */
public record DropInfo(String localAddress, int localPort, String localFamily,
    String remoteAddress, int remotePort, String remoteFamily) {}
