package dev.nexttoken.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people type them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT30S}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = SIMPLE.matcher(value.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
      if (d.isZero()) {
        throw new TypeConversionException("duration must be positive, was '" + value + "'");
      }
      return d;
    }
    try {
      Duration d = Duration.parse(value.strip());
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException("duration must be positive, was '" + value + "'");
      }
      return d;
    } catch (java.time.format.DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 30s, 2m");
    }
  }
}
