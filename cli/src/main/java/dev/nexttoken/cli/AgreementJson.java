package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.AgreementSummary;
import dev.nexttoken.logprob.AlignedPosition;
import dev.nexttoken.logprob.Bounds;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code compare}'s {@code agreement} entries: for a pair of providers A and B, every aligned position
 * ({@code offset, positionA, positionB, tokenA, tokenB, samePrefix, sameToken, top1Agree, rankOfAInB,
 * rankOfBInA, totalVariation {lower, upper}, jensenShannon {lower, upper}}) and the {@code summary}
 * over the comparable ones; and the one-line summary the table shows.
 */
final class AgreementJson {
  private AgreementJson() {}

  static void write(JsonGenerator json, String a, String b, Agreement agreement) throws IOException {
    json.writeStartObject();
    json.writeStringField("a", a);
    json.writeStringField("b", b);
    json.writeStringField("identity", agreement.identity().name().toLowerCase(Locale.ROOT));
    json.writeArrayFieldStart("positions");
    for (AlignedPosition p : agreement.positions()) {
      json.writeStartObject();
      json.writeNumberField("offset", p.offset());
      json.writeNumberField("positionA", p.positionA());
      json.writeNumberField("positionB", p.positionB());
      json.writeStringField("tokenA", p.tokenA());
      json.writeStringField("tokenB", p.tokenB());
      json.writeBooleanField("samePrefix", p.samePrefix());
      json.writeBooleanField("sameToken", p.sameToken());
      if (p.top1Agree() == null) {
        json.writeNullField("top1Agree");
      } else {
        json.writeBooleanField("top1Agree", p.top1Agree());
      }
      JsonDocument.integer(json, "rankOfAInB", p.rankOfAInB());
      JsonDocument.integer(json, "rankOfBInA", p.rankOfBInA());
      JsonDocument.bounds(json, "totalVariation", p.divergence().totalVariation());
      JsonDocument.bounds(json, "jensenShannon", p.divergence().jensenShannon());
      json.writeEndObject();
    }
    json.writeEndArray();
    AgreementSummary s = agreement.summary();
    json.writeObjectFieldStart("summary");
    json.writeNumberField("alignedPositions", s.alignedPositions());
    json.writeNumberField("comparablePositions", s.comparablePositions());
    JsonDocument.number(json, "top1Agreement", s.top1Agreement());
    JsonDocument.number(json, "sameTokenRate", s.sameTokenRate());
    JsonDocument.bounds(json, "meanTotalVariation", s.meanTotalVariation());
    JsonDocument.bounds(json, "meanJensenShannon", s.meanJensenShannon());
    JsonDocument.bounds(json, "maxTotalVariation", s.maxTotalVariation());
    JsonDocument.integer(json, "firstDifference", s.firstDifference());
    json.writeEndObject();
    json.writeEndObject();
  }

  /** {@code a vs b: 5 aligned, 3 comparable, top-1 agree 100%, same token 67%, TV 0.0100–0.2000, JS …, texts differ at byte 12}. */
  static String line(String a, String b, Agreement agreement) {
    AgreementSummary s = agreement.summary();
    return a + " vs " + b + ": " + s.alignedPositions() + " aligned, " + s.comparablePositions() + " comparable"
        + ", top-1 agree " + percent(s.top1Agreement()) + ", same token " + percent(s.sameTokenRate())
        + ", mean TV " + range(s.meanTotalVariation()) + ", mean JS " + range(s.meanJensenShannon())
        + (s.firstDifference() == null ? ", same text" : ", texts differ at byte " + s.firstDifference());
  }

  private static String percent(Double share) {
    return share == null ? "?" : Math.round(share * 100) + "%";
  }

  private static String range(Bounds b) {
    return b == null ? "?" : String.format(Locale.ROOT, "%.4f–%.4f", b.lower(), b.upper());
  }
}
