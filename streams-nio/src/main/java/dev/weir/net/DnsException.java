package dev.weir.net;

import dev.weir.errors.WeirException;

/**
 * A name that did not resolve; mirrors the error Node's {@code dns.lookup} gives
 * ({@code DNSException} in {@code lib/internal/errors.js}), which {@code net.connect} and
 * {@code server.listen} report as {@code 'error'} for a host name that does not resolve:
 * <pre>
 * { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'nonexistent.invalid' }
 * message: 'getaddrinfo ENOTFOUND nonexistent.invalid'
 * </pre>
 * As in Node, the host is in {@link #hostname()}, and {@link #address()} is null and
 * {@link #port()} -1: nothing was connected to. {@code err.hostname} ports as
 * {@code ((DnsException) err).hostname()}.
 *
 * <p>Codes: {@code ENOTFOUND} when the name does not exist, {@code EAI_AGAIN} when the resolver
 * could not answer for now (as Node names glibc's {@code EAI_AGAIN}).
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>A subclass of {@link WeirException}, so {@code code()} and {@code syscall()} work as on
 *       any other system error; Node's error is a plain {@code Error}.</li>
 *   <li>{@code errno} (Node's {@code -3008}) is not modelled; the string code is the contract.</li>
 *   <li>The JDK's resolver does not say why a name failed beyond its message, so every failure
 *       other than a temporary one is {@code ENOTFOUND}.</li>
 * </ul>
 */
public final class DnsException extends WeirException {
  private static final long serialVersionUID = 1L;

  private final String syscall;
  private final String hostname;

  /**
   * Node's {@code new DNSException(code, syscall, hostname)}: the message is
   * {@code "<syscall> <code> <hostname>"}, e.g. {@code "getaddrinfo ENOTFOUND example.invalid"}.
   *
   * @param code {@code "ENOTFOUND"}, {@code "EAI_AGAIN"}…
   * @param syscall the failing call, {@code "getaddrinfo"} for lookups
   * @param hostname the name looked up, or null
   * @param cause the JDK's exception, or null
   */
  public DnsException(String code, String syscall, String hostname, Throwable cause) {
    super(code, syscall + " " + code
        + (hostname == null || hostname.isEmpty() ? "" : " " + hostname), cause);
    this.syscall = syscall;
    this.hostname = hostname == null || hostname.isEmpty() ? null : hostname;
  }

  /** Node's {@code err.syscall}: {@code "getaddrinfo"} for a lookup. */
  @Override
  public String syscall() {
    return syscall;
  }

  /** Node's {@code err.hostname}: the name that did not resolve. */
  public String hostname() {
    return hostname;
  }
}
