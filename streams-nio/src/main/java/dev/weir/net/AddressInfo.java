package dev.weir.net;

/**
 * Node's {@code server.address()} / {@code socket.address()} result.
 *
 * @param address the IP address, e.g. {@code "127.0.0.1"}
 * @param family {@code "IPv4"} or {@code "IPv6"}
 * @param port the port
 */
public record AddressInfo(String address, String family, int port) {}
