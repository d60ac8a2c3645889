package dev.nexttoken.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.Calibration;
import dev.nexttoken.logprob.LabelledPrediction;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a run, read back from {@code results.jsonl} (so a resumed run's summary covers every
 * row, whichever run wrote it), and {@code summary.json}.
 *
 * <p>Per target: rows, errors by type, latency p50/p90/p99 of the rows that succeeded, tokens,
 * mean perplexity over the rows with logprobs (generate and score), accuracy, ECE and Brier
 * ({@link Calibration}, 10 bins) over the classify rows with a gold label and every label's logprob,
 * and the spend. Between each two targets: over the items both answered, the share with the same
 * answer (the same text, or the same predicted label), and for generated answers with logprobs the
 * mean top-1 agreement of their next-token distributions ({@link Agreement}) over the first
 * {@value #TOKEN_AGREEMENT_ITEMS} such items.
 */
final class Summary {
  static final int TOKEN_AGREEMENT_ITEMS = 500;
  static final int BINS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One target's figures, and the raw values the report draws. */
  static final class TargetFigures {
    final String name;
    String provider;
    String model;
    long rows;
    final Map<String, Long> errors = new TreeMap<>();
    long[] latencies = new long[64];
    int latencyCount;
    final List<Double> perplexities = new ArrayList<>();
    /**
     * By row id, so the figures do not depend on the order rows finished in: a resumed run writes them
     * in another order than a straight one, and floating-point sums differ in the last bit with it.
     */
    final java.util.TreeMap<String, LabelledPrediction> labelled = new java.util.TreeMap<>();
    long classifyRows;
    long promptTokens;
    long completionTokens;
    long totalTokens;
    double cost;
    long unpricedRows;
    Calibration calibration;

    TargetFigures(String name) {
      this.name = name;
    }

    long[] sortedLatencies() {
      long[] sorted = Arrays.copyOf(latencies, latencyCount);
      Arrays.sort(sorted);
      return sorted;
    }

    Double meanPerplexity() {
      // Summed in sorted order: the mean does not depend on the order rows finished in (see labelled).
      return perplexities.isEmpty() ? null : perplexities.stream().mapToDouble(Double::doubleValue).sorted().average().orElseThrow();
    }

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** How two targets' answers agree. */
  record PairAgreement(String a, String b, long items, long same, double top1Sum, int tokenItems) {
    Double sameRate() {
      return items == 0 ? null : (double) same / items;
    }

    Double meanTop1() {
      return tokenItems == 0 ? null : top1Sum / tokenItems;
    }
  }

  final Map<String, TargetFigures> targets;
  final List<PairAgreement> agreement;

  private Summary(Map<String, TargetFigures> targets, List<PairAgreement> agreement) {
    this.targets = targets;
    this.agreement = agreement;
  }

  /** Reads every row of {@code results}; the run's targets come first, in their order, then any others the file holds. */
  static Summary read(Path results, List<Target> runTargets) {
    Map<String, TargetFigures> figures = new LinkedHashMap<>();
    for (Target t : runTargets) {
      figures.put(t.name(), new TargetFigures(t.name()));
    }
    // id -> answer per target index, for agreement; tokens kept only for the first items.
    Map<String, String[]> answers = new HashMap<>();
    Map<String, List<List<TokenLogprob>>> tokens = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(figures.keySet());
    try (BufferedReader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        String name = row.path("target").asText();
        TargetFigures f = figures.computeIfAbsent(name, n -> {
          order.add(n);
          return new TargetFigures(n);
        });
        add(f, row);
        if (row.path("error").isNull()) {
          int index = order.indexOf(name);
          String answer = row.path("kind").asText().equals("classify") ? "label:" + row.path("predicted").asText(null) : row.path("text").asText(null);
          answers.computeIfAbsent(row.path("id").asText(), k -> new String[runTargets.size()]);
          if (index < runTargets.size()) {
            answers.get(row.path("id").asText())[index] = answer;
            if (row.path("kind").asText().equals("generate") && row.get("tokens") != null && row.get("tokens").isArray()) {
              keepTokens(tokens, row.path("id").asText(), index, runTargets.size(), row.get("tokens"));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + results, e);
    }
    for (TargetFigures f : figures.values()) {
      if (!f.labelled.isEmpty()) {
        f.calibration = Calibration.of(new ArrayList<>(f.labelled.values()), BINS);
      }
    }
    return new Summary(figures, agreement(runTargets, answers, tokens));
  }

  private static void keepTokens(Map<String, List<List<TokenLogprob>>> tokens, String id, int index, int targetCount, JsonNode array) {
    List<List<TokenLogprob>> slots = tokens.get(id);
    if (slots == null) {
      if (tokens.size() >= TOKEN_AGREEMENT_ITEMS * 2) {
        return; // enough items to compare; the rest are counted by their text only
      }
      slots = new ArrayList<>(java.util.Collections.nCopies(targetCount, null));
      tokens.put(id, slots);
    }
    slots.set(index, TokenJson.read(array));
  }

  private static void add(TargetFigures f, JsonNode row) {
    f.rows++;
    f.provider = row.path("provider").asText(f.provider);
    if (!row.path("model").isNull() && row.has("model")) {
      f.model = row.get("model").asText();
    }
    JsonNode error = row.get("error");
    if (error != null && !error.isNull()) {
      f.errors.merge(error.path("type").asText("Error"), 1L, Long::sum);
    } else {
      if (f.latencyCount == f.latencies.length) {
        f.latencies = Arrays.copyOf(f.latencies, f.latencies.length * 2);
      }
      f.latencies[f.latencyCount++] = row.path("latencyMs").asLong();
    }
    JsonNode usage = row.path("usage");
    f.promptTokens += usage.path("promptTokens").asLong(0);
    f.completionTokens += usage.path("completionTokens").asLong(0);
    f.totalTokens += usage.path("totalTokens").asLong(0);
    if (row.path("cost").isNumber()) {
      f.cost += row.get("cost").asDouble();
    } else {
      f.unpricedRows++;
    }
    JsonNode perplexity = row.path("stats").path("perplexity");
    if (perplexity.isNumber()) {
      f.perplexities.add(perplexity.asDouble());
    }
    if (row.path("kind").asText().equals("classify")) {
      f.classifyRows++;
      LabelledPrediction p = labelled(row);
      if (p != null) {
        f.labelled.put(row.path("id").asText(), p);
      }
    }
  }

  /** A classify row as a calibration item, or null without a gold label or with a label's logprob unknown. */
  private static LabelledPrediction labelled(JsonNode row) {
    String gold = row.path("gold").asText(null);
    JsonNode labels = row.get("labels");
    if (gold == null || labels == null || !labels.isArray() || labels.size() < 2) {
      return null;
    }
    List<String> names = new ArrayList<>();
    List<Double> logprobs = new ArrayList<>();
    for (JsonNode l : labels) {
      if (!l.path("logprob").isNumber()) {
        return null;
      }
      names.add(l.path("label").asText());
      logprobs.add(l.get("logprob").asDouble());
    }
    int index = names.indexOf(gold);
    return index < 0 ? null : new LabelledPrediction(names, logprobs, index);
  }

  private static List<PairAgreement> agreement(List<Target> runTargets, Map<String, String[]> answers, Map<String, List<List<TokenLogprob>>> tokens) {
    List<PairAgreement> pairs = new ArrayList<>();
    for (int i = 0; i < runTargets.size(); i++) {
      for (int j = i + 1; j < runTargets.size(); j++) {
        long both = 0;
        long same = 0;
        for (String[] a : answers.values()) {
          if (a[i] != null && a[j] != null) {
            both++;
            same += a[i].equals(a[j]) ? 1 : 0;
          }
        }
        double top1 = 0;
        int compared = 0;
        for (List<List<TokenLogprob>> t : tokens.values()) {
          if (compared >= TOKEN_AGREEMENT_ITEMS) {
            break;
          }
          List<TokenLogprob> a = t.get(i);
          List<TokenLogprob> b = t.get(j);
          if (a != null && b != null && !a.isEmpty() && !b.isEmpty()) {
            Double agreed = Agreement.of(a, b).summary().top1Agreement();
            if (agreed != null) {
              top1 += agreed;
              compared++;
            }
          }
        }
        pairs.add(new PairAgreement(runTargets.get(i).name(), runTargets.get(j).name(), both, same, top1, compared));
      }
    }
    return pairs;
  }

  /** The {@code p}-quantile (0..1) of sorted values, nearest rank; null when there are none. */
  static Long quantile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Writes {@code summary.json}. */
  void write(Path file, EvalOutcome outcome, PriceTable prices) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonGenerator json = new JsonFactory().createGenerator(w)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
      json.writeNumberField("total", outcome.total());
      json.writeNumberField("written", outcome.written());
      json.writeNumberField("resumed", outcome.resumed());
      json.writeBooleanField("tornLineDropped", outcome.tornLineDropped());
      json.writeNumberField("spend", outcome.spend());
      json.writeArrayFieldStart("targets");
      for (TargetFigures f : targets.values()) {
        writeTarget(json, f, prices);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("agreement");
      for (PairAgreement p : agreement) {
        json.writeStartObject();
        json.writeStringField("a", p.a());
        json.writeStringField("b", p.b());
        json.writeNumberField("items", p.items());
        json.writeNumberField("sameAnswer", p.same());
        number(json, "sameAnswerRate", p.sameRate());
        json.writeNumberField("tokenItems", p.tokenItems());
        number(json, "meanTop1Agreement", p.meanTop1());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writeTarget(JsonGenerator json, TargetFigures f, PriceTable prices) throws IOException {
    json.writeStartObject();
    json.writeStringField("target", f.name);
    json.writeStringField("provider", f.provider);
    json.writeStringField("model", f.model);
    json.writeNumberField("rows", f.rows);
    json.writeNumberField("errorRows", f.errorCount());
    json.writeObjectFieldStart("errors");
    for (Map.Entry<String, Long> e : f.errors.entrySet()) {
      json.writeNumberField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    long[] sorted = f.sortedLatencies();
    json.writeObjectFieldStart("latencyMs");
    number(json, "p50", quantile(sorted, 0.50));
    number(json, "p90", quantile(sorted, 0.90));
    number(json, "p99", quantile(sorted, 0.99));
    json.writeEndObject();
    json.writeObjectFieldStart("tokens");
    json.writeNumberField("prompt", f.promptTokens);
    json.writeNumberField("completion", f.completionTokens);
    json.writeNumberField("total", f.totalTokens);
    json.writeEndObject();
    number(json, "meanPerplexity", f.meanPerplexity());
    json.writeNumberField("perplexityRows", f.perplexities.size());
    json.writeFieldName("classification");
    if (f.classifyRows == 0) {
      json.writeNull();
    } else {
      json.writeStartObject();
      json.writeNumberField("rows", f.classifyRows);
      json.writeNumberField("labelled", f.labelled.size());
      number(json, "accuracy", f.calibration == null ? null : f.calibration.accuracy());
      number(json, "ece", f.calibration == null ? null : f.calibration.ece());
      number(json, "brier", f.calibration == null ? null : f.calibration.brier());
      json.writeEndObject();
    }
    json.writeObjectFieldStart("cost");
    json.writeNumberField("dollars", f.cost);
    json.writeNumberField("unpricedRows", f.unpricedRows);
    Price price = f.provider == null ? null : prices.find(f.provider, f.model);
    json.writeFieldName("price");
    if (price == null) {
      json.writeNull();
    } else {
      json.writeStartObject();
      json.writeNumberField("input", price.input());
      number(json, "cachedInput", price.cachedInput());
      json.writeNumberField("output", price.output());
      json.writeStringField("asOf", price.asOf());
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void number(JsonGenerator json, String field, Number value) throws IOException {
    if (value == null || (value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
      json.writeNullField(field);
    } else if (value instanceof Long l) {
      json.writeNumberField(field, l);
    } else {
      json.writeNumberField(field, value.doubleValue());
    }
  }
}
