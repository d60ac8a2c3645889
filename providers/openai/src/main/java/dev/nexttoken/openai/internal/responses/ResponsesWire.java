package dev.nexttoken.openai.internal.responses;

import dev.nexttoken.Completion;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.io.InputStream;

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
}
