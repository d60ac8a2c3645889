package dev.nexttoken.openai.internal;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.wire.openai.FinishReasons;
import dev.nexttoken.wire.openai.Responses;
import dev.nexttoken.wire.openai.WireUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A whole {@code /v1/completions} response as a neutral {@link Completion}, with the prompt's
 * tokens split off when the prompt was echoed: its choice with index 0, the others ({@code n > 1})
 * in index order as {@link Completion#otherChoices()}, as a collected stream reports them. Every
 * choice shares the response's usage, model and metadata.
 */
public final class CompletionMapping {
  private CompletionMapping() {}

  /** @param provider the provider name for errors ({@code openai}, {@code vllm}) */
  public static Completion toCompletion(CompletionResponse response, ResponseMetadata headers, CompletionRequest request, String provider) {
    CompletionResponse.Choice first = CompletionChoices.required(response, provider);
    Usage usage = WireUsage.toUsage(response.usage());
    ResponseMetadata meta = Responses.metadata(headers, response.id(), Responses.fingerprint(response.systemFingerprint()));
    Completion main = choice(first, request, usage, response.model(), meta);
    if (response.choices().size() == 1) {
      return main;
    }
    List<CompletionResponse.Choice> rest = new ArrayList<>(response.choices());
    rest.remove(first);
    rest.removeIf(java.util.Objects::isNull);
    rest.sort(Comparator.comparingInt(CompletionResponse.Choice::index));
    List<Completion> others = new ArrayList<>(rest.size());
    for (CompletionResponse.Choice c : rest) {
      others.add(choice(c, request, usage, response.model(), meta));
    }
    return main.withOtherChoices(others);
  }

  private static Completion choice(CompletionResponse.Choice choice, CompletionRequest request, Usage usage, String model,
      ResponseMetadata meta) {
    LogprobsOption option = request.options().logprobsOrNone();
    int k = option.topLogprobs();
    String text = choice.text() == null ? "" : choice.text();
    CompletionResponse.Logprobs wire = choice.logprobs();
    // Null when the answer carries none, as for chat: not asked for, or "logprobs": null.
    List<TokenLogprob> generated = option.enabled() && wire != null && (wire.content() != null || wire.tokens() != null)
        ? new ArrayList<>() : null;
    List<TokenLogprob> prompt = null;
    boolean echoed = false;
    if (wire != null && wire.content() != null) {
      // llama.cpp: chat-style entries, generated tokens only (it does not echo).
      if (generated != null) {
        LogprobMapper.addEntries(wire.content(), k, generated);
      }
    } else if (wire != null && wire.tokens() != null) {
      // vLLM says how many tokens the prompt has (prompt_logprobs, one per token), which is exact
      // where the offsets are not (they count a beginning-of-sequence token's text).
      int split = !request.echoPrompt() ? 0
          : choice.promptLogprobs() != null && choice.promptLogprobs().size() <= wire.tokens().size() ? choice.promptLogprobs().size()
          : promptTokenCount(wire, request.prompt());
      echoed = split > 0;
      if (echoed) {
        prompt = new ArrayList<>(split);
        LogprobMapper.addLegacy(wire, 0, split, k, prompt);
      }
      if (generated != null) {
        LogprobMapper.addLegacy(wire, split, wire.tokens().size(), k, generated);
      }
    } else {
      echoed = request.echoPrompt() && !request.prompt().isEmpty() && text.startsWith(request.prompt());
    }
    if (echoed && text.startsWith(request.prompt())) {
      text = text.substring(request.prompt().length());
    }
    return new Completion(text, FinishReasons.of(choice.finishReason()), usage, model, meta, generated, prompt);
  }

  /**
   * How many leading tokens belong to the echoed prompt: those whose {@code text_offset} lies
   * before the prompt's end. Offsets count code points (OpenAI indexes Python strings), so the
   * prompt is measured the same way. Without offsets, the tokens are matched against the prompt's text.
   */
  static int promptTokenCount(CompletionResponse.Logprobs wire, String prompt) {
    List<String> tokens = wire.tokens();
    int[] offsets = wire.textOffset();
    if (offsets != null && offsets.length >= tokens.size()) {
      int end = prompt.codePointCount(0, prompt.length());
      int i = 0;
      while (i < tokens.size() && offsets[i] < end) {
        i++;
      }
      return i;
    }
    int consumed = 0;
    int i = 0;
    while (i < tokens.size() && consumed < prompt.length()) {
      String token = tokens.get(i) == null ? "" : tokens.get(i);
      if (!prompt.startsWith(token, consumed) && !token.startsWith(prompt.substring(consumed))) {
        return 0; // the tokens do not spell the prompt: it was not echoed
      }
      consumed += token.length();
      i++;
    }
    return consumed == prompt.length() ? i : 0;
  }
}
