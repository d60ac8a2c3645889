package dev.nexttoken.cohere.internal;

import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text of single token ids, from {@code POST /v1/detokenize}, cached per model.
 *
 * <p>Detokenize returns one joined string for the ids it is given, so a per-token string needs one
 * call per id: ids are deduplicated per response and cached for the model's lifetime (the cache is
 * bounded by the vocabulary size). Thread-safe; two threads may fetch the same id once each.
 */
public final class TokenTexts {
  private final HttpTransport transport;
  private final Map<String, Map<Integer, String>> cache = new ConcurrentHashMap<>();

  public TokenTexts(HttpTransport transport) {
    this.transport = transport;
  }

  /** The text of each id, as {@code model}'s tokenizer decodes it alone; fetches the ones not cached. */
  public Map<Integer, String> resolve(String model, Collection<Integer> ids) {
    Map<Integer, String> known = cache.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
    Map<Integer, String> out = new HashMap<>();
    for (Integer id : new LinkedHashSet<>(ids)) {
      String text = known.get(id);
      if (text == null) {
        text = fetch(model, id);
        known.put(id, text);
      }
      out.put(id, text);
    }
    return out;
  }

  private String fetch(String model, int id) {
    HttpResult result = transport.postJson(CohereWire.DETOKENIZE_PATH, new DetokenizeBody(List.of(id), model));
    DetokenizeBody.Result body = Json.read(result.body(), DetokenizeBody.Result.class, CohereWire.PROVIDER, "a Cohere detokenize response");
    return body.text() == null ? "" : body.text();
  }
}
