package dev.weir.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Addresses as Node writes them ({@code remoteAddress}, {@code address()}, {@code 'drop'}); the
 * expected texts are what node v20 prints for
 * {@code new net.SocketAddress({address, family: 'ipv6'}).address}, which uses the same
 * {@code uv_inet_ntop} as a socket's addresses.
 */
@Timeout(5)
class NetAddressesTest {

  @ParameterizedTest
  @CsvSource({
      "::1, ::1",
      "::2, ::2",
      "::, ::",
      "1:0:0:2:0:0:0:3, 1:0:0:2::3",
      "1:0:2:0:3:0:4:5, 1:0:2:0:3:0:4:5",
      "fe80:0:0:0:0:0:0:1, fe80::1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "0:0:0:0:0:5:0:0, ::5:0:0",
      "::102:304, ::1.2.3.4",
      "ABCD:0000:0001::, abcd:0:1::",
  })
  void ipv6IsWrittenAsNodeWritesIt(String in, String node) throws Exception {
    assertEquals(node, Addresses.ip(InetAddress.getByName(in)));
    assertEquals("IPv6", Addresses.family(InetAddress.getByName(in)));
  }

  @Test
  void ipv4IsDottedAndAMappedIpv6AddressIsIpv4InJava() throws Exception {
    assertEquals("127.0.0.1", Addresses.ip(InetAddress.getByName("127.0.0.1")));
    assertEquals("IPv4", Addresses.family(InetAddress.getByName("127.0.0.1")));
    // The JDK turns ::ffff:a.b.c.d into an Inet4Address (node says '::ffff:1.2.3.4', 'IPv6').
    assertEquals("1.2.3.4", Addresses.ip(InetAddress.getByName("::ffff:1.2.3.4")));
  }
}
