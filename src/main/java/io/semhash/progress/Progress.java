package io.semhash.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for long work: done/total, rate and ETA, redrawn at most a few times a second
 * on standard error so that standard output stays clean for {@code --json}. Thread-safe.
 */
public final class Progress {
  private static final boolean TERMINAL = System.console() != null;
  // On a terminal the line is redrawn in place; in a log file a new line every few seconds.
  private static final long REDRAW_NANOS = TERMINAL ? 250_000_000L : 5_000_000_000L;
  private final String stage;
  private final String unit;
  private final long total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;
  private String extra = "";

  private Progress(String stage, String unit, long total, PrintStream out) {
    this.stage = stage;
    this.unit = unit;
    this.total = total;
    this.out = out;
  }

  /** A meter printing to {@code out}; pass {@link #silent} where no output is wanted. */
  public static Progress start(String stage, String unit, long total, PrintStream out) {
    return new Progress(stage, unit, total, out);
  }

  public static Progress silent(String stage, long total) {
    return new Progress(stage, "items", total, null);
  }

  /** Adds {@code n} finished units. */
  public synchronized void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (out != null && now - lastDraw > REDRAW_NANOS) {
      if (lastDraw == 0) {
        lastDraw = now; // skip the first call: its rate means nothing yet
        return;
      }
      lastDraw = now;
      out.print(TERMINAL ? "\r" + line(now) : line(now) + "\n");
      out.flush();
    }
  }

  /** Extra text shown after the rate, e.g. the current loss. */
  public synchronized void status(String text) {
    extra = text;
  }

  /** Draws the final line and ends it; returns the elapsed seconds. */
  public synchronized double finish() {
    long now = System.nanoTime();
    if (out != null) {
      out.println((TERMINAL ? "\r" : "") + line(now));
    }
    return (now - start) / 1e9;
  }

  private String line(long now) {
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    String eta = total > 0 && rate > 0 && done < total ? formatSeconds((total - done) / rate) : "0s";
    String pct = total > 0 ? String.format(Locale.ROOT, " %3.0f%%", 100.0 * done / total) : "";
    return String.format(
        Locale.ROOT, "%s%s %d/%d %s, %.0f %s/s, elapsed %s, ETA %s %s",
        stage, pct, done, total, unit, rate, unit, formatSeconds(secs), eta, extra);
  }

  /** A duration as {@code 42s} or {@code 12m05s}. */
  public static String formatSeconds(double s) {
    long t = Math.round(s);
    return t >= 60 ? (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s" : t + "s";
  }
}
