package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * When two distributions name the same token. Ids mean nothing across vocabularies (token 2011 of one
 * model is not token 2011 of another), so comparing providers goes by text; two runs of one model
 * (or two versions sharing a tokenizer) may go by id.
 */
public enum TokenIdentity {
  /**
   * The same bytes (the token's text encoded as UTF-8 where its bytes are unknown). Tokens of one
   * vocabulary that spell the same bytes (a word piece and the byte token of the same character) are
   * one token under this identity, and their probabilities are added.
   */
  TEXT,
  /** The same id where both tokens carry one, else the same bytes as for {@link #TEXT}. */
  ID;

  /** The key two tokens share exactly when they are the same token under this identity. */
  String key(String token, byte[] bytes, Integer id) {
    if (this == ID && id != null) {
      return "#" + id;
    }
    // Latin-1 maps each byte to one char, so equal keys mean equal bytes.
    return "b" + new String(bytes != null ? bytes : token.getBytes(UTF_8), ISO_8859_1);
  }
}
