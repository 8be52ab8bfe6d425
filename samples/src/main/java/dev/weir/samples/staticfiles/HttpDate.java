package dev.weir.samples.staticfiles;

import java.time.LocalDate;

/**
 * The IMF-fixdate of RFC 9110 §5.6.7 ({@code Sun, 06 Nov 1994 08:49:37 GMT}), what Node's
 * {@code date.toUTCString()} gives, written by hand: {@code DateTimeFormatter} with a
 * {@code ZonedDateTime} costs several objects and a pattern walk for every response's
 * {@code Last-Modified}.
 */
final class HttpDate {
  private static final String[] DAYS = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
      "Sep", "Oct", "Nov", "Dec"};

  private HttpDate() {}

  /** The date of {@code epochSecond} (seconds since 1970-01-01T00:00:00Z). */
  static String format(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400);
    int second = (int) Math.floorMod(epochSecond, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    StringBuilder sb = new StringBuilder(29)
        .append(DAYS[(int) Math.floorMod(day, 7)]).append(", "); // 1970-01-01 was a Thursday
    two(sb, date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1])
        .append(' ');
    int year = date.getYear();
    if (year >= 0 && year < 1000) {
      sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
    }
    sb.append(year).append(' ');
    two(sb, second / 3600).append(':');
    two(sb, second / 60 % 60).append(':');
    return two(sb, second % 60).append(" GMT").toString();
  }

  private static StringBuilder two(StringBuilder sb, int n) {
    return sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
