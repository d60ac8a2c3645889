package dev.nexttoken.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prices per provider and model, dated. The built-in table ({@code prices.json} beside this class)
 * holds list prices as published on its {@code asOf} date; a file in the same shape overrides it
 * entry by entry: {@code {"asOf": "2026-01-15", "prices": [{"provider", "model", "input",
 * "cachedInput"?, "output"}]}}, model {@code "*"} for every model of a provider.
 *
 * <p>A model matches its entry exactly, else the longest entry it extends with a {@code -} (a dated
 * snapshot {@code gpt-4o-mini-2024-07-18} costs what {@code gpt-4o-mini} does), else the provider's
 * {@code "*"}; otherwise its price is unknown and its spend is not counted (the summary says so).
 */
public final class PriceTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(String provider, String model, Price price) {}

  private final List<Entry> entries;

  private PriceTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The built-in table. */
  public static PriceTable builtIn() {
    try (InputStream in = PriceTable.class.getResourceAsStream("prices.json")) {
      return new PriceTable(entries(JSON.readTree(in), "the built-in price table"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The built-in table with {@code file}'s entries first. */
  public static PriceTable withOverrides(Path file) {
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readString(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new EvalInputException("price file " + file + " does not exist");
    } catch (IOException e) {
      throw new EvalInputException("price file " + file + " is not readable JSON: " + e.getMessage(), e);
    }
    List<Entry> all = new ArrayList<>(entries(tree, "price file " + file));
    all.addAll(builtIn().entries);
    return new PriceTable(all);
  }

  /** The price of {@code model} at {@code provider}, or null when unknown. */
  public Price find(String provider, String model) {
    Entry best = null;
    for (Entry e : entries) {
      if (!e.provider.equals(provider)) {
        continue;
      }
      if (model != null && e.model.equals(model)) {
        return e.price;
      }
      boolean extends_ = model != null && model.startsWith(e.model + "-");
      if (extends_ && (best == null || best.model.equals("*") || e.model.length() > best.model.length())) {
        best = e;
      } else if (e.model.equals("*") && best == null) {
        best = e;
      }
    }
    return best == null ? null : best.price;
  }

  private static List<Entry> entries(JsonNode tree, String where) {
    if (tree == null || !tree.isObject() || !tree.path("prices").isArray()) {
      throw new EvalInputException(where + ": expected {\"asOf\": \"YYYY-MM-DD\", \"prices\": [{\"provider\", \"model\", \"input\", \"output\"}]}");
    }
    String asOf = tree.path("asOf").isTextual() ? tree.get("asOf").asText() : null;
    if (asOf == null) {
      throw new EvalInputException(where + ": \"asOf\" is missing; a price is only meaningful with its date");
    }
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode p : tree.get("prices")) {
      String at = where + " prices[" + i++ + "]: ";
      String provider = p.path("provider").asText(null);
      String model = p.path("model").asText(null);
      if (provider == null || model == null || !p.path("input").isNumber() || !p.path("output").isNumber()) {
        throw new EvalInputException(at + "needs \"provider\", \"model\" and numbers \"input\" and \"output\" (dollars per million tokens)");
      }
      JsonNode cached = p.get("cachedInput");
      if (cached != null && !cached.isNull() && !cached.isNumber()) {
        throw new EvalInputException(at + "\"cachedInput\" must be a number");
      }
      Price price = new Price(p.get("input").asDouble(), cached == null || cached.isNull() ? null : cached.asDouble(), p.get("output").asDouble(), asOf);
      entries.add(new Entry(provider.toLowerCase(Locale.ROOT), model, price));
    }
    return entries;
  }
}
