package dev.nexttoken.openai.internal.responses;

import dev.nexttoken.Completion;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** {@code POST /v1/responses}: the blocking answer and the stream's mapper. Stateless. */
public final class ResponsesWire {
  private ResponsesWire() {}

  /**
   * Reads a whole answer as it arrives (no copy of the body first) into a completion.
   *
   * @param logprobs what the request asked for: logprobs a server sends anyway are not read
   * @throws dev.nexttoken.error.StreamErrorException for a response with {@code status: failed}
   */
  public static Completion completion(InputStream body, ResponseMetadata headers, LogprobsOption logprobs, String provider)
      throws IOException {
    WireResponse response = Json.read(body, new ResponseReader(logprobs, true), provider, "a Responses API response");
    if (response == null) {
      throw new MalformedResponseException(provider + ": expected a Responses API response but the body was empty",
          ErrorDetails.of(provider));
    }
    return ResponsesMapping.toCompletion(response, headers, provider);
  }

  /** A fresh mapper for one stream's events. */
  public static EventMapper streamMapper(String provider, LogprobsOption logprobs) {
    return new ResponsesEventMapper(provider, logprobs);
  }

  /**
   * The logprobs a text part carried, or null when it carried none. The Responses API answers
   * {@code logprobs: []} for a part whose text has tokens when the logprobs were not included (the
   * include entry missing or ignored, §1.6): that is "none", not "a list of zero tokens", and is
   * reported as null as for every other provider. An empty list stays one only for empty text.
   */
  static List<TokenLogprob> carriedLogprobs(String text, List<TokenLogprob> logprobs) {
    return logprobs != null && logprobs.isEmpty() && text != null && !text.isEmpty() ? null : logprobs;
  }
}
