package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Capabilities;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.cli.GlobalOptions.ProviderName;
import dev.nexttoken.spi.AbstractLanguageModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What each provider of the CLI supports, read from its models' {@code capabilities()}: one row per
 * provider and operation, for the model the CLI uses for that operation by default (OpenAI's differ:
 * a legacy completion model, a chat model). Written by hand nowhere: README's table is this one
 * ({@code ./nexttoken providers --format markdown}), and a test keeps them equal.
 */
final class ProviderTable {
  static final String[] HEADER = {
    "provider", "operation", "model", "logprobs", "alternatives (k)", "token ids", "bytes", "prompt logprobs", "streaming", "scoring"};

  /** The second table's columns: what an operation offers beyond text and logprobs (issue 16's features). */
  static final String[] FEATURE_HEADER = {
    "provider", "operation", "tools", "structured output", "images", "reasoning effort", "choices (n)", "logit bias"};

  /** One provider and operation as its capabilities declare them. */
  record Row(String provider, Operation operation, String model, Capabilities capabilities) {
    OperationCapabilities op() {
      return capabilities.of(operation);
    }

    List<String> cells() {
      OperationCapabilities op = op();
      String model = this.model == null ? "any (the server's)"
          : this.model.equals(OfflineModels.PLACEHOLDER_MODEL) ? "yours to name (no default)" : this.model;
      if (!op.supported()) {
        return List.of(provider, operation.label(), model, "unsupported", "—", "—", "—", "—", "—", scoring(capabilities.scoring()));
      }
      boolean lp = op.logprobs();
      return List.of(
          provider,
          operation.label(),
          model,
          lp ? "yes" : "no",
          !lp ? "—" : op.maxTopLogprobs() == 0 ? "none (chosen token only)" : k(op.maxTopLogprobs()),
          !lp ? "—" : yesNo(op.tokenIds()),
          !lp ? "—" : yesNo(op.tokenBytes()),
          op.promptLogprobs() ? (op.promptLogprobsInStream() ? "yes" : "yes (not streamed)") : "no",
          !op.streaming() ? "no" : !lp ? "yes" : op.logprobsInStream() ? "yes, with logprobs" : "yes, without logprobs",
          scoring(capabilities.scoring()));
    }
  }

  /** The feature row of {@code row}: supported operations only say what they offer. */
  static List<String> featureCells(Row row) {
    OperationCapabilities op = row.op();
    if (!op.supported()) {
      return List.of(row.provider(), row.operation().label(), "—", "—", "—", "—", "—", "—");
    }
    String tools = !op.tools() ? "no" : op.parallelToolCalls() ? "yes, parallel switch" : "yes";
    String structured = switch (op.structuredOutput()) {
      case NONE -> "no";
      case JSON_OBJECT -> "JSON object";
      case JSON_SCHEMA -> op.strictSchema() ? "JSON schema, strict" : "JSON schema";
    };
    String images = op.imageUrls() && op.imageBytes() ? "URLs and bytes" : op.imageBytes() ? "bytes" : op.imageUrls() ? "URLs" : "no";
    String choices = op.maxChoices() == Integer.MAX_VALUE ? "no cap" : op.maxChoices() == 1 ? "1" : "up to " + op.maxChoices();
    String bias = !op.logitBias() ? "no" : op.logitBiasByText() ? "token ids and text" : "token ids";
    return List.of(row.provider(), row.operation().label(), tools, structured, images, yesNo(op.reasoningEffort()), choices, bias);
  }

  private final List<Row> rows;

  ProviderTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * Every provider of {@link ProviderName}, each operation, built as {@link ModelFactory} builds it
   * (without the network: {@link OfflineModels}).
   */
  static ProviderTable ofCli() {
    List<Row> rows = new ArrayList<>();
    for (ProviderName provider : ProviderName.values()) {
      for (Operation operation : Operation.values()) {
        try (OpenedModel opened = OfflineModels.open(provider, operation)) {
          String model = opened.model() instanceof AbstractLanguageModel m ? m.defaults().model() : null;
          rows.add(new Row(provider.toString(), operation, model, opened.capabilities()));
        } catch (RuntimeException e) {
          throw new IllegalStateException("cannot read the capabilities of --provider " + provider + " without the network: "
              + e.getMessage(), e);
        }
      }
    }
    return new ProviderTable(rows);
  }

