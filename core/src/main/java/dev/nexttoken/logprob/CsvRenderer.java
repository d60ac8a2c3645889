package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV for spreadsheets and data tools: one record per (position, candidate), the
 * position's own columns repeated on each; a position without known candidates gets one record with
 * the candidate columns empty. Tokens are written raw (no visible-whitespace marks), quoted when
 * they contain a comma, quote, CR or LF, or begin or end with a space. Lines end in CRLF.
 *
 * <p>Columns: {@code position, token, text, bytes, id, logprob, prob, rank, covered_mass,
 * unseen_mass, entropy_lower, entropy_upper, entropy_exact, candidate_rank, candidate_token,
 * candidate_text, candidate_bytes, candidate_id, candidate_logprob, candidate_prob}; a walk adds
 * {@code prompt} and {@code argmax} after {@code position}. {@code bytes} are decimal values
 * separated by spaces; {@code text} is, for the chosen token, the characters it completes in the
 * sequence (a character split over tokens appears whole on its last token) and, for a candidate,
 * its bytes decoded on their own (U+FFFD for part of a character); {@code rank} is, as in the JSON,
 * {@link TableRow#knownRank()}; unknown values are empty;
 * a logprob of probability 0 is {@code -Infinity}.
 */
public record CsvRenderer() implements TableRenderer {
  private static final List<String> ROW_COLUMNS = List.of("token", "text", "bytes", "id", "logprob", "prob", "rank",
      "covered_mass", "unseen_mass", "entropy_lower", "entropy_upper", "entropy_exact",
      "candidate_rank", "candidate_token", "candidate_text", "candidate_bytes", "candidate_id", "candidate_logprob", "candidate_prob");

  @Override
  public String render(ProbabilityTable table) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("position"));
    header.addAll(ROW_COLUMNS);
    record(out, header);
    for (TableRow row : table.rows()) {
      appendRow(out, List.of(String.valueOf(row.position())), row);
    }
    return out.toString();
  }

  @Override
  public String render(WalkResult walk) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("position", "prompt", "argmax"));
    header.addAll(ROW_COLUMNS);
    record(out, header);
    for (WalkStep step : walk.steps()) {
      appendRow(out, List.of(String.valueOf(step.index()), step.prompt(), String.valueOf(step.argmax())), step.row());
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> prefix, TableRow row) {
    List<String> common = new ArrayList<>(prefix);
    Entropy entropy = row.entropy();
    common.addAll(List.of(
        row.token(),
        row.text(),
        bytes(row.bytes()),
        value(row.id()),
        logprob(row.logprob()),
        value(row.probability()),
        value(row.knownRank()),
        value(row.coveredMass()),
        value(row.unseenMass()),
        entropy == null ? "" : String.valueOf(entropy.lowerBound()),
        entropy == null ? "" : value(entropy.upperBound()),
        entropy == null ? "" : String.valueOf(entropy.exact())));
    if (row.candidates().isEmpty()) {
      List<String> fields = new ArrayList<>(common);
      for (int i = 0; i < 7; i++) {
        fields.add("");
      }
      record(out, fields);
      return;
    }
    for (int i = 0; i < row.candidates().size(); i++) {
      TokenCandidate c = row.candidates().get(i);
      List<String> fields = new ArrayList<>(common);
      fields.addAll(List.of(String.valueOf(i + 1), c.token(), text(c.token(), c.bytes()), bytes(c.bytes()), value(c.id()),
          logprob(c.logprob()), String.valueOf(c.probability())));
      record(out, fields);
    }
  }

  private static String text(String token, byte[] bytes) {
    return bytes == null ? token : Utf8.decode(bytes);
  }

  private static String bytes(byte[] bytes) {
    if (bytes == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      out.append(i == 0 ? "" : " ").append(bytes[i] & 0xFF);
    }
    return out.toString();
  }

  private static String logprob(Double logprob) {
    return logprob == null ? "" : logprob == Double.NEGATIVE_INFINITY ? "-Infinity" : String.valueOf(logprob);
  }

  private static String value(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static void record(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(fields.get(i)));
    }
    out.append("\r\n");
  }

  /** RFC 4180 quoting; leading or trailing spaces are quoted too, since many readers trim them. */
  static String quote(String field) {
    boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0
        || (!field.isEmpty() && (field.charAt(0) == ' ' || field.charAt(field.length() - 1) == ' '));
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
