package dev.nexttoken.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code results.jsonl}: rows appended as they finish, each with one write of the whole line, so that
 * a crash or SIGKILL leaves at most the last line torn.
 *
 * <p>On resume the file is read first: every complete row's (id, target) pair is done; a torn last
 * line (no newline at its end, or not a JSON object with an id and a target) is cut off, since its
 * pair was never finished; a bad line anywhere else, or a pair written twice, is refused rather than
 * guessed at. Appending then continues after the last good row. Thread-safe.
 */
final class ResultsFile implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final OutputStream out;
  private final Set<String> done;
  private final boolean tornLineDropped;
  private final int resumedRows;
  private final double resumedSpend;

  private ResultsFile(Path path, OutputStream out, Set<String> done, boolean tornLineDropped, double resumedSpend) {
    this.path = path;
    this.out = out;
    this.done = done;
    this.tornLineDropped = tornLineDropped;
    this.resumedRows = done.size();
    this.resumedSpend = resumedSpend;
  }

  /** Opens {@code path} for appending; with {@code resume}, after reading what it holds. */
  static ResultsFile open(Path path, boolean resume) {
    Set<String> done = new HashSet<>();
    boolean torn = false;
    double[] spend = {0};
    try {
      if (resume && Files.exists(path)) {
        long good = scan(path, done, spend);
        long size = Files.size(path);
        if (good < size) {
          torn = true;
          try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(good);
          }
        }
      }
      OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new ResultsFile(path, out, done, torn, spend[0]);
    } catch (IOException e) {
      throw new EvalInputException("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  /** The (id, target) key of a row. */
  static String key(String id, String target) {
    return id + '\u0000' + target;
  }

  /** Whether the pair was already written (by an earlier run, for a resume). */
  boolean isDone(String id, String target) {
    return done.contains(key(id, target));
  }

  /** How many rows an earlier run had written. */
  int resumedRows() {
    return resumedRows;
  }

  /** What the rows an earlier run wrote cost, where known. */
  double resumedSpend() {
    return resumedSpend;
  }

  /** Whether a torn last line was cut off when resuming. */
  boolean tornLineDropped() {
    return tornLineDropped;
  }

  Path path() {
    return path;
  }

  /** Appends one row and hands it to the operating system at once (a SIGKILL loses nothing written). */
  synchronized void append(String jsonLine) {
    try {
      out.write(jsonLine.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every row into {@code done}; returns the length of the file's good part. */
  private static long scan(Path path, Set<String> done, double[] spend) throws IOException {
    long offset = 0;
    long good = 0;
    int lineNumber = 0;
    String pendingError = null;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      int b;
      while ((b = in.read()) != -1) {
        offset++;
        if (b != '\n') {
          line.write(b);
          continue;
        }
        lineNumber++;
        if (pendingError != null) {
          // A bad line followed by more rows: not a torn end but a damaged file.
          throw new EvalInputException(path + " line " + (lineNumber - 1) + ": " + pendingError
              + "; only the last line can be torn by a crash, so the file was changed by something else");
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isBlank()) {
          good = offset;
          continue;
        }
        String problem = null;
        String key = null;
        try {
          JsonNode row = JSON.readTree(text);
          if (row == null || !row.isObject() || !row.path("id").isTextual() || !row.path("target").isTextual()) {
            problem = "not a result row (no \"id\" and \"target\")";
          } else {
            key = key(row.get("id").asText(), row.get("target").asText());
            spend[0] += row.path("cost").asDouble(0);
          }
        } catch (IOException e) {
          problem = "not JSON";
        }
        if (problem != null) {
          pendingError = problem;
          continue;
        }
        if (!done.add(key)) {
          throw new EvalInputException(path + " line " + lineNumber + ": (id, target) " + key.replace('\u0000', ',')
              + " is written twice; the file was not written by one run and its resumes");
        }
        good = offset;
      }
    }
    return good;
  }
}
