package io.semhash.config;

/**
 * A setting outside its allowed range, raised by the configuration record that owns the range.
 * The message names the configuration key ({@code server.threads must be in [4, 1000], got 3});
 * {@link #named} gives the same message for the name the value was really given under, such as
 * the command-line flag that set it.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private final String key;
  private final String problem;

  private InvalidSettingException(String key, String problem) {
    super(key + " " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** The configuration key, e.g. {@code server.threads}. */
  public String key() {
    return key;
  }

  /** The message with {@code name} in place of the key. */
  public String named(String name) {
    return name + " " + problem;
  }

  /** Checks {@code min <= value <= max}; {@code note} (may be empty) follows the range in the message. */
  static void checkRange(String key, long value, long min, long max, String note) {
    if (value < min || value > max) {
      throw new InvalidSettingException(key, "must be in [" + min + ", " + max + "]" + note + ", got " + value);
    }
  }

  /** Checks {@code value >= min}. */
  static void checkAtLeast(String key, long value, long min) {
    if (value < min) {
      throw new InvalidSettingException(key, "must be at least " + min + ", got " + value);
    }
  }

  /** Checks that {@code value} is one of {@code allowed}. */
  static void checkOneOf(String key, String value, java.util.List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new InvalidSettingException(key, "must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
  }

  /** Checks that a text setting is given. */
  static void checkNotBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(key, "must not be empty");
    }
  }
}
