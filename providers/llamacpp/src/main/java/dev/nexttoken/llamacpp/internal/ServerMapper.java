package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.llamacpp.ModelInfo;
import dev.nexttoken.llamacpp.ServerProps;
import dev.nexttoken.llamacpp.Token;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The utility endpoints' bodies as the public types. */
public final class ServerMapper {
  private static final String PROVIDER = "llamacpp";

  private ServerMapper() {}

  /** {@code /tokenize}'s tokens: plain ids, or {@code {id, piece}} with a string or byte-array piece. */
  public static List<Token> tokens(ServerDtos.TokenizeResponse response) {
    if (response.tokens() == null) {
      throw malformed("/tokenize returned no tokens field");
    }
    List<Token> out = new ArrayList<>(response.tokens().size());
    for (JsonNode node : response.tokens()) {
      if (node.isInt()) {
        out.add(new Token(node.intValue(), null, null));
      } else if (node.isObject() && node.path("id").isInt()) {
        out.add(piece(node.get("id").intValue(), node.get("piece")));
      } else {
        throw malformed("/tokenize returned an unexpected token: " + node);
      }
    }
    return out;
  }

  private static Token piece(int id, JsonNode piece) {
    if (piece != null && piece.isTextual()) {
      return new Token(id, piece.textValue(), piece.textValue().getBytes(StandardCharsets.UTF_8));
    }
    if (piece != null && piece.isArray()) {
      byte[] bytes = new byte[piece.size()];
      for (int i = 0; i < bytes.length; i++) {
        int b = piece.get(i).asInt(-1);
        if (b < 0 || b > 255) {
          throw malformed("/tokenize returned a piece byte out of range: " + piece.get(i));
        }
        bytes[i] = (byte) b;
      }
      // The server sends bytes only when they are not valid UTF-8; say so the way token logprobs do.
      return new Token(id, utf8OrEmpty(bytes), bytes);
    }
    throw malformed("/tokenize returned token " + id + " without a piece");
  }

  private static String utf8OrEmpty(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return "";
    }
  }

  public static ServerProps props(ServerDtos.PropsResponse r) {
    Integer nCtx = r.defaultGenerationSettings() != null && r.defaultGenerationSettings().nCtx() != null
        ? r.defaultGenerationSettings().nCtx()
        : r.nCtx();
    return new ServerProps(r.totalSlots(), r.modelPath(), r.chatTemplate(), r.buildInfo(), nCtx);
  }

  public static List<ModelInfo> models(ServerDtos.ModelsResponse r) {
    if (r.data() == null) {
      throw malformed("/v1/models returned no data field");
    }
    List<ModelInfo> out = new ArrayList<>(r.data().size());
    for (ServerDtos.ModelEntry e : r.data()) {
      ServerDtos.ModelMeta m = e.meta();
      out.add(m == null
          ? new ModelInfo(e.id(), null, null, null, null, null)
          : new ModelInfo(e.id(), m.nVocab(), m.nCtxTrain(), m.nEmbd(), m.nParams(), m.size()));
    }
    return out;
  }

  private static MalformedResponseException malformed(String why) {
    return new MalformedResponseException(PROVIDER + ": " + why, ErrorDetails.of(PROVIDER));
  }
}
