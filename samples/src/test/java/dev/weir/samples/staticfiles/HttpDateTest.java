package dev.weir.samples.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link HttpDate} against the JDK's formatter (what the server used before). */
@Timeout(5)
class HttpDateTest {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private static String jdk(long second) {
    return HTTP_DATE.format(Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC));
  }

  @Test
  void knownDates() {
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(784111777));
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0));
    assertEquals("Wed, 31 Dec 1969 23:59:59 GMT", HttpDate.format(-1));
    assertEquals("Thu, 29 Feb 2024 12:00:00 GMT", HttpDate.format(1709208000));
  }

  @Test
  void matchesTheJdkFormatterOverManyYears() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long second = random.nextLong() % 8_000_000_000L; // about 1716 to 2223
      assertEquals(jdk(second), HttpDate.format(second), "second " + second);
    }
  }
}
