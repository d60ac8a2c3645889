package dev.nexttoken.contract;

import dev.nexttoken.Operation;
import mockwebserver3.MockResponse;

/** The contract again on the fake's chat, which streams NDJSON: the same promises in the other framing. */
class FakeProviderNdjsonContractTest extends FakeProviderContractTest {
  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse streamedAnswer() {
    return FakeProviderFixtures.streamedAnswerAsNdjson();
  }
}