  List<Row> rows() {
    return rows;
  }

  /** A GitHub-flavoured Markdown table, ending with a newline. */
  String markdown() {
    return markdown(HEADER, rows.stream().map(Row::cells).toList());
  }

  /** The features table ({@link #FEATURE_HEADER}) in Markdown, ending with a newline. */
  String featuresMarkdown() {
    return markdown(FEATURE_HEADER, rows.stream().map(ProviderTable::featureCells).toList());
  }

  private static String markdown(String[] header, List<List<String>> lines) {
    StringBuilder s = new StringBuilder();
    markdownLine(s, List.of(header));
    s.append('|');
    for (int i = 0; i < header.length; i++) {
      s.append("---|");
    }
    s.append('\n');
    for (List<String> line : lines) {
      markdownLine(s, line);
    }
    return s.toString();
  }

  private static void markdownLine(StringBuilder s, List<String> cells) {
    s.append('|');
    for (String cell : cells) {
      s.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    s.append('\n');
  }

  /** Columns padded to their widest cell, for a terminal: the logprobs table, a blank line, the features table. */
  String text() {
    return text(HEADER, rows.stream().map(Row::cells).toList()) + "\n"
        + text(FEATURE_HEADER, rows.stream().map(ProviderTable::featureCells).toList());
  }

  private static String text(String[] header, List<List<String>> lines) {
    List<List<String>> all = new ArrayList<>();
    all.add(List.of(header));
    all.addAll(lines);
    int[] width = new int[header.length];
    for (List<String> line : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> line : all) {
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        l.append(i == 0 ? "" : "  ").append(line.get(i)).append(" ".repeat(width[i] - line.get(i).length()));
      }
      s.append(l.toString().stripTrailing()).append('\n');
    }
    return s.toString();
  }

  /**
   * {@code [{provider, operation, model, supported, logprobs, maxTopLogprobs, tokenIds, tokenBytes,
   * promptLogprobs, promptLogprobsInStream, streaming, logprobsInStream, note, scoring{supported,
   * maxTopLogprobs, note}}]}; a {@code maxTopLogprobs} of null means no cap.
   */
  String json() {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(buffer)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      for (Row row : rows) {
        OperationCapabilities op = row.op();
        json.writeStartObject();
        json.writeStringField("provider", row.provider());
        json.writeStringField("operation", row.operation().label());
        json.writeStringField("model", row.model());
        json.writeBooleanField("supported", op.supported());
        json.writeBooleanField("logprobs", op.logprobs());
        writeK(json, op.maxTopLogprobs());
        json.writeBooleanField("tokenIds", op.tokenIds());
        json.writeBooleanField("tokenBytes", op.tokenBytes());
        json.writeBooleanField("promptLogprobs", op.promptLogprobs());
        json.writeBooleanField("promptLogprobsInStream", op.promptLogprobsInStream());
        json.writeBooleanField("streaming", op.streaming());
        json.writeBooleanField("logprobsInStream", op.logprobsInStream());
        json.writeStringField("note", op.note());
        ScoringCapabilities scoring = row.capabilities().scoring();
        json.writeObjectFieldStart("scoring");
        json.writeBooleanField("supported", scoring.supported());
        writeK(json, scoring.maxTopLogprobs());
        json.writeStringField("note", scoring.note());
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toString();
  }

  private static void writeK(JsonGenerator json, int k) throws IOException {
    if (k == OperationCapabilities.UNLIMITED) {
      json.writeNullField("maxTopLogprobs");
    } else {
      json.writeNumberField("maxTopLogprobs", k);
    }
  }

  private static String k(int max) {
    return max == OperationCapabilities.UNLIMITED ? "no cap" : "up to " + max;
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static String scoring(ScoringCapabilities scoring) {
    if (!scoring.supported()) {
      return "no";
    }
    int k = scoring.maxTopLogprobs();
    return k == 0 ? "yes" : k == OperationCapabilities.UNLIMITED ? "yes, any k" : "yes, k up to " + k;
  }
}
