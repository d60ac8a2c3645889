package dev.nexttoken.cohere.internal;

import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cohere {@code LogprobItem}s to neutral per-token entries: one {@link TokenLogprob} per token id.
 *
 * <p>Alternatives are always null (Cohere reports none: unknown, not "zero asked for"); bytes are
 * null. A token's text is the item's text when the item has one id. When an item spans several ids
 * its text cannot be split by Cohere's answer alone: by default the whole text goes on the
 * <em>last</em> id and the ones before get {@code ""} (the text exists only once its last token is
 * generated, as with a multi-byte character), so the tokens' texts still add up to the generated
 * text. With {@link TokenTexts} each such id gets its own string from the tokenizer instead.
 */
public final class LogprobMapper {
  private final TokenTexts tokenTexts;
  private final String model;

  /**
   * @param tokenTexts where per-id strings come from, or null to attribute texts as described above
   * @param model the model whose tokenizer decodes ids
   */
  public LogprobMapper(TokenTexts tokenTexts, String model) {
    this.tokenTexts = tokenTexts;
    this.model = model;
  }

  /** The entries of all items, in order; id texts are fetched in one pass for the whole list. */
  public List<TokenLogprob> map(List<LogprobItem> items) {
    if (items == null) {
      return null; // none sent: no logprobs, as opposed to an empty list
    }
    Map<Integer, String> texts = resolve(items);
    List<TokenLogprob> out = new ArrayList<>();
    for (LogprobItem item : items) {
      append(item, texts, out);
    }
    return out;
  }

  /** The entries of one item (a stream event's), or null when the event carries none. */
  public List<TokenLogprob> map(LogprobItem item) {
    return item == null ? null : map(List.of(item));
  }

  private Map<Integer, String> resolve(List<LogprobItem> items) {
    if (tokenTexts == null) {
      return Map.of();
    }
    List<Integer> unattributed = new ArrayList<>();
    for (LogprobItem item : items) {
      if (item != null && !attributable(item)) {
        unattributed.addAll(ids(item));
      }
    }
    return unattributed.isEmpty() ? Map.of() : tokenTexts.resolve(model, unattributed);
  }

  private static void append(LogprobItem item, Map<Integer, String> texts, List<TokenLogprob> out) {
    if (item == null) {
      return;
    }
    List<Integer> ids = ids(item);
    String itemText = item.text() == null ? "" : item.text();
    for (int i = 0; i < ids.size(); i++) {
      Integer id = ids.get(i);
      String text;
      if (attributable(item)) {
        text = itemText;
      } else if (texts.containsKey(id)) {
        text = texts.get(id);
      } else {
        text = i == ids.size() - 1 ? itemText : "";
      }
      out.add(new TokenLogprob(text, null, id, logprob(item, i), null));
    }
  }

  /** Whether the item's own text belongs to its single token. */
  private static boolean attributable(LogprobItem item) {
    return ids(item).size() == 1 && item.text() != null;
  }

  private static List<Integer> ids(LogprobItem item) {
    return item.tokenIds() == null ? List.of() : item.tokenIds();
  }

  private static Double logprob(LogprobItem item, int i) {
    if (item.logprobs() == null || i >= item.logprobs().size() || item.logprobs().get(i) == null) {
      return null;
    }
    return Logprobs.fromProviderLogprob(item.logprobs().get(i));
  }
}
