package dev.weir.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.net.DnsException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The errors of a failed lookup, after Node's test-dns-lookup.js / the DNSException in
 * lib/internal/errors.js (node v20 prints {@code getaddrinfo ENOTFOUND nonexistent.invalid} with
 * {@code code}, {@code syscall} and {@code hostname} and no {@code address}).
 */
@Timeout(5)
class DnsErrorTest {

  @Test
  void aNameThatDoesNotExistIsEnotfoundWithTheHostAsHostname() {
    UnknownHostException cause =
        new UnknownHostException("nonexistent.invalid: Name or service not known");
    DnsException e = Dns.lookupError("nonexistent.invalid", cause);
    assertEquals("ENOTFOUND", e.code());
    assertEquals("getaddrinfo", e.syscall());
    assertEquals("nonexistent.invalid", e.hostname());
    assertNull(e.address());
    assertEquals(-1, e.port());
    assertNull(e.path());
    assertSame(cause, e.getCause());
    // The message is part of this port's contract: Node's text, so logs read the same.
    assertEquals("getaddrinfo ENOTFOUND nonexistent.invalid", e.getMessage());
  }

  @Test
  void aResolverThatCannotAnswerIsEaiAgain() {
    DnsException e = Dns.lookupError("example.com",
        new UnknownHostException("example.com: Temporary failure in name resolution"));
    assertEquals("EAI_AGAIN", e.code());
    assertEquals("example.com", e.hostname());
  }

  @Test
  void aFailureWithoutAMessageIsEnotfound() {
    assertEquals("ENOTFOUND", Dns.lookupError("x", new UnknownHostException()).code());
  }

  @Test
  void anEmptyHostnameIsLeftOutAsNodeDoes() {
    DnsException e = new DnsException("ENOTFOUND", "getaddrinfo", "", null);
    assertNull(e.hostname());
    assertEquals("getaddrinfo ENOTFOUND", e.getMessage());
  }

  @Test
  void invalidDomainNamesFailWithoutAResolver() {
    for (String host : new String[] {"invalid", "INVALID.", "a.invalid", "a.b.Invalid."}) {
      assertTrue(Dns.isInvalid(host), host);
      assertThrows(UnknownHostException.class, () -> Dns.resolveNow(host), host);
    }
    for (String host : new String[] {"invalid.example", "notinvalid", "localhost", "127.0.0.1"}) {
      assertFalse(Dns.isInvalid(host), host);
    }
  }
}
