package dev.weir.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * IP addresses as Node prints them. The JDK writes IPv6 addresses in full
 * ({@code 0:0:0:0:0:0:0:1}); Node's {@code remoteAddress}, {@code address()} and the
 * {@code 'drop'} data use libuv's {@code uv_inet_ntop}: lower-case hex without leading zeros,
 * the longest run of two or more zero groups (the first of equals) written {@code ::}, and an
 * IPv4-compatible address ({@code ::1.2.3.4}) with its last 32 bits in dotted form.
 */
final class Addresses {
  private Addresses() {}

  /** {@code "127.0.0.1"}, {@code "::1"}, {@code "fe80::1%eth0"}. */
  static String ip(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int runStart = -1;
    int runLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > runLength) {
        runStart = i;
        runLength = j - i;
      }
      i = j;
    }
    if (runLength < 2) {
      runStart = -1;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == runStart) {
        sb.append(i == 0 ? "::" : ":");
        i += runLength - 1;
        continue;
      }
      // libuv: six leading zero groups (or five and ffff) mean an embedded IPv4 address.
      if (i == 6 && runStart == 0 && (runLength == 6 || (runLength == 5 && groups[5] == 0xffff))) {
        sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.')
            .append(b[14] & 0xff).append('.').append(b[15] & 0xff);
        break;
      }
      sb.append(Integer.toHexString(groups[i]));
      if (i < 7) {
        sb.append(':');
      }
    }
    String jdk = address.getHostAddress();
    int percent = jdk.indexOf('%');
    if (percent >= 0) {
      sb.append(jdk, percent, jdk.length());
    }
    return sb.toString();
  }

  /** Node's family names: {@code "IPv4"} or {@code "IPv6"}. */
  static String family(InetAddress address) {
    return address instanceof Inet6Address ? "IPv6" : "IPv4";
  }
}
